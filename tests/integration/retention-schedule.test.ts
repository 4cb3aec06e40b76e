// When the retention sweep runs (src/privacy/retention-schedule.ts). Embedded: an interval, driven here by
// an injected timer. With Redis: one BullMQ job scheduler however often or on however many instances
// the service starts, and its job really runs a sweep. No timing is asserted: jobs are awaited by polling.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory-store.js';
import { createRedisStore } from '../../src/adapters/redis-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { ConversationStore } from '../../src/dialogue/store.js';
import { createMetrics } from '../../src/metrics.js';
import { DAY_MS, runRetentionSweep } from '../../src/privacy/retention.js';
import {
  RETENTION_QUEUE,
  RETENTION_SCHEDULER,
  startRetention,
  startRetentionInterval,
  startRetentionJobs,
  type IntervalTimer,
} from '../../src/privacy/retention-schedule.js';
import { conversationRecord } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';

const NOW = Date.UTC(2026, 5, 1, 10);
const clock = () => new Date(NOW);
const record = (lastSeen: number) => conversationRecord('q_yearsInBusiness', { lastSeen });

let messages = 0;
async function seed(store: ConversationStore, idle: number, active: number): Promise<void> {
  const commit = (ownerId: string, lastSeen: number) =>
    store.commit(ownerId, 0, record(lastSeen), { messageId: `m${++messages}`, response: 'ok' });
  for (let i = 0; i < idle; i++) await commit(`idle-${i}`, NOW - 200 * DAY_MS);
  for (let i = 0; i < active; i++) await commit(`active-${i}`, NOW - DAY_MS);
}

/** A timer the test fires by hand. */
function manualTimer(): IntervalTimer & { fire(): void; everyMs: number | undefined; cleared: boolean } {
  let callback: (() => void) | undefined;
  const timer = {
    cleared: false,
    everyMs: undefined as number | undefined,
    set(fn: () => void, ms: number) {
      callback = fn;
      timer.everyMs = ms;
      return 1;
    },
    clear() {
      timer.cleared = true;
    },
    fire() {
      callback?.();
    },
  };
  return timer;
}

describe('configuration', () => {
  it('sweeps hourly by default, reads SAATHI_RETENTION_SWEEP_MINUTES, and refuses nonsense', () => {
    expect(loadConfig({}).retentionSweepMinutes).toBe(60);
    expect(loadConfig({ SAATHI_RETENTION_SWEEP_MINUTES: '' }).retentionSweepMinutes).toBe(60);
    expect(loadConfig({ SAATHI_RETENTION_SWEEP_MINUTES: '15' }).retentionSweepMinutes).toBe(15);
    for (const bad of ['0', '-5', '2.5', 'hourly', '20000'])
      expect(() => loadConfig({ SAATHI_RETENTION_SWEEP_MINUTES: bad })).toThrow(ConfigError);
  });
});

describe('embedded interval', () => {
  it('sweeps on each tick, one sweep at a time, and stops after the one in progress', async () => {
    const store = createMemoryStore({ clock });
    await seed(store, 3, 2);
    let release: () => void = () => undefined;
    let sweeps = 0;
    const timer = manualTimer();
    const schedule = startRetentionInterval({
      everyMs: 60 * 60_000,
      timer,
      sweep: async () => {
        sweeps++;
        await new Promise<void>((resolve) => (release = resolve));
        return runRetentionSweep({ store, retentionMs: 180 * DAY_MS, clock });
      },
    });
    expect(timer.everyMs).toBe(60 * 60_000);
    timer.fire();
    timer.fire(); // still sweeping: skipped
    expect(sweeps).toBe(1);
    const stopped = schedule.stop();
    release();
    await stopped;
    expect(timer.cleared).toBe(true);
    expect(await store.load('idle-0')).toBeUndefined();
    expect((await store.load('active-0'))?.version).toBe(1);
  });

  it('logs a failed sweep and sweeps again on the next tick', async () => {
    const warnings: unknown[] = [];
    let calls = 0;
    const timer = manualTimer();
    const schedule = startRetentionInterval({
      everyMs: 1000,
      timer,
      log: { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args) },
      sweep: () =>
        ++calls === 1
          ? Promise.reject(new Error('store away'))
          : Promise.resolve({ removed: 0, batches: 1, before: 0 }),
    });
    timer.fire();
    await schedule.ready;
    await eventually('the failure is logged', () => warnings.length === 1);
    timer.fire();
    await schedule.stop();
    expect(calls).toBe(2);
  });
});

describeRedis('BullMQ job scheduler', () => {
  const redis: Redis = connect();
  const prefix = testPrefix();
  const bull = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(RETENTION_QUEUE, { connection: bull, prefix: `${prefix}bull` });
  const store = createRedisStore({ redis, sealer: createSealer(Buffer.alloc(32, 7)), prefix });
  const quiet = { info: () => undefined, warn: () => undefined };
  afterAll(async () => {
    await queue.close();
    bull.disconnect();
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('registers one scheduler however many instances start, and its job runs a sweep', async () => {
    await seed(store, 4, 2);
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL,
      SAATHI_REDIS_PREFIX: prefix,
      SAATHI_RETENTION_DAYS: '180',
      SAATHI_RETENTION_SWEEP_MINUTES: '60',
    });
    const metrics = createMetrics();
    // Two instances, and the first one started twice (a restart).
    const instances = [
      startRetention({ config, store, log: quiet, metrics, clock }),
      startRetention({ config, store, log: quiet, metrics, clock }),
      startRetention({ config, store, log: quiet, metrics, clock }),
    ];
    try {
      await Promise.all(instances.map((instance) => instance.ready));
      expect(await queue.getJobSchedulersCount()).toBe(1);
      expect(await queue.getJobScheduler(RETENTION_SCHEDULER)).toMatchObject({ every: 60 * 60_000 });
      await eventually('a scheduled sweep ran', async () => (await queue.getCompletedCount()) >= 1);
      expect(await store.load('idle-0')).toBeUndefined();
      expect((await store.load('active-0'))?.version).toBe(1);
      expect((await metrics.retentionSwept.get()).values[0]?.value).toBe(4);
      // One sweep done and one waiting for the next period: three starts did not multiply the jobs.
      await eventually('the next sweep is scheduled', async () => {
        const counts = await queue.getJobCounts('completed', 'delayed');
        return counts.completed === 1 && counts.delayed === 1;
      });
      const all = await queue.getJobCounts();
      expect(Object.values(all).reduce((sum, n) => sum + n, 0)).toBe(2);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  });

  it('serves a sweep job added by hand, and logs a sweep that failed', async () => {
    await seed(store, 2, 1);
    const warnings: unknown[] = [];
    let fail = true;
    const jobs = startRetentionJobs({
      connection: bull,
      bullPrefix: `${prefix}bull`,
      everyMs: 60 * 60_000,
      log: { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args) },
      sweep: () =>
        fail
          ? Promise.reject(new Error('store away'))
          : runRetentionSweep({ store, retentionMs: 180 * DAY_MS, clock }),
    });
    try {
      await jobs.ready;
      const failing = await queue.add('sweep', {});
      await eventually('the sweep failed', async () => (await failing.isFailed()) === true);
      await eventually('the failure is logged', () => warnings.length === 1);
      expect((await store.load('idle-1'))?.version).toBe(1);
      fail = false;
      const job = await queue.add('sweep', {}, { removeOnComplete: false });
      await eventually('the added sweep ran', async () => (await job.isCompleted()) === true);
      expect((await queue.getJob(job.id ?? ''))?.returnvalue).toEqual({ removed: 2, batches: 1 });
      expect(await store.load('idle-1')).toBeUndefined();
      expect((await store.load('active-0'))?.version).toBe(1);
    } finally {
      await jobs.stop();
    }
  });
});
