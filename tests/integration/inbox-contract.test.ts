// One contract for both inboxes (memory and Redis): flood counting per sender and minute, durable entries,
// leases that hand an entry to one claimer at a time, REST progress, and done.
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryInbox } from '../../src/adapters/memory-inbox.js';
import { createRedisInbox } from '../../src/adapters/redis-inbox.js';
import { createRedisAdmitAndBegin } from '../../src/adapters/redis-turn-start.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { Inbox, InboxEntry } from '../../src/dialogue/inbox.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';
import { messageSid } from '../support/whatsapp.js';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

function entry(ownerId: string, text = 'hello'): InboxEntry {
  return {
    ownerId,
    replyFrom: 'whatsapp:+14155238886',
    inbound: {
      channel: 'whatsapp',
      messageId: messageSid(),
      from: 'whatsapp:+919812345678',
      text,
      media: [],
      profileName: 'Sunita',
      receivedAt: new Date(T0),
    },
  };
}

function contract(make: () => { inbox: Inbox; done: () => Promise<void> }) {
  it('admits up to the limit per sender and minute, then answers flooded once and muted after', async () => {
    const { inbox, done } = make();
    const opts = { now: T0, perMinute: 3, dueAt: T0 + 1000 };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await inbox.admit(entry('owner-a'), opts));
    expect(results).toEqual(['admitted', 'admitted', 'admitted', 'flooded', 'muted', 'muted']);
    // Another sender has an allowance of its own; the next minute starts afresh.
    expect(await inbox.admit(entry('owner-b'), opts)).toBe('admitted');
    expect(await inbox.admit(entry('owner-a'), { ...opts, now: T0 + 60_000 })).toBe('admitted');
    // Only admitted messages are recorded.
    expect(await inbox.pending()).toBe(5);
    await done();
  });

  it('hands out due entries only, each to one claimer until its lease ends, with everything stored', async () => {
    const { inbox, done } = make();
    const first = entry('owner-c', 'कल मिलते हैं');
    const second = entry('owner-c', 'second');
    await inbox.admit(first, { now: T0, perMinute: 10, dueAt: T0 + 1000 });
    await inbox.admit(second, { now: T0, perMinute: 10, dueAt: T0 + 5000 });
    expect(await inbox.claim({ now: T0 + 999, leaseMs: 10_000, limit: 10 })).toEqual([]);
    const claimed = await inbox.claim({ now: T0 + 1000, leaseMs: 10_000, limit: 10 });
    expect(claimed).toEqual([{ ...first, sent: 0 }]);
    expect(claimed[0]?.inbound.receivedAt).toBeInstanceOf(Date);
    // Leased: a second claimer gets only the other entry once it is due, never the leased one.
    const [other] = await inbox.claim({ now: T0 + 5000, leaseMs: 10_000, limit: 10 });
    expect(other?.inbound.messageId).toBe(second.inbound.messageId);
    expect(await inbox.claim({ now: T0 + 10_999, leaseMs: 10_000, limit: 10 })).toEqual([]);
    // Progress survives into the next lease.
    await inbox.progress(first.inbound.messageId, 2);
    const again = await inbox.claim({ now: T0 + 11_000, leaseMs: 10_000, limit: 10 });
    expect(again.map((e) => [e.inbound.messageId, e.sent])).toEqual([[first.inbound.messageId, 2]]);
    await inbox.done(first.inbound.messageId);
    await inbox.done(first.inbound.messageId);
    await inbox.done(second.inbound.messageId);
    expect(await inbox.pending()).toBe(0);
    expect(await inbox.claim({ now: T0 + 100_000, leaseMs: 10_000, limit: 10 })).toEqual([]);
    await done();
  });

  it('keeps one entry for a redelivered message', async () => {
    const { inbox, done } = make();
    const one = entry('owner-d');
    await inbox.admit(one, { now: T0, perMinute: 10, dueAt: T0 });
    await inbox.admit(one, { now: T0, perMinute: 10, dueAt: T0 });
    expect(await inbox.pending()).toBe(1);
    expect(await inbox.claim({ now: T0, leaseMs: 1000, limit: 10 })).toHaveLength(1);
    await done();
  });

  it('claims at most `limit` entries, oldest due first', async () => {
    const { inbox, done } = make();
    const entries = [entry('owner-e', 'a'), entry('owner-e', 'b'), entry('owner-e', 'c')];
    for (const [i, e] of entries.entries())
      await inbox.admit(e, { now: T0, perMinute: 10, dueAt: T0 + 100 - i });
    const claimed = await inbox.claim({ now: T0 + 100, leaseMs: 1000, limit: 2 });
    expect(claimed.map((e) => e.inbound.text)).toEqual(['c', 'b']);
    await done();
  });
}

describe('memory inbox', () => {
  contract(() => ({ inbox: createMemoryInbox(), done: () => Promise.resolve() }));
});

describeRedis('Redis inbox', () => {
  const redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 7));
  contract(() => {
    const prefix = testPrefix();
    return { inbox: createRedisInbox({ redis, sealer, prefix }), done: () => cleanup(redis, prefix) };
  });

  // The webhook admits through the one script that also reads for the turn: it keeps the same contract.
  describe('admitting with admitAndBegin', () => {
    contract(() => {
      const prefix = testPrefix();
      const inbox = createRedisInbox({ redis, sealer, prefix });
      const admitAndBegin = createRedisAdmitAndBegin({ redis, sealer, prefix });
      return {
        inbox: { ...inbox, admit: async (e, options) => (await admitAndBegin(e, options)).admission },
        done: () => cleanup(redis, prefix),
      };
    });
  });

  it('stores entries sealed: no number, name or text in the clear', async () => {
    const prefix = testPrefix();
    const inbox = createRedisInbox({ redis, sealer, prefix });
    await inbox.admit(entry('owner-f', 'मेरी दुकान'), { now: T0, perMinute: 10, dueAt: T0 });
    const stored = Object.values(await redis.hgetall(`${prefix}inbox:msg`)).join(' ');
    expect(stored).toMatch(/^v1\./);
    for (const secret of ['9812345678', 'Sunita', 'मेरी दुकान']) expect(stored).not.toContain(secret);
    await cleanup(redis, prefix);
  });
});
