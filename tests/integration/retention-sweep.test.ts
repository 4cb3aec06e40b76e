// The retention sweep (src/privacy/retention.ts) over both conversation stores, on an injected clock:
// only conversations idle beyond the period go, a batch at a time, counted in the metric and logged
// without personal data; a turn committed during a sweep survives it; erasure and the backstop TTL leave
// nothing behind in the index; `npm run retention` runs one sweep and says how many it removed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory-store.js';
import { createRedisStore } from '../../src/adapters/redis-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { ConversationStore } from '../../src/dialogue/store.js';
import { createMetrics } from '../../src/metrics.js';
import { DAY_MS, runRetentionSweep } from '../../src/privacy/retention.js';
import { conversationRecord } from '../support/conversation.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';

const NOW = Date.UTC(2026, 5, 1, 10);
const PERIOD = 180 * DAY_MS;
const clock = () => new Date(NOW);

const record = (lastSeen: number) => conversationRecord('q_location', { lastSeen });

let messages = 0;
const turn = (store: ConversationStore, ownerId: string, version: number, lastSeen: number) =>
  store.commit(ownerId, version, record(lastSeen), { messageId: `m${++messages}`, response: 'ok' });

/** Owners idle for 200 days (`idle-*`) and owners who wrote 10 days ago (`active-*`). */
async function seed(store: ConversationStore, idle: number, active: number): Promise<void> {
  await Promise.all([
    ...Array.from({ length: idle }, (_, i) => turn(store, `idle-${i}`, 0, NOW - 200 * DAY_MS)),
    ...Array.from({ length: active }, (_, i) => turn(store, `active-${i}`, 0, NOW - 10 * DAY_MS)),
  ]);
}

function sweepContract(name: string, make: () => { store: ConversationStore; done: () => Promise<void> }) {
  describe(name, () => {
    it('deletes only conversations idle beyond the period, a batch at a time, and counts them', async () => {
      const { store, done } = make();
      try {
        await seed(store, 7, 3);
        const metrics = createMetrics();
        const lines: unknown[] = [];
        const result = await runRetentionSweep({
          store,
          retentionMs: PERIOD,
          clock,
          batch: 3,
          counter: metrics.retentionSwept,
          log: { info: (...args: unknown[]) => void lines.push(args) },
        });
        expect(result).toEqual({ removed: 7, batches: 3, before: NOW - PERIOD });
        for (let i = 0; i < 7; i++) expect(await store.load(`idle-${i}`)).toBeUndefined();
        for (let i = 0; i < 3; i++) expect((await store.load(`active-${i}`))?.version).toBe(1);
        expect((await metrics.retentionSwept.get()).values[0]?.value).toBe(7);
        // The log line carries counts, not owner ids or anything said.
        expect(lines).toHaveLength(1);
        expect(JSON.stringify(lines)).not.toMatch(/idle-|active-|Sunita/);
        // Nothing is left to do on the next run.
        expect((await runRetentionSweep({ store, retentionMs: PERIOD, clock })).removed).toBe(0);
      } finally {
        await done();
      }
    });

    it('keeps an owner who wrote again before the sweep, and one exactly at the cut-off', async () => {
      const { store, done } = make();
      try {
        await turn(store, 'back', 0, NOW - 200 * DAY_MS);
        await turn(store, 'back', 1, NOW - 1000);
        await turn(store, 'edge', 0, NOW - PERIOD);
        expect((await runRetentionSweep({ store, retentionMs: PERIOD, clock })).removed).toBe(0);
        expect((await store.load('back'))?.version).toBe(2);
        expect((await store.load('edge'))?.version).toBe(1);
      } finally {
        await done();
      }
    });
  });
}

sweepContract('memory store', () => ({
  store: createMemoryStore({ clock }),
  done: () => Promise.resolve(),
}));

describe('memory store sweep housekeeping', () => {
  it('also drops receipts after 48 hours, as Redis expires them, keeping the conversation', async () => {
    let now = NOW;
    const store = createMemoryStore({ clock: () => new Date(now) });
    await store.commit('o1', 0, record(now), { messageId: 'SM1', response: 'Namaste Sunita' });
    now += 47 * 3600_000;
    await store.sweepIdle(now - PERIOD, 10);
    expect(await store.receipt('SM1')).toBe('Namaste Sunita');
    now += 2 * 3600_000;
    await store.sweepIdle(now - PERIOD, 10);
    expect(await store.receipt('SM1')).toBeUndefined();
    expect((await store.load('o1'))?.version).toBe(1);
  });
});

describeRedis('Redis store sweep', () => {
  const redis: Redis = connect();
  const sealer = createSealer(Buffer.alloc(32, 7));
  const prefixes: string[] = [];
  const fresh = () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    return { prefix, store: createRedisStore({ redis, sealer, prefix, retentionSeconds: 3600 }) };
  };
  afterAll(async () => {
    for (const prefix of prefixes) await cleanup(redis, prefix);
    await redis.quit();
  });

  sweepContract('contract', () => {
    const { prefix, store } = fresh();
    return { store, done: () => cleanup(redis, prefix) };
  });

  it('sweeps 1,200 idle owners in batches of 500 and leaves an empty index', async () => {
    const { prefix, store } = fresh();
    await seed(store, 1200, 5);
    const result = await runRetentionSweep({ store, retentionMs: PERIOD, clock, batch: 500 });
    expect(result).toMatchObject({ removed: 1200, batches: 3 });
    expect(await redis.zcard(`${prefix}conv-seen`)).toBe(5);
    expect((await redis.keys(`${prefix}conv:*`)).length).toBe(5);
  });

  it('never deletes a turn committed while the sweep runs', async () => {
    const { store } = fresh();
    const owners = Array.from({ length: 300 }, (_, i) => `idle-${i}`);
    await seed(store, owners.length, 0);
    // Every idle owner writes again while a sweep in small batches runs: each new turn either lands
    // before the sweep reaches its owner (and is kept) or finds the conversation already swept (a
    // conflict: the engine then starts a new conversation). A committed turn is never lost.
    const sweeping = runRetentionSweep({ store, retentionMs: PERIOD, clock, batch: 7 });
    const results: string[] = [];
    for (let i = 0; i < owners.length; i += 10)
      results.push(...(await Promise.all(owners.slice(i, i + 10).map((id) => turn(store, id, 1, NOW)))));
    await sweeping;
    for (const [i, ownerId] of owners.entries()) {
      const loaded = await store.load(ownerId);
      if (results[i] === 'ok') expect(loaded?.version).toBe(2);
      else {
        expect(results[i]).toBe('conflict');
        expect(loaded).toBeUndefined();
      }
    }
    // What the sweep left is exactly the owners whose turn landed first.
    expect((await runRetentionSweep({ store, retentionMs: PERIOD, clock })).removed).toBe(0);
  });

  it('erasure removes the owner from the index, and so does a sweep after the backstop TTL struck', async () => {
    const { prefix, store } = fresh();
    const index = `${prefix}conv-seen`;
    await turn(store, 'erased', 0, NOW - 200 * DAY_MS);
    expect(await redis.zscore(index, 'erased')).toBe(String(NOW - 200 * DAY_MS));
    await store.commit('erased', 1, null, { messageId: `m${++messages}`, response: 'bye' });
    expect(await redis.zscore(index, 'erased')).toBeNull();

    await turn(store, 'expired', 0, NOW - 200 * DAY_MS);
    await redis.del(`${prefix}conv:expired`); // as the TTL would
    expect(await store.sweepIdle(NOW - PERIOD, 10)).toEqual(['expired']);
    expect(await redis.zcard(index)).toBe(0);
  });

  it('npm run retention runs one sweep and prints how many conversations it removed', async () => {
    const { prefix, store } = fresh();
    const now = Date.now();
    await turn(store, 'old-1', 0, now - 40 * DAY_MS);
    await turn(store, 'old-2', 0, now - 31 * DAY_MS);
    await turn(store, 'recent', 0, now - 29 * DAY_MS);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/retention.ts'],
      {
        env: {
          ...process.env,
          REDIS_URL,
          SAATHI_REDIS_PREFIX: prefix,
          SAATHI_RETENTION_DAYS: '30',
          NODE_ENV: 'test',
        },
      },
    );
    expect(stdout).toMatch(/^2 conversations removed/);
    expect(await store.load('old-1')).toBeUndefined();
    expect(await store.load('old-2')).toBeUndefined();
    expect((await store.load('recent'))?.version).toBe(1);
  });
});
