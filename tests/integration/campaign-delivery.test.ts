// Reliable delivery: retries with backoff on 429/5xx, permanent errors recorded with Twilio's code and
// reason, opt-out codes suppressing the owner, and exactly one provider message per (campaign, owner)
// when a worker dies mid-send or the send throws after the provider accepted.
import { afterEach, expect, it } from 'vitest';
import type { Sender } from '../../src/channels/sender.js';
import { fanOut } from '../../src/campaigns/fanout.js';
import { describeRedis } from '../support/redis.js';
import { startEngine, type Engine } from './campaign-harness.js';

let engine: Engine | undefined;
const release: (() => void)[] = [];
afterEach(async () => {
  for (const resolve of release.splice(0)) resolve();
  await engine?.close();
  engine = undefined;
});

describeRedis('campaign delivery', () => {
  it('retries 429 and 5xx answers with backoff, then sends once', async () => {
    engine = await startEngine();
    const limited = await engine.addOwner();
    const flaky = await engine.addOwner();
    engine.fake.failFor(limited.to, 429, { times: 1 });
    engine.fake.failFor(flaky.to, 503, { times: 2 });
    const created = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ sent: 2, failed: 0 });
    expect(engine.fake.countFor(limited.to)).toBe(1);
    expect(engine.fake.countFor(flaky.to)).toBe(1);
    expect(engine.fake.attempts.filter((a) => a.to === flaky.to).map((a) => a.outcome)).toEqual([
      503, 503, 201,
    ]);
  });

  it('never resends after a timeout or a dropped connection: the message may have gone out', async () => {
    engine = await startEngine();
    const reset = await engine.addOwner();
    const refused = await engine.addOwner();
    engine.fake.failFor(reset.to, 'reset', { times: 1 });
    engine.fake.failFor(refused.to, 503, { times: 1 });
    const created = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', created.id);
    // The reset may have reached Twilio: recorded unknown, one attempt only. The 503 did not: retried once.
    expect(view.stats).toMatchObject({ sent: 1, unknown: 1 });
    expect(engine.fake.attempts.filter((a) => a.to === reset.to)).toHaveLength(1);
    expect(await engine.store.recipient(created.id, reset.ownerId)).toEqual({ kind: 'unknown' });
    expect(engine.fake.countFor(refused.to)).toBe(1);
  });

  it('records permanent errors with Twilio’s code and reason, without retrying', async () => {
    engine = await startEngine();
    const invalid = await engine.addOwner();
    const unsubscribed = await engine.addOwner();
    const down = await engine.addOwner();
    engine.fake.failFor(invalid.to, 63003);
    engine.fake.failFor(unsubscribed.to, 21610);
    engine.fake.failFor(down.to, 500);
    const created = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ sent: 0, failed: 3, failedAtSend: 3, optedOut: 1 });
    expect(view.stats.failedBy).toEqual({
      "'To' is not a valid WhatsApp address (63003)": 1,
      'recipient has unsubscribed (replied STOP) (21610)': 1,
      'Twilio internal server error (20500)': 1,
    });
    expect(engine.fake.attempts.filter((a) => a.to === invalid.to)).toHaveLength(1);
    expect(engine.fake.attempts.filter((a) => a.to === down.to)).toHaveLength(4); // every attempt used
    expect(await engine.store.recipient(created.id, invalid.ownerId)).toEqual({
      kind: 'failed',
      code: 63003,
      reason: "'To' is not a valid WhatsApp address (63003)",
    });
    // 21610: opted out everywhere, so the next campaign skips them.
    expect(await engine.consent.isSuppressed(unsubscribed.ownerId)).toBe(true);
    const next = await engine.whatsappCampaign('bank-b');
    expect((await engine.until('bank-b', next.id)).stats.skippedBy).toMatchObject({ opted_out: 1 });
  });

  it('never resends when the send throws after the provider accepted the message', async () => {
    let crashes = 0;
    engine = await startEngine({
      wrapSender: (sender: Sender): Sender => ({
        ...sender,
        sendMessage: async (message) => {
          await sender.sendMessage(message);
          crashes += 1;
          throw new Error('process lost after Twilio answered');
        },
      }),
    });
    const owners = await Promise.all([1, 2, 3].map(() => engine!.addOwner()));
    const created = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ queued: 3, sent: 0, unknown: 3 });
    expect(crashes).toBe(3);
    // A second fan-out of the same campaign (say, after a crash of the fan-out) sends nothing more.
    await fanOut({ store: engine.store, audience: engine.audience, queues: engine.queues }, created.id);
    await engine.until('bank-a', created.id);
    for (const owner of owners) expect(engine.fake.countFor(owner.to)).toBe(1);
    expect(engine.fake.duplicates()).toEqual([]);
  });

  it('a worker that dies mid-send leaves the message unknown, not sent twice', async () => {
    engine = await startEngine({
      startWorkers: false,
      leaseMs: 30_000,
      wrapSender: (sender: Sender): Sender => ({
        ...sender,
        sendMessage: async (message) => {
          await sender.sendMessage(message);
          // The provider has the message; this process never learns it (it is about to die).
          return new Promise((resolve) => release.push(() => resolve({ sid: 'SMlost', status: 'queued' })));
        },
      }),
    });
    const owner = await engine.addOwner();
    const first = engine.startWorkers({ lockDuration: 600, stalledInterval: 300 });
    const created = await engine.whatsappCampaign('bank-a');
    await engine.fake.waitFor(() => engine!.fake.countFor(owner.to) === 1);
    await first.close(true); // the worker dies with the job in flight

    engine.setNow(engine.clock() + 31_000); // the claim's lease has run out
    engine.startWorkers({ lockDuration: 600, stalledInterval: 300 });
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ queued: 1, sent: 0, unknown: 1 });
    expect(engine.fake.countFor(owner.to)).toBe(1);
    expect(await engine.store.recipient(created.id, owner.ownerId)).toEqual({ kind: 'unknown' });
  });

  it('pauses, resumes and cancels a lender’s campaign', async () => {
    engine = await startEngine({ startWorkers: false });
    const owners = await Promise.all([1, 2, 3, 4].map(() => engine!.addOwner()));
    const lender = engine.lender('bank-a');
    const created = await engine.whatsappCampaign('bank-a');
    expect((await engine.service.pause(lender, created.id))?.state).toBe('paused');
    engine.startWorkers();
    await engine.until('bank-a', created.id, (v) => v.stats.fanoutDone && v.stats.queued === 4);
    expect(await engine.queues.send(created.id).isPaused()).toBe(true);
    expect(engine.fake.totals.messages).toBe(0);

    expect((await engine.service.resume(lender, created.id))?.state).toBe('running');
    const view = await engine.until('bank-a', created.id, (v) => v.state === 'completed');
    expect(view.stats.sent).toBe(4);
    for (const owner of owners) expect(engine.fake.countFor(owner.to)).toBe(1);
    await expect(engine.service.pause(lender, created.id)).rejects.toThrow(/completed/);

    const other = await engine.whatsappCampaign('bank-b');
    await engine.service.pause(engine.lender('bank-b'), other.id);
    const cancelled = await engine.service.cancel(engine.lender('bank-b'), other.id);
    expect(cancelled?.state).toBe('cancelled');
    expect(await engine.service.cancel(lender, other.id)).toBeUndefined(); // not bank-a's
  });
});
