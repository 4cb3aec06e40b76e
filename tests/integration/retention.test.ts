// Retention: a conversation (with the raw answers in its context) without a turn for SAATHI_RETENTION_DAYS
// is deleted by the retention sweep (src/privacy/retention.ts; its own tests in retention-sweep.test.ts).
// Behind it, a backstop TTL of the period plus 7 days, refreshed on every commit: a Redis TTL, and the
// memory store's expiry on the injected clock.
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory-store.js';
import { createRedisStore } from '../../src/adapters/redis-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import { BACKSTOP_MARGIN_MS, runRetentionSweep } from '../../src/privacy/retention.js';
import { conversationRecord } from '../support/conversation.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';
import { messageSid, owner } from '../support/whatsapp.js';

const DAY = 24 * 3600 * 1000;
const record = (lastSeen: number) => conversationRecord('q_yearsInBusiness', { lastSeen });

describe('memory store retention (injected clock)', () => {
  it('forgets a conversation once the retention period passes without a turn, and each turn restarts it', async () => {
    let now = Date.UTC(2026, 0, 1);
    const store = createMemoryStore({ retentionMs: 180 * DAY, clock: () => new Date(now) });
    await store.commit('owner-1', 0, record(now), { messageId: messageSid(), response: 'a' });
    now += 170 * DAY;
    expect((await store.load('owner-1'))?.version).toBe(1);
    await store.commit('owner-1', 1, record(now), { messageId: messageSid(), response: 'b' });
    now += 179 * DAY;
    expect((await store.load('owner-1'))?.version).toBe(2);
    now += 2 * DAY;
    expect(await store.load('owner-1')).toBeUndefined();
    expect((await store.begin('owner-1', messageSid())).conversation).toBeUndefined();
    // A new conversation starts from version 0.
    expect(await store.commit('owner-1', 0, record(now), { messageId: messageSid(), response: 'c' })).toBe(
      'ok',
    );
  });

  it('lets an owner who comes back after the retention period start afresh', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const runtime = testRuntime({ SAATHI_RETENTION_DAYS: '30' }, { clock: () => now });
    const from = 'whatsapp:+919866600001';
    const say = owner(runtime.app, from);
    const welcome = await say('Hello');
    await say('yes');
    const ownerId = runtime.engine.ownerId(from);
    expect((await runtime.store.load(ownerId))?.version).toBe(2);
    // 31 days later the backstop (30 + 7 days) has not struck yet: the sweep is what deletes it.
    now = new Date('2026-02-01T10:00:01Z');
    expect((await runtime.store.load(ownerId))?.version).toBe(2);
    const swept = await runRetentionSweep({
      store: runtime.store,
      retentionMs: 30 * DAY,
      clock: () => now,
    });
    expect(swept.removed).toBe(1);
    expect(await runtime.store.load(ownerId)).toBeUndefined();
    expect(await say('Hello')).toBe(welcome);
  });

  it('still forgets a conversation at the backstop (period + 7 days) if no sweep ran', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const runtime = testRuntime({ SAATHI_RETENTION_DAYS: '30' }, { clock: () => now });
    const from = 'whatsapp:+919866600002';
    await owner(runtime.app, from)('Hello');
    const ownerId = runtime.engine.ownerId(from);
    now = new Date(Date.parse('2026-01-01T10:00:00Z') + 30 * DAY + BACKSTOP_MARGIN_MS - 1000);
    expect((await runtime.store.load(ownerId))?.version).toBe(1);
    now = new Date(now.getTime() + 2000);
    expect(await runtime.store.load(ownerId)).toBeUndefined();
  });
});

describeRedis('Redis store retention', () => {
  const redis = connect();
  const prefix = testPrefix();
  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('gives every committed conversation a TTL of the retention period, refreshed by each turn', async () => {
    const retentionSeconds = 180 * 24 * 3600;
    const store = createRedisStore({ redis, sealer: createSealer(undefined), prefix, retentionSeconds });
    const key = `${prefix}conv:owner-r`;
    await store.commit('owner-r', 0, record(Date.now()), { messageId: messageSid(), response: 'a' });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(retentionSeconds - 60);
    expect(ttl).toBeLessThanOrEqual(retentionSeconds);
    // Time passes (shortened here), then a turn: the full period starts again.
    await redis.expire(key, 100);
    await store.commit('owner-r', 1, record(Date.now()), { messageId: messageSid(), response: 'b' });
    expect(await redis.ttl(key)).toBeGreaterThan(retentionSeconds - 60);
    // Once the TTL runs out the conversation is gone, and the owner starts at version 0.
    await redis.pexpire(key, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.load('owner-r')).toBeUndefined();
  });

  it('in the composed service: a TTL of the period plus 7 days, and the last message in the sweep index', async () => {
    const runtime = testRuntime(
      { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', SAATHI_RETENTION_DAYS: '30' },
      { redisPrefix: prefix },
    );
    try {
      const from = 'whatsapp:+919866600003';
      await owner(runtime.app, from)('Hello');
      const ownerId = runtime.engine.ownerId(from);
      const backstopSeconds = (30 * DAY + BACKSTOP_MARGIN_MS) / 1000;
      const ttl = await redis.ttl(`${prefix}conv:${ownerId}`);
      expect(ttl).toBeGreaterThan(backstopSeconds - 60);
      expect(ttl).toBeLessThanOrEqual(backstopSeconds);
      const lastSeen = (await runtime.store.load(ownerId))?.record.lastSeen;
      expect(Number(await redis.zscore(`${prefix}conv-seen`, ownerId))).toBe(lastSeen);
    } finally {
      await runtime.close();
    }
  });

  it('keeps conversations without a TTL when retention is off (0)', async () => {
    const store = createRedisStore({ redis, sealer: createSealer(undefined), prefix, retentionSeconds: 0 });
    await store.commit('owner-k', 0, record(Date.now()), { messageId: messageSid(), response: 'a' });
    expect(await redis.ttl(`${prefix}conv:owner-k`)).toBe(-1);
  });
});
