// One owner's campaign data in the Redis campaign store and BullMQ: the per-owner index that markQueued
// keeps, what ofOwner exports (records, reactions, last campaign, frequency entries, session window),
// and erasure — records, sid lookups, reactions and waiting send jobs go for that owner only, while the
// campaign counters stay.
import { afterEach, expect, it } from 'vitest';
import { fanOut } from '../../src/campaigns/fanout.js';
import { campaignDataOf, eraseCampaignOwner } from '../../src/campaigns/owner-data.js';
import { describeRedis } from '../support/redis.js';
import { DAYTIME, startEngine, type Engine } from './campaign-harness.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describeRedis('campaign data of one owner', () => {
  it('exports an owner’s records across campaigns and erases them, leaving counters and others', async () => {
    engine = await startEngine();
    const asha = await engine.addOwner();
    const ravi = await engine.addOwner();
    const first = await engine.whatsappCampaign('bank-a');
    await engine.until('bank-a', first.id);
    const second = await engine.whatsappCampaign('bank-b');
    await engine.until('bank-b', second.id);
    await engine.store.recordReaction(second.id, asha.ownerId, 'replied');
    await engine.store.recordReaction(second.id, asha.ownerId, 'interested');
    await engine.sessions.touch(asha.ownerId, DAYTIME);

    const deps = { store: engine.store, sessions: engine.sessions, queues: engine.queues };
    const data = await campaignDataOf(deps, asha.ownerId);
    expect(data.recipients.map((r) => r.campaignId).sort()).toEqual([first.id, second.id].sort());
    for (const r of data.recipients) expect(r.state.kind).toBe('sent');
    expect(data.recipients.find((r) => r.campaignId === second.id)?.reactions).toEqual([
      'replied',
      'interested',
    ]);
    expect(data.lastCampaign).toBe(second.id);
    expect(Object.keys(data.frequency).sort()).toEqual([first.id, second.id].sort());
    expect(data.lastInbound).toBe(DAYTIME);
    const sid = (data.recipients[0]?.state as { sid: string }).sid;
    expect(await engine.store.bySid(sid)).toMatchObject({ ownerId: asha.ownerId });

    expect(await eraseCampaignOwner(deps, asha.ownerId)).toBe(2);
    expect(await campaignDataOf(deps, asha.ownerId)).toEqual({ recipients: [], frequency: {} });
    expect(await engine.store.bySid(sid)).toBeUndefined();
    expect(await engine.store.recipient(first.id, asha.ownerId)).toBeUndefined();
    expect((await engine.store.recipient(first.id, ravi.ownerId))?.kind).toBe('sent');
    expect((await campaignDataOf(deps, ravi.ownerId)).recipients).toHaveLength(2);
    expect(await engine.store.counters(second.id)).toMatchObject({ queued: 2, sent: 2, replied: 1 });
    expect(await eraseCampaignOwner(deps, asha.ownerId)).toBe(0);
  });

  it('removes a send job still waiting, so the erased owner is never sent to', async () => {
    engine = await startEngine({ startWorkers: false });
    const asha = await engine.addOwner();
    const ravi = await engine.addOwner();
    const created = await engine.whatsappCampaign('bank-a');
    expect((await fanOut(engine, created.id)).queued).toBe(2);
    const queue = engine.queues.send(created.id);
    const jobOf = (ownerId: string) => engine?.queues.sendJobId(created.id, ownerId) ?? '';
    expect(await queue.getJob(jobOf(asha.ownerId))).toBeDefined();

    // The rest of an erasure: the profile goes, and with it the owner's place in the audience index (the
    // campaign's own fan-out job runs again when the workers start and must not find them).
    await engine.profiles.delete(asha.ownerId);
    engine.audience.track(asha.ownerId, undefined);
    const deps = { store: engine.store, sessions: engine.sessions, queues: engine.queues };
    expect(await eraseCampaignOwner(deps, asha.ownerId)).toBe(1);
    expect(await queue.getJob(jobOf(asha.ownerId))).toBeUndefined();
    expect(await queue.getJob(jobOf(ravi.ownerId))).toBeDefined();

    engine.startWorkers();
    await engine.until('bank-a', created.id, (view) => view.stats.sent === 1);
    expect(engine.fake.countFor(asha.to)).toBe(0);
    expect(engine.fake.countFor(ravi.to)).toBe(1);
  });
});
