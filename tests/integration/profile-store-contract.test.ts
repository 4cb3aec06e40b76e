// One contract suite for the profile store, run against the in-memory store and the Redis store; plus
// proof that Redis holds profiles only sealed.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryProfileStore } from '../../src/adapters/memory-profile-store.js';
import { createRedisProfileStore } from '../../src/adapters/redis-profile-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import type { ProfileRecord, ProfileStore } from '../../src/profile/store.js';
import { generateOwners } from '../../src/profile/synthetic.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

const record = (ownerId: string, overrides: Partial<ProfileRecord> = {}): ProfileRecord => ({
  ownerId,
  profile: {
    businessKind: 'tailor',
    sector: 'services',
    subSector: 'tailoring',
    pin: '625001',
    state: 'TN',
    place: 'Madurai',
    location: { lat: 9.9252, lng: 78.1198 },
    monthlySales: 80_000,
    need: 'machinery',
    gender: 'female',
    socialCategory: 'obc',
  },
  lang: 'ta',
  marketingConsent: true,
  updatedAt: 1_764_547_200_000,
  ...overrides,
});

async function drain(store: ProfileStore, batchSize?: number): Promise<ProfileRecord[][]> {
  const batches: ProfileRecord[][] = [];
  for await (const batch of store.scan(batchSize)) batches.push([...batch]);
  return batches;
}

function contract(name: string, make: () => Promise<{ store: ProfileStore; done: () => Promise<void> }>) {
  describe(name, () => {
    let store: ProfileStore;
    let done: () => Promise<void>;
    beforeEach(async () => ({ store, done } = await make()));
    afterEach(async () => done());

    it('knows nobody at first', async () => {
      expect(await store.get('nobody')).toBeUndefined();
      expect(await store.count()).toBe(0);
      expect(await drain(store)).toEqual([]);
    });

    it('reads back what it was given, with and without the optional segment', async () => {
      await store.put(record('o1'));
      await store.put(record('o2', { segment: 'women_tailors', marketingConsent: false }));
      expect(await store.get('o1')).toEqual(record('o1'));
      expect(await store.get('o1')).not.toHaveProperty('segment');
      expect(await store.get('o2')).toEqual(
        record('o2', { segment: 'women_tailors', marketingConsent: false }),
      );
    });

    it('replaces a record on a second put, counting the owner once', async () => {
      await store.put(record('o1'));
      await store.put(record('o1', { lang: 'en', updatedAt: 2, profile: { businessKind: 'kirana' } }));
      expect(await store.get('o1')).toEqual(
        record('o1', { lang: 'en', updatedAt: 2, profile: { businessKind: 'kirana' } }),
      );
      expect(await store.count()).toBe(1);
    });

    it('hands out copies: changing a returned record changes nothing stored', async () => {
      await store.put(record('o1'));
      const copy = (await store.get('o1')) as { profile: { place?: string } };
      copy.profile.place = 'Elsewhere';
      expect((await store.get('o1'))?.profile.place).toBe('Madurai');
    });

    it('deletes one owner and leaves the others; deleting an unknown owner is harmless', async () => {
      await store.put(record('o1'));
      await store.put(record('o2'));
      await store.delete('o1');
      await store.delete('never-there');
      expect(await store.get('o1')).toBeUndefined();
      expect(await store.get('o2')).toEqual(record('o2'));
      expect(await store.count()).toBe(1);
      expect((await drain(store)).flat().map((r) => r.ownerId)).toEqual(['o2']);
    });

    it('scans every owner exactly once, in batches of the size asked', async () => {
      const ids = Array.from({ length: 25 }, (_, i) => `owner-${String(i).padStart(2, '0')}`);
      for (const id of ids) await store.put(record(id));
      const batches = await drain(store, 10);
      expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
      const seen = batches.flat().map((r) => r.ownerId);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(ids);
      expect(batches.flat().every((r) => r.profile.place === 'Madurai')).toBe(true);
      expect((await drain(store, 25)).map((b) => b.length)).toEqual([25]);
    });

    it('refuses a batch size that is not a positive integer', async () => {
      await expect(drain(store, 0)).rejects.toThrow(RangeError);
    });

    it('stores many at once across pipeline chunks, the last of duplicates winning', async () => {
      const owners = [...generateOwners(2_345, 'contract')];
      await store.putMany(owners);
      await store.putMany([]);
      await store.putMany([record('dup', { lang: 'hi' }), record('dup', { lang: 'bn' })]);
      expect(await store.count()).toBe(2_346);
      for (const i of [0, 999, 1_000, 2_344])
        expect(await store.get(owners[i]?.ownerId ?? '')).toEqual(owners[i]);
      expect((await store.get('dup'))?.lang).toBe('bn');
      const scanned = (await drain(store, 1_000)).flat();
      expect(scanned).toHaveLength(2_346);
      expect(new Set(scanned.map((r) => r.ownerId)).size).toBe(2_346);
    });
  });
}

contract('memory profile store', () =>
  Promise.resolve({ store: createMemoryProfileStore(), done: () => Promise.resolve() }),
);

describeRedis('redis profile store', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 9));

  contract('contract', () => {
    const prefix = testPrefix();
    return Promise.resolve({
      store: createRedisProfileStore({ redis, sealer, prefix, chunkSize: 1_000 }),
      done: () => cleanup(redis, prefix),
    });
  });

  it('keeps one sealed value per owner and an index of ids under the prefix', async () => {
    const prefix = testPrefix();
    const store = createRedisProfileStore({ redis, sealer, prefix });
    await store.putMany([record('o1'), record('o2')]);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual([
      `${prefix}profile:o1`,
      `${prefix}profile:o2`,
      `${prefix}profiles`,
    ]);
    expect(await redis.zrange(`${prefix}profiles`, 0, -1)).toEqual(['o1', 'o2']);
    const other = createRedisProfileStore({ redis, sealer: createSealer(Buffer.alloc(32, 1)), prefix });
    await expect(other.get('o1')).rejects.toThrow(/another key/);
    await cleanup(redis, prefix);
  });

  it('a Redis dump contains no profile value in clear', async () => {
    const prefix = testPrefix();
    const store = createRedisProfileStore({ redis, sealer, prefix });
    const owners = [record('o1'), ...generateOwners(50, 'dump')];
    await store.putMany(owners.slice(0, 25));
    for (const owner of owners.slice(25)) await store.put(owner);
    const dump: string[] = [];
    for (const key of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(key);
      dump.push(
        type === 'string' ? String(await redis.get(key)) : (await redis.zrange(key, 0, -1)).join(' '),
      );
      dump.push((await redis.dumpBuffer(key))?.toString('latin1') ?? '');
    }
    const text = dump.join('\n');
    expect(text).toContain('o1'); // the ids (keyed hashes) are the only thing in clear
    // Quoted JSON values and keys cannot occur in base64 ciphertext; bare words of 6+ letters almost never.
    for (const secret of [
      'Madurai',
      'tailoring',
      '625001',
      '9.9252',
      'machinery',
      'female',
      '"obc"',
      '"ta"',
      '"businessKind"',
      '"profile"',
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const { profile } of owners.slice(1)) {
      for (const value of [
        profile.place,
        profile.district,
        profile.pin,
        profile.businessKind,
        profile.subSector,
      ]) {
        expect(text).not.toContain(JSON.stringify(value));
      }
    }
    await cleanup(redis, prefix);
  });
});
