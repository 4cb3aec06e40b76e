// One contract suite, run against the in-memory store and the Redis store.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryStore } from '../../src/adapters/memory-store.js';
import { createRedisStore } from '../../src/adapters/redis-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { ConversationStore } from '../../src/dialogue/store.js';
import { conversationRecord } from '../support/conversation.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

const record = (state: string, lastSeen = 1) =>
  conversationRecord(state, {
    lastSeen,
    context: {
      profile: {
        businessKind: 'tailor',
        sector: 'manufacturing',
        subSector: 'garments',
        monthlySales: 80000,
      },
      history: ['businessKind'],
    },
  });

function contract(
  name: string,
  make: () => Promise<{ store: ConversationStore; done: () => Promise<void> }>,
) {
  describe(name, () => {
    let store: ConversationStore;
    let done: () => Promise<void>;
    beforeEach(async () => ({ store, done } = await make()));
    afterEach(async () => done());

    it('loads nothing for an unknown owner', async () => {
      expect(await store.load('nobody')).toBeUndefined();
    });

    it('commits a new record at version 0 and reads it back at version 1', async () => {
      expect(
        await store.commit('o1', 0, record('q_location'), { messageId: 'm1', response: '<Response/>' }),
      ).toBe('ok');
      const loaded = await store.load('o1');
      expect(loaded?.version).toBe(1);
      expect(loaded?.record).toEqual(record('q_location'));
      expect(await store.receipt('m1')).toBe('<Response/>');
    });

    it('refuses a commit made against an old version and keeps the newer record', async () => {
      await store.commit('o1', 0, record('a'), { messageId: 'm1', response: 'one' });
      await store.commit('o1', 1, record('b'), { messageId: 'm2', response: 'two' });
      expect(await store.commit('o1', 1, record('stale'), { messageId: 'm3', response: 'three' })).toBe(
        'conflict',
      );
      expect((await store.load('o1'))?.record.state).toBe('b');
      expect(await store.receipt('m3')).toBeUndefined();
    });

    it('refuses a second commit for the same message id', async () => {
      await store.commit('o1', 0, record('a'), { messageId: 'm1', response: 'one' });
      expect(await store.commit('o1', 1, record('b'), { messageId: 'm1', response: 'again' })).toBe(
        'duplicate',
      );
      expect((await store.load('o1'))?.record.state).toBe('a');
      expect(await store.receipt('m1')).toBe('one');
    });

    it('erases a conversation when the record is null, keeping the receipt', async () => {
      await store.commit('o1', 0, record('a'), { messageId: 'm1', response: 'one' });
      expect(await store.commit('o1', 1, null, { messageId: 'm2', response: 'erased' })).toBe('ok');
      expect(await store.load('o1')).toBeUndefined();
      expect(await store.receipt('m2')).toBe('erased');
    });

    it('begins a turn with the receipt and the conversation in one call', async () => {
      expect(await store.begin('o1', 'm1')).toEqual({});
      await store.commit('o1', 0, record('a'), { messageId: 'm1', response: 'one' });
      expect(await store.begin('o1', 'm2')).toEqual({ conversation: { record: record('a'), version: 1 } });
      expect(await store.begin('o1', 'm1')).toEqual({
        receipt: 'one',
        conversation: { record: record('a'), version: 1 },
      });
    });

    it('sweeps conversations idle before the cut-off, a batch at a time, and keeps the rest', async () => {
      await store.commit('o1', 0, record('a', 100), { messageId: 'm1', response: 'one' });
      await store.commit('o2', 0, record('a', 200), { messageId: 'm2', response: 'two' });
      await store.commit('o3', 0, record('a', 300), { messageId: 'm3', response: 'three' });
      const first = await store.sweepIdle(250, 1);
      expect(first).toHaveLength(1);
      const second = await store.sweepIdle(250, 10);
      expect([...first, ...second].sort()).toEqual(['o1', 'o2']);
      expect(await store.sweepIdle(250, 10)).toEqual([]);
      expect(await store.load('o1')).toBeUndefined();
      expect(await store.load('o2')).toBeUndefined();
      expect((await store.load('o3'))?.record.lastSeen).toBe(300);
      // A swept owner starts again from version 0.
      expect(await store.commit('o1', 0, record('a', 400), { messageId: 'm4', response: 'four' })).toBe('ok');
    });

    it('keeps a conversation a turn moved past the cut-off, and forgets erased ones', async () => {
      await store.commit('o1', 0, record('a', 100), { messageId: 'm1', response: 'one' });
      await store.commit('o1', 1, record('b', 400), { messageId: 'm2', response: 'two' });
      await store.commit('o2', 0, record('a', 100), { messageId: 'm3', response: 'three' });
      await store.commit('o2', 1, null, { messageId: 'm4', response: 'erased' });
      expect(await store.sweepIdle(250, 10)).toEqual([]);
      expect((await store.load('o1'))?.record.state).toBe('b');
    });

    it('never moves a message status backwards', async () => {
      await store.recordStatus({ messageId: 'SM1', status: 'sent', at: 1 });
      await store.recordStatus({ messageId: 'SM1', status: 'read', at: 3 });
      await store.recordStatus({ messageId: 'SM1', status: 'delivered', at: 2 });
      expect((await store.status('SM1'))?.status).toBe('read');
      await store.recordStatus({ messageId: 'SM2', status: 'failed', errorCode: '63016', at: 1 });
      expect(await store.status('SM2')).toMatchObject({ status: 'failed', errorCode: '63016' });
    });
  });
}

contract('memory store', () =>
  Promise.resolve({ store: createMemoryStore(), done: () => Promise.resolve() }),
);

describeRedis('redis store', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 7));

  contract('contract', () => {
    const prefix = testPrefix();
    return Promise.resolve({
      store: createRedisStore({ redis, sealer, prefix }),
      done: () => cleanup(redis, prefix),
    });
  });

  it('keeps names and answers encrypted at rest', async () => {
    const prefix = testPrefix();
    const store = createRedisStore({ redis, sealer, prefix });
    await store.commit('o1', 0, record('q_location'), { messageId: 'm1', response: 'Namaste Sunita' });
    const keys = await redis.keys(`${prefix}*`);
    // The conversation, the receipt, and the last-seen index (owner id → time) of the retention sweep.
    expect(keys.length).toBe(3);
    for (const key of keys) {
      const type = await redis.type(key);
      const dump =
        type === 'hash'
          ? JSON.stringify(await redis.hgetall(key))
          : type === 'zset'
            ? JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'))
            : String(await redis.get(key));
      expect(dump).not.toContain('Sunita');
      expect(dump).not.toContain('tailor');
    }
    await cleanup(redis, prefix);
  });
});
