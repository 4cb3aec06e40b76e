// The delivery policy, enforced when each message is sent: consent, STOP, languages, quiet hours (wait,
// never drop), the frequency cap across lenders, DND for voice and WhatsApp's 24-hour window.
import { afterEach, expect, it } from 'vitest';
import { listCampaigns, watchCampaign } from '../../src/campaigns/watch.js';
import { describeRedis } from '../support/redis.js';
import { DAYTIME, startEngine, TEMPLATE, type Engine } from './campaign-harness.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describeRedis('campaign delivery policy', () => {
  it('sends the template in each owner’s language and skips, with reasons, who must not get it', async () => {
    engine = await startEngine();
    const hindi = await engine.addOwner({ lang: 'hi' });
    const english = await engine.addOwner({ lang: 'en' });
    const tamil = await engine.addOwner({ lang: 'ta' });
    const withdrew = await engine.addOwner({ lang: 'hi', ledgerConsent: false });
    const stopped = await engine.addOwner({ lang: 'hi' });
    await engine.consent.suppress(stopped.ownerId, DAYTIME);

    const created = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', created.id);

    expect(view.stats).toMatchObject({ queued: 5, sent: 2, skipped: 3, failed: 0 });
    expect(view.stats.skippedBy).toEqual({ no_variant: 1, no_consent: 1, opted_out: 1 });
    expect(engine.fake.countFor(hindi.to)).toBe(1);
    expect(engine.fake.countFor(english.to)).toBe(1);
    for (const owner of [tamil, withdrew, stopped]) expect(engine.fake.countFor(owner.to)).toBe(0);
    const sent = engine.fake.messages.find((m) => m.to === hindi.to);
    expect(sent?.contentSid).toBe(TEMPLATE);
    expect(sent?.contentVariables).toEqual({ '1': 'Saathi' });
    expect(sent?.statusCallback).toBe('https://saathi.example/twilio/whatsapp/status');
    expect(await engine.store.recipient(created.id, tamil.ownerId)).toEqual({
      kind: 'skipped',
      reason: 'no_variant',
    });
    await engine.until('bank-a', created.id, (v) => v.state === 'completed');

    // The operator's views: the list, and the watch that ends with the campaign.
    const table = await listCampaigns(engine.store, 'bank-a');
    expect(table).toContain(created.id);
    expect(table).toMatch(/completed/);
    const printed: string[] = [];
    const last = await watchCampaign({
      store: engine.store,
      campaignId: created.id,
      write: (text) => void printed.push(text),
      intervalMs: 10,
    });
    expect(last?.sent).toBe(2);
    expect(printed.join('')).toContain('100%  5/5');
    for (const reason of ['no_variant 1', 'no_consent 1', 'opted_out 1'])
      expect(printed.join('')).toMatch(new RegExp(`skipped: .*${reason}`));
  });

  it('holds messages outside the sending window and sends them when it opens, never dropping them', async () => {
    engine = await startEngine();
    const owner = await engine.addOwner();
    const evening = Date.parse('2026-11-22T16:00:00Z'); // 21:30 IST
    engine.setNow(evening);
    const created = await engine.whatsappCampaign('bank-a');
    const queue = engine.queues.send(created.id);
    await expect.poll(async () => queue.getDelayedCount(), { timeout: 10_000 }).toBe(1);
    const [delayed] = await queue.getDelayed();
    // The delay points at 10:00 IST the next morning (by the engine's clock).
    const opening = Date.parse('2026-11-23T04:30:00Z');
    expect((delayed?.timestamp ?? 0) + (delayed?.delay ?? 0) - Date.now()).toBeGreaterThan(
      opening - evening - 60_000,
    );
    expect(engine.fake.countFor(owner.to)).toBe(0);

    engine.setNow(opening + 60_000);
    await delayed?.promote();
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ sent: 1, skipped: 0 });
    expect(engine.fake.countFor(owner.to)).toBe(1);
  });

  it('caps marketing per owner across lenders (2 per 7 days by default)', async () => {
    engine = await startEngine();
    const owner = await engine.addOwner();
    const first = await engine.whatsappCampaign('bank-a');
    await engine.until('bank-a', first.id);
    const second = await engine.whatsappCampaign('bank-b');
    await engine.until('bank-b', second.id);
    const third = await engine.whatsappCampaign('bank-a');
    const view = await engine.until('bank-a', third.id);
    expect(view.stats.skippedBy).toEqual({ frequency_cap: 1 });
    expect(engine.fake.countFor(owner.to)).toBe(2);

    // Eight days later the window has moved on.
    engine.setNow(DAYTIME + 8 * 86_400_000);
    const fourth = await engine.whatsappCampaign('bank-b');
    expect((await engine.until('bank-b', fourth.id)).stats.sent).toBe(1);
    expect(engine.fake.countFor(owner.to)).toBe(3);
  });

  it('skips numbers on the DND list for voice campaigns only', async () => {
    engine = await startEngine();
    const listed = await engine.addOwner({ lang: 'hi' });
    const free = await engine.addOwner({ lang: 'hi' });
    const result = await engine.dnd.importLines([`phone`, listed.phone.slice(3), 'not-a-number']);
    expect(result).toMatchObject({ imported: 1, invalid: 1 });

    const call = await engine.service.create(engine.lender('bank-a'), {
      name: 'Call about MUDRA',
      audience: {},
      channel: 'voice',
      messages: { hi: 'नमस्ते, आपके व्यापार के लिए एक ऋण प्रस्ताव है।' },
      schedule: { start: DAYTIME - 60_000, end: DAYTIME + 86_400_000 },
    });
    const view = await engine.until('bank-a', call.id);
    expect(view.stats).toMatchObject({ sent: 1, skippedBy: { dnd: 1 } });
    expect(engine.fake.countFor(listed.phone, 'Calls')).toBe(0);
    expect(engine.fake.countFor(free.phone, 'Calls')).toBe(1);
    const placed = engine.fake.calls.find((c) => c.to === free.phone);
    expect(placed?.url).toBe(`https://saathi.example/twilio/voice?campaign=${call.id}`);

    const whatsapp = await engine.whatsappCampaign('bank-b');
    expect((await engine.until('bank-b', whatsapp.id)).stats.sent).toBe(2);
  });

  it('sends approved free-form text only inside the 24-hour window, the template outside it', async () => {
    engine = await startEngine();
    const recent = await engine.addOwner({ lang: 'hi' });
    const quiet = await engine.addOwner({ lang: 'hi' });
    await engine.sessions.touch(recent.ownerId, DAYTIME - 3_600_000);
    await engine.sessions.touch(quiet.ownerId, DAYTIME - 25 * 3_600_000);
    const created = await engine.whatsappCampaign('bank-a', {
      messages: { hi: 'दिवाली पर कार्यशील पूंजी ऋण, 9% से।' },
    });
    await engine.until('bank-a', created.id);
    const toRecent = engine.fake.messages.find((m) => m.to === recent.to);
    const toQuiet = engine.fake.messages.find((m) => m.to === quiet.to);
    expect(toRecent?.body).toBe('दिवाली पर कार्यशील पूंजी ऋण, 9% से।');
    expect(toRecent?.contentSid).toBeUndefined();
    expect(toQuiet?.contentSid).toBe(TEMPLATE);
    expect(toQuiet?.body).toBeUndefined();
  });

  it('does not send to an owner who says STOP while their job waits (counted as opted out)', async () => {
    engine = await startEngine();
    const owner = await engine.addOwner();
    const other = await engine.addOwner();
    engine.setNow(Date.parse('2026-11-22T16:00:00Z')); // after hours: the jobs wait
    const created = await engine.whatsappCampaign('bank-a');
    const queue = engine.queues.send(created.id);
    await expect.poll(async () => queue.getDelayedCount(), { timeout: 10_000 }).toBe(2);
    await engine.consent.suppress(owner.ownerId, engine.clock());
    engine.setNow(Date.parse('2026-11-23T05:00:00Z'));
    for (const job of await queue.getDelayed()) await job.promote();
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ sent: 1, skippedBy: { opted_out: 1 } });
    expect(engine.fake.countFor(owner.to)).toBe(0);
    expect(engine.fake.countFor(other.to)).toBe(1);
  });
});
