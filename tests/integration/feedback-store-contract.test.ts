// One contract suite, run against the in-memory feedback store and the Redis feedback store.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryFeedbackStore } from '../../src/adapters/memory-feedback-store.js';
import { createRedisFeedbackStore } from '../../src/adapters/redis-feedback-store.js';
import type { FeedbackStore } from '../../src/personalize/feedback-store.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

function contract(name: string, make: () => Promise<{ store: FeedbackStore; done: () => Promise<void> }>) {
  describe(name, () => {
    let store: FeedbackStore;
    let done: () => Promise<void>;
    beforeEach(async () => ({ store, done } = await make()));
    afterEach(async () => done());

    it('counts zero for items never recorded, one entry per id asked', async () => {
      const stats = await store.stats('other', ['a', 'b']);
      expect([...stats]).toEqual([
        ['a', { shown: 0, positive: 0, negative: 0 }],
        ['b', { shown: 0, positive: 0, negative: 0 }],
      ]);
      expect((await store.stats('other', [])).size).toBe(0);
    });

    it('counts outcomes per segment and item', async () => {
      for (let i = 0; i < 3; i++) await store.record('street-vendor', 'pm-svanidhi', 'shown');
      await store.record('street-vendor', 'pm-svanidhi', 'positive');
      await store.record('street-vendor', 'pm-svanidhi', 'negative');
      await store.record('street-vendor', 'treds', 'shown');
      await store.record('other', 'pm-svanidhi', 'shown');
      const stats = await store.stats('street-vendor', ['pm-svanidhi', 'treds', 'pmsby']);
      expect(stats.get('pm-svanidhi')).toEqual({ shown: 3, positive: 1, negative: 1 });
      expect(stats.get('treds')).toEqual({ shown: 1, positive: 0, negative: 0 });
      expect(stats.get('pmsby')).toEqual({ shown: 0, positive: 0, negative: 0 });
      expect((await store.stats('other', ['pm-svanidhi'])).get('pm-svanidhi')).toEqual({
        shown: 1,
        positive: 0,
        negative: 0,
      });
    });

    it('counts concurrent records without losing any', async () => {
      await Promise.all(Array.from({ length: 50 }, () => store.record('other', 'pmsby', 'shown')));
      expect((await store.stats('other', ['pmsby'])).get('pmsby')?.shown).toBe(50);
    });

    it('keeps dismissals per owner, sorted and without duplicates', async () => {
      expect(await store.dismissed('o1')).toEqual([]);
      await store.dismiss('o1', 'treds');
      await store.dismiss('o1', 'cgtmse');
      await store.dismiss('o1', 'treds');
      await store.dismiss('o2', 'pmsby');
      expect(await store.dismissed('o1')).toEqual(['cgtmse', 'treds']);
      expect(await store.dismissed('o2')).toEqual(['pmsby']);
    });

    it('keeps the latest time each item was seen', async () => {
      expect((await store.seen('o1')).size).toBe(0);
      await store.markSeen('o1', ['a', 'b'], 1_000);
      await store.markSeen('o1', ['b', 'c'], 2_000);
      await store.markSeen('o1', [], 3_000);
      expect(await store.seen('o1')).toEqual(
        new Map([
          ['a', 1_000],
          ['b', 2_000],
          ['c', 2_000],
        ]),
      );
    });

    it('forgets an owner entirely, keeping other owners and segment counts', async () => {
      await store.dismiss('o1', 'treds');
      await store.markSeen('o1', ['treds'], 5);
      await store.dismiss('o2', 'pmsby');
      await store.record('other', 'treds', 'negative');
      await store.forget('o1');
      expect(await store.dismissed('o1')).toEqual([]);
      expect((await store.seen('o1')).size).toBe(0);
      expect(await store.dismissed('o2')).toEqual(['pmsby']);
      expect((await store.stats('other', ['treds'])).get('treds')?.negative).toBe(1);
    });
  });
}

contract('memory feedback store', () =>
  Promise.resolve({ store: createMemoryFeedbackStore(), done: () => Promise.resolve() }),
);

describeRedis('redis feedback store', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());

  contract('contract', () => {
    const prefix = testPrefix();
    return Promise.resolve({
      store: createRedisFeedbackStore({ redis, prefix }),
      done: () => cleanup(redis, prefix),
    });
  });

  it('uses the documented key layout and expires owner keys when asked', async () => {
    const prefix = testPrefix();
    const store = createRedisFeedbackStore({ redis, prefix, ownerTtlSeconds: 3600 });
    await store.record('other', 'treds', 'shown');
    await store.record('other', 'treds', 'positive');
    await store.dismiss('o1', 'treds');
    await store.markSeen('o1', ['treds'], 7);
    expect(await redis.hgetall(`${prefix}fb:other`)).toEqual({ 'treds:s': '1', 'treds:p': '1' });
    expect(await redis.smembers(`${prefix}fbo:o1:dismissed`)).toEqual(['treds']);
    expect(await redis.hgetall(`${prefix}fbo:o1:seen`)).toEqual({ treds: '7' });
    expect(await redis.ttl(`${prefix}fbo:o1:seen`)).toBeGreaterThan(3000);
    await store.forget('o1');
    expect((await redis.keys(`${prefix}fbo:*`)).length).toBe(0);
    await cleanup(redis, prefix);
  });
});
