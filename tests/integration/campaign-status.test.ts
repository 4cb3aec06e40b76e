// Status callbacks and replies after a campaign: mapped by sid, never moving backwards, counted once.
import { afterEach, expect, it } from 'vitest';
import { campaignVoiceMessage } from '../../src/campaigns/voice.js';
import { recordCampaignReply, recordCampaignStatus } from '../../src/campaigns/status.js';
import type { Translator } from '../../src/language/translate/index.js';
import { createRedisAdmitAndBegin, windowKeysOf } from '../../src/adapters/redis-turn-start.js';
import { describeRedis } from '../support/redis.js';
import { messageSid } from '../support/whatsapp.js';
import { DAYTIME, startEngine, type Engine } from './campaign-harness.js';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describeRedis('campaign status callbacks', () => {
  it('moves each recipient forward only and keeps the counters right', async () => {
    engine = await startEngine();
    const reader = await engine.addOwner();
    const unreachable = await engine.addOwner();
    const blocker = await engine.addOwner();
    const created = await engine.whatsappCampaign('bank-a');
    await engine.until('bank-a', created.id);
    const sid = (to: string) => engine!.fake.messages.find((m) => m.to === to)?.sid ?? '';
    const deps = { store: engine.store, consent: engine.consent };
    const at = DAYTIME;

    await recordCampaignStatus(deps, { messageSid: sid(reader.to), status: 'sent', at });
    await recordCampaignStatus(deps, { messageSid: sid(reader.to), status: 'read', at });
    // Late and repeated callbacks change nothing.
    expect(
      await recordCampaignStatus(deps, { messageSid: sid(reader.to), status: 'delivered', at }),
    ).toBeUndefined();
    expect(
      await recordCampaignStatus(deps, { messageSid: sid(reader.to), status: 'read', at }),
    ).toBeUndefined();
    await recordCampaignStatus(deps, { messageSid: sid(unreachable.to), status: 'delivered', at });
    expect(
      await recordCampaignStatus(deps, {
        messageSid: sid(unreachable.to),
        status: 'undelivered',
        errorCode: '30003',
        at,
      }),
    ).toBeUndefined();
    await recordCampaignStatus(deps, {
      messageSid: sid(blocker.to),
      status: 'failed',
      errorCode: '63014',
      at,
    });
    expect(await recordCampaignStatus(deps, { messageSid: 'SMnotours', status: 'read', at })).toBeUndefined();

    const view = await engine.service.get(engine.lender('bank-a'), created.id);
    expect(view?.stats).toMatchObject({
      sent: 3,
      delivered: 2,
      read: 1,
      failed: 1,
      failedAtSend: 0,
      optedOut: 1,
    });
    expect(view?.stats.failedBy).toEqual({
      'recipient blocked this business or opted out on WhatsApp (63014)': 1,
    });
    expect(await engine.store.recipient(created.id, reader.ownerId)).toMatchObject({
      kind: 'sent',
      status: 'read',
    });
    expect(await engine.consent.isSuppressed(blocker.ownerId)).toBe(true);

    // Replies are credited once to the campaign that last reached the owner.
    expect(await recordCampaignReply(deps, reader.ownerId, { interested: false })).toBe(created.id);
    await recordCampaignReply(deps, reader.ownerId, { interested: true });
    await recordCampaignReply(deps, reader.ownerId, { interested: true });
    const stranger = await engine.addOwner();
    expect(await recordCampaignReply(deps, stranger.ownerId, { interested: true })).toBeUndefined();
    expect((await engine.service.get(engine.lender('bank-a'), created.id))?.stats).toMatchObject({
      replied: 1,
      interested: 1,
    });
  });

  it('the webhook’s first script touches the session window and reads the last campaign, newest time winning', async () => {
    engine = await startEngine();
    const reader = await engine.addOwner();
    const created = await engine.whatsappCampaign('bank-a');
    await engine.until('bank-a', created.id);
    const { sessions, store, redis, sealer, prefix } = engine;
    const admitAndBegin = createRedisAdmitAndBegin({
      redis,
      sealer,
      prefix,
      campaigns: windowKeysOf(prefix, store),
    });
    const message = (ownerId: string, at: number) =>
      admitAndBegin(
        {
          ownerId,
          inbound: {
            channel: 'whatsapp',
            messageId: messageSid(),
            from: reader.to,
            text: 'hello',
            media: [],
            receivedAt: new Date(at),
          },
        },
        { now: at, perMinute: 2, dueAt: at + 1000 },
      );
    // All three in one clock minute (the flood limit here is 2 a minute).
    const first = await message(reader.ownerId, DAYTIME + 2000);
    expect(first).toMatchObject({ admission: 'admitted', lastCampaign: created.id });
    expect(await first.begun).toEqual({});
    // An older message arriving late neither moves the window back nor loses the read.
    expect((await message(reader.ownerId, DAYTIME + 1000)).lastCampaign).toBe(created.id);
    expect(await sessions.lastInbound(reader.ownerId)).toBe(DAYTIME + 2000);
    // Turned away by the flood limit: nothing read, nothing touched.
    const flooded = await message(reader.ownerId, DAYTIME + 3000);
    expect(flooded).toEqual({ admission: 'flooded' });
    expect(await sessions.lastInbound(reader.ownerId)).toBe(DAYTIME + 2000);
    const stranger = await engine.addOwner();
    const theirs = await message(stranger.ownerId, DAYTIME);
    expect(theirs.admission).toBe('admitted');
    expect(theirs.lastCampaign).toBeUndefined();
    expect(await sessions.isOpen(stranger.ownerId, DAYTIME + 1000)).toBe(true);
  });

  it('maps call statuses and serves the approved voice message per language', async () => {
    engine = await startEngine();
    const answered = await engine.addOwner({ lang: 'hi' });
    const missed = await engine.addOwner({ lang: 'hi' });
    const english = await engine.addOwner({ lang: 'en' });
    const created = await engine.service.create(engine.lender('bank-a'), {
      name: 'Call',
      audience: {},
      channel: 'voice',
      messages: { hi: 'नमस्ते! एक नया ऋण प्रस्ताव है।', en: 'Hello! A new loan offer.' },
      schedule: { start: DAYTIME - 1000, end: DAYTIME + 86_400_000 },
    });
    await engine.until('bank-a', created.id);
    const sid = (phone: string) => engine!.fake.calls.find((c) => c.to === phone)?.sid ?? '';
    const deps = { store: engine.store, consent: engine.consent };
    await recordCampaignStatus(deps, { messageSid: sid(answered.phone), status: 'ringing', at: DAYTIME });
    await recordCampaignStatus(deps, { messageSid: sid(answered.phone), status: 'completed', at: DAYTIME });
    await recordCampaignStatus(deps, { messageSid: sid(missed.phone), status: 'no-answer', at: DAYTIME });
    expect(engine.fake.countFor(english.phone, 'Calls')).toBe(1);
    const view = await engine.service.get(engine.lender('bank-a'), created.id);
    expect(view?.stats).toMatchObject({
      sent: 3,
      delivered: 1,
      failed: 1,
      failedBy: { 'the call was not answered': 1 },
    });
    expect(await campaignVoiceMessage(engine, created.id, 'hi')).toBe('नमस्ते! एक नया ऋण प्रस्ताव है।');
    expect(await campaignVoiceMessage(engine, created.id, 'ta')).toBeUndefined();
  });

  it('sends machine-translated text only after a person approves it, per language', async () => {
    // A translator port fake: marks its output so the test can see which text went out.
    const translator: Translator = {
      configured: true,
      translate: (texts, _from, to) => Promise.resolve(texts.map((text) => `[${to}] ${text}`)),
    };
    engine = await startEngine({ translator });
    const owners = {
      hi: await engine.addOwner({ lang: 'hi' }),
      ta: await engine.addOwner({ lang: 'ta' }),
      bn: await engine.addOwner({ lang: 'bn' }),
    };
    const lender = engine.lender('bank-a');
    const created = await engine.service.create(lender, {
      name: 'Call',
      audience: {},
      channel: 'voice',
      messages: { hi: 'नमस्ते! एक नया ऋण प्रस्ताव है।' },
      translateTo: ['ta', 'bn'],
      schedule: { start: DAYTIME + 1_500, end: DAYTIME + 86_400_000 },
    });
    expect(created.languages).toEqual({ ready: ['hi'], awaitingApproval: ['ta', 'bn'] });
    expect(await campaignVoiceMessage(engine, created.id, 'ta')).toBeUndefined();
    await expect(engine.service.approve(lender, created.id, 'pa')).rejects.toThrow(/no pa text/);
    expect(await engine.service.approve(engine.lender('bank-b'), created.id, 'ta')).toBeUndefined();

    const approved = await engine.service.approve(lender, created.id, 'ta');
    expect(approved?.languages).toEqual({ ready: ['hi', 'ta'], awaitingApproval: ['bn'] });
    engine.setNow(DAYTIME + 2_000);
    const view = await engine.until('bank-a', created.id);
    expect(view.stats).toMatchObject({ sent: 2, skippedBy: { no_variant: 1 } });
    expect(engine.fake.countFor(owners.ta.phone, 'Calls')).toBe(1);
    expect(engine.fake.countFor(owners.bn.phone, 'Calls')).toBe(0);
    expect(await campaignVoiceMessage(engine, created.id, 'ta')).toBe('[ta] नमस्ते! एक नया ऋण प्रस्ताव है।');
  });
});
