// The Redis webhook's first command (adapters/redis-turn-start.ts): the inbox admission and, when admitted,
// exactly what ConversationStore.begin would read, in one script. The admission itself is held to the
// inbox contract in inbox-contract.test.ts.
import { afterAll, afterEach, expect, it } from 'vitest';
import { createRedisInbox } from '../../src/adapters/redis-inbox.js';
import { createRedisStore } from '../../src/adapters/redis-store.js';
import { createRedisAdmitAndBegin } from '../../src/adapters/redis-turn-start.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { InboxEntry } from '../../src/dialogue/inbox.js';
import { conversationRecord } from '../support/conversation.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';
import { messageSid } from '../support/whatsapp.js';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

const entry = (ownerId: string, messageId = messageSid()): InboxEntry => ({
  ownerId,
  inbound: {
    channel: 'whatsapp',
    messageId,
    from: 'whatsapp:+919812345678',
    text: 'kirana',
    media: [],
    receivedAt: new Date(T0),
  },
});

const record = (state: string) =>
  conversationRecord(state, { lastSeen: T0, context: { profile: { businessKind: 'kirana' } } });

describeRedis('admitAndBegin on Redis', () => {
  const redis = connect();
  const sealer = createSealer(Buffer.alloc(32, 3));
  const prefixes: string[] = [];
  const setup = () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    return {
      prefix,
      store: createRedisStore({ redis, sealer, prefix }),
      inbox: createRedisInbox({ redis, sealer, prefix }),
      admitAndBegin: createRedisAdmitAndBegin({ redis, sealer, prefix }),
    };
  };
  const options = { now: T0, perMinute: 2, dueAt: T0 + 1000 };
  afterEach(async () => {
    for (const prefix of prefixes.splice(0)) await cleanup(redis, prefix);
  });
  afterAll(async () => redis.quit());

  it('reads what begin reads: nothing, then the conversation, then the receipt of a handled message', async () => {
    const { store, admitAndBegin } = setup();
    const first = entry('owner-1');
    const fresh = await admitAndBegin(first, options);
    expect(fresh.admission).toBe('admitted');
    expect(await fresh.begun).toEqual({});
    expect(await fresh.begun).toEqual(await store.begin('owner-1', first.inbound.messageId));

    await store.commit('owner-1', 0, record('q_location'), {
      messageId: first.inbound.messageId,
      response: '<Response><Message>one</Message></Response>',
    });
    // A new message of the same owner finds the conversation; the redelivered one finds its receipt.
    const next = entry('owner-1');
    const later = await admitAndBegin(next, { ...options, now: T0 + 60_000 });
    expect(await later.begun).toEqual({ conversation: { record: record('q_location'), version: 1 } });
    expect(await later.begun).toEqual(await store.begin('owner-1', next.inbound.messageId));
    const again = await admitAndBegin(first, { ...options, now: T0 + 120_000 });
    expect(await again.begun).toEqual(await store.begin('owner-1', first.inbound.messageId));
    expect((await again.begun)?.receipt).toBe('<Response><Message>one</Message></Response>');
  });

  it('records the entry before reading, and reads nothing for a message turned away', async () => {
    const { inbox, admitAndBegin } = setup();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await admitAndBegin(entry('owner-2'), options));
    expect(results.map((r) => r.admission)).toEqual(['admitted', 'admitted', 'flooded', 'muted']);
    expect(results.map((r) => r.begun !== undefined)).toEqual([true, true, false, false]);
    expect(await inbox.pending()).toBe(2);
  });

  it('admits, and fails only the read, when the stored conversation cannot be opened', async () => {
    const { prefix, inbox, admitAndBegin } = setup();
    await redis.hset(`${prefix}conv:owner-3`, 'v', '4', 'd', 'not sealed');
    const result = await admitAndBegin(entry('owner-3'), options);
    expect(result.admission).toBe('admitted');
    await expect(result.begun).rejects.toThrow(/not a sealed value/);
    expect(await inbox.pending()).toBe(1);
  });
});
