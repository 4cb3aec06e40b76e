// Erasure reaches campaign data: an owner who got a lender's campaign message, answered it and said STOP,
// then DELETE in chat, leaves nothing under the Redis prefix that names their owner id — not in a key,
// a hash field, a member or a value (but the 2-minute flood counter) — while the campaign's counters stay and the STOP suppression (a
// keyed hash of the owner id, never the id) still holds. The operator's export then shows nothing but it,
// and the operator's own erasure (admin API) leaves as little.
import type { Redis } from 'ioredis';
import request from 'supertest';
import { afterEach, expect, it } from 'vitest';
import { createRecordingSender } from '../../src/adapters/recording-sender.js';
import type { Runtime } from '../../src/main.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';
import { owner, VENDOR_ONBOARDING } from '../support/whatsapp.js';

const ADMIN_TOKEN = 'e'.repeat(48);
const ONBOARDING = [...VENDOR_ONBOARDING, 'yes', 'yes' /* lenders may send offers */];
const TEMPLATE = `HX${'b'.repeat(32)}`;

let cleanupAll: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanupAll?.();
  cleanupAll = undefined;
});

/** Every place a string can hide in Redis, for each key under `prefix`: name, fields, members, values. */
async function keysMentioning(redis: Redis, prefix: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let parts: string[] = [key];
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      else if (type === 'hash') parts = parts.concat(Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'set') parts = parts.concat(await redis.smembers(key));
      else if (type === 'zset') parts = parts.concat(await redis.zrange(key, 0, -1));
      else if (type === 'list') parts = parts.concat(await redis.lrange(key, 0, -1));
      else if (type === 'stream')
        parts = parts.concat((await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
      if (parts.some((part) => part.includes(needle))) found.push(`${type} ${key.slice(prefix.length)}`);
    }
  } while (cursor !== '0');
  return found;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeRedis('erasure of campaign data', () => {
  it('leaves no trace of the owner id under the prefix, keeps counters and the STOP suppression', async () => {
    const prefix = testPrefix();
    const redis = connect();
    const sender = createRecordingSender();
    const runtime: Runtime = testRuntime(
      {
        REDIS_URL,
        SAATHI_FLOOD_PER_MINUTE: '1000',
        SAATHI_QUIET_HOURS_WHATSAPP: '00:00-24:00',
        SAATHI_ADMIN_TOKEN: ADMIN_TOKEN,
      },
      { redisPrefix: prefix, sender },
    );
    const campaigns = runtime.campaigns;
    if (!campaigns) throw new Error('campaigns need Redis');
    const workers = campaigns.startWorkers({ concurrency: 4, pollMs: 50 });
    cleanupAll = async () => {
      await workers.close(true);
      await runtime.close();
      await cleanup(redis, prefix);
      redis.disconnect();
    };

    const from = 'whatsapp:+919855511111';
    const ownerId = runtime.engine.ownerId(from);
    const say = owner(runtime.app, from, 'Asha');
    for (const answer of ONBOARDING) await say(answer);
    expect((await runtime.profiles.get(ownerId))?.marketingConsent).toBe(true);

    const lender = { id: 'lnd_erase', name: 'Pragati Finance' };
    const created = await campaigns.service.create(lender, {
      name: 'Festive stock',
      audience: {},
      channel: 'whatsapp',
      templates: { en: { contentSid: TEMPLATE }, hi: { contentSid: TEMPLATE } },
      schedule: { start: Date.now() - 60_000, end: Date.now() + 86_400_000 },
    });
    await until(
      async () => (await campaigns.store.recipient(created.id, ownerId))?.kind === 'sent',
      'the campaign message',
    );
    expect(sender.sent().filter((s) => s.kind === 'message' && s.message.to === from)).toHaveLength(1);

    await say('hello'); // a reply, credited to the campaign
    await say('STOP');
    await until(
      async () => (await campaigns.store.counters(created.id)).optedOut === 1,
      'the opt-out counted',
    );
    const before = await keysMentioning(redis, prefix, ownerId);
    expect(before.some((k) => k.includes(`cmp:${created.id}:r`))).toBe(true);
    expect(before.some((k) => k.startsWith('string cmp-sid:'))).toBe(true);
    const full = await request(runtime.app)
      .get('/admin/v1/owners/export')
      .query({ number: '+919855511111' })
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      ownerId,
      profile: { ownerId, marketingConsent: false },
      consent: { suppressed: true },
      campaigns: {
        recipients: [
          { campaignId: created.id, state: { kind: 'sent' }, reactions: ['replied', 'opted_out'] },
        ],
        lastCampaign: created.id,
        frequency: { [created.id]: expect.any(Number) as number },
        lastInbound: expect.any(Number) as number,
      },
    });

    await say('delete');
    await say('1');

    // The one exception: the flood counter of the DELETE message itself, a count that expires in 2 minutes.
    const left = await keysMentioning(redis, prefix, ownerId);
    const flood = left.filter((k) => k.startsWith(`string flood:${ownerId}:`));
    expect(left.filter((k) => !flood.includes(k))).toEqual([]);
    for (const k of flood) {
      const ttl = await redis.ttl(`${prefix}${k.slice('string '.length)}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(120);
    }
    expect(await runtime.ledger.isSuppressed(ownerId)).toBe(true);
    expect(await campaigns.store.counters(created.id)).toMatchObject({
      queued: 1,
      sent: 1,
      replied: 1,
      optedOut: 1,
    });

    const exported = await request(runtime.app)
      .get('/admin/v1/owners/export')
      .query({ number: '+919855511111' })
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      ownerId,
      conversation: null,
      profile: null,
      consent: { history: [], suppressed: true },
      feedback: { dismissed: [], seen: {} },
      leads: [],
      campaigns: { recipients: [], frequency: {} },
    });
    expect((exported.body as { campaigns: object }).campaigns).not.toHaveProperty('lastCampaign');
    expect((exported.body as { campaigns: object }).campaigns).not.toHaveProperty('lastInbound');
  });

  it('the operator’s DELETE erases as much as the owner’s own', async () => {
    const prefix = testPrefix();
    const redis = connect();
    const runtime: Runtime = testRuntime(
      { REDIS_URL, SAATHI_FLOOD_PER_MINUTE: '1000', SAATHI_ADMIN_TOKEN: ADMIN_TOKEN },
      { redisPrefix: prefix, sender: createRecordingSender() },
    );
    cleanupAll = async () => {
      await runtime.close();
      await cleanup(redis, prefix);
      redis.disconnect();
    };
    const from = 'whatsapp:+919855533333';
    const ownerId = runtime.engine.ownerId(from);
    const say = owner(runtime.app, from, 'Ravi');
    for (const answer of ONBOARDING) await say(answer);
    await say('not for me 1');
    expect((await keysMentioning(redis, prefix, ownerId)).length).toBeGreaterThan(3);

    const erased = await request(runtime.app)
      .delete('/admin/v1/owners')
      .query({ number: '+919855533333' })
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(erased.status).toBe(200);
    const left = await keysMentioning(redis, prefix, ownerId);
    expect(left.filter((k) => !k.startsWith(`string flood:${ownerId}:`))).toEqual([]);
    expect(await runtime.store.load(ownerId)).toBeUndefined();
    expect(await runtime.profiles.get(ownerId)).toBeUndefined();
  });
});
