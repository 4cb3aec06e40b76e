// One contract suite for the consent ledger, on the memory and the Redis adapters; plus proof that Redis
// holds entries only sealed and that a suppression outlives erasure without naming the owner.
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryConsentLedger } from '../../src/adapters/memory-consent-ledger.js';
import { createRedisConsentLedger } from '../../src/adapters/redis-consent-ledger.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { ConsentLedger } from '../../src/consent/ledger.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

function contract(name: string, make: () => { ledger: ConsentLedger; done: () => Promise<void> }) {
  describe(name, () => {
    const withLedger = (body: (ledger: ConsentLedger) => Promise<void>) => async () => {
      const { ledger, done } = make();
      try {
        await body(ledger);
      } finally {
        await done();
      }
    };

    it(
      'starts with no consent at all',
      withLedger(async (ledger) => {
        expect(await ledger.history('o1')).toEqual([]);
        expect(await ledger.current('o1')).toEqual({ service: false, marketing: false, sharedWith: [] });
        expect(await ledger.isSuppressed('o1')).toBe(false);
      }),
    );

    it(
      'keeps every entry in order; the last word per purpose wins',
      withLedger(async (ledger) => {
        const entries = [
          { type: 'notice', version: 'v1', lang: 'ta', at: 1 },
          { type: 'grant', purpose: 'service', at: 2, channel: 'whatsapp' },
          { type: 'grant', purpose: 'marketing', at: 3 },
          { type: 'grant', purpose: 'share:lnd_a', at: 4 },
          { type: 'grant', purpose: 'share:lnd_b', at: 5 },
          { type: 'withdraw', purpose: 'share:lnd_a', at: 6 },
          { type: 'withdraw', purpose: 'marketing', at: 7 },
        ] as const;
        for (const entry of entries) await ledger.append('o1', entry);
        await ledger.append('o2', { type: 'grant', purpose: 'share:lnd_a', at: 8 });
        expect(await ledger.history('o1')).toEqual(entries);
        expect(await ledger.current('o1')).toEqual({
          service: true,
          marketing: false,
          sharedWith: ['lnd_b'],
        });
        expect((await ledger.current('o2')).sharedWith).toEqual(['lnd_a']);
      }),
    );

    it(
      'erases the history of one owner only, keeping the suppression',
      withLedger(async (ledger) => {
        await ledger.append('o1', { type: 'grant', purpose: 'marketing', at: 1 });
        await ledger.append('o2', { type: 'grant', purpose: 'marketing', at: 1 });
        await ledger.suppress('o1', 10);
        await ledger.erase('o1');
        await ledger.erase('never-there');
        expect(await ledger.history('o1')).toEqual([]);
        expect((await ledger.current('o1')).marketing).toBe(false);
        expect(await ledger.isSuppressed('o1')).toBe(true);
        expect((await ledger.current('o2')).marketing).toBe(true);
        expect(await ledger.isSuppressed('o2')).toBe(false);
      }),
    );

    it(
      'suppresses until unsuppressed; suppressing twice is harmless',
      withLedger(async (ledger) => {
        await ledger.suppress('o1', 10);
        await ledger.suppress('o1', 20);
        expect(await ledger.isSuppressed('o1')).toBe(true);
        await ledger.unsuppress('o1');
        await ledger.unsuppress('o1');
        expect(await ledger.isSuppressed('o1')).toBe(false);
      }),
    );
  });
}

contract('memory consent ledger', () => ({
  ledger: createMemoryConsentLedger(),
  done: () => Promise.resolve(),
}));

describeRedis('redis consent ledger', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 5));

  contract('contract', () => {
    const prefix = testPrefix();
    return {
      ledger: createRedisConsentLedger({ redis, sealer, prefix }),
      done: () => cleanup(redis, prefix),
    };
  });

  it('stores entries sealed and suppressions under a hash, not the owner id', async () => {
    const prefix = testPrefix();
    const ledger = createRedisConsentLedger({ redis, sealer, prefix });
    await ledger.append('owner-xyz', { type: 'grant', purpose: 'share:lnd_secret', at: 1 });
    await ledger.suppress('owner-xyz', 2);
    const list = await redis.lrange(`${prefix}consent:owner-xyz`, 0, -1);
    expect(list).toHaveLength(1);
    expect(list.join()).not.toContain('lnd_secret');
    await ledger.erase('owner-xyz');
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([`${prefix}consent:suppressed`]);
    const fields = await redis.hkeys(`${prefix}consent:suppressed`);
    expect(fields).toHaveLength(1);
    expect(fields[0]).not.toContain('owner-xyz');
    await cleanup(redis, prefix);
  });
});
