// One contract suite for the audience index, run on the memory pair (profile store + index) and the Redis
// pair: counts match a brute-force filter over the same synthetic owners, the index follows profile
// changes and deletes, members() lists each matching owner once, and only consenting owners count.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryAudienceIndex } from '../../src/adapters/memory-audience-index.js';
import { createMemoryProfileStore } from '../../src/adapters/memory-profile-store.js';
import { createRedisAudienceIndex } from '../../src/adapters/redis-audience-index.js';
import { createRedisProfileStore } from '../../src/adapters/redis-profile-store.js';
import { createSealer } from '../../src/adapters/sealer.js';
import {
  audienceSchema,
  audienceSegments,
  AMOUNT_EDGES,
  type Audience,
  type AudienceIndex,
} from '../../src/campaigns/audience.js';
import { sizeClassOf } from '../../src/personalize/rule-fields.js';
import { segmentOf } from '../../src/personalize/segments.js';
import type { ProfileRecord, ProfileStore } from '../../src/profile/store.js';
import { generateOwners } from '../../src/profile/synthetic.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

const owners = [...generateOwners(1_500, 'audience')];
const segments = audienceSegments();

/** The meaning of an audience, by brute force over records. */
function matches(r: ProfileRecord, a: Audience): boolean {
  const p = r.profile;
  const inList = <T>(list: readonly T[] | undefined, v: T | undefined): boolean =>
    list === undefined || (v !== undefined && list.includes(v));
  const inRange = (
    range: { atLeast?: number | undefined; below?: number | undefined } | undefined,
    v: number | undefined,
  ): boolean =>
    range === undefined ||
    (v !== undefined && v >= (range.atLeast ?? -Infinity) && v < (range.below ?? Infinity));
  return (
    r.marketingConsent &&
    inList(a.segment, r.segment ?? segmentOf(p, segments).id) &&
    inList(a.sector, p.sector) &&
    inList(a.businessKind, p.businessKind) &&
    inList(a.state, p.state) &&
    inList(
      a.district?.map((d) => d.toLowerCase()),
      p.district?.toLowerCase(),
    ) &&
    inList(a.area, p.area) &&
    inList(a.sizeClass, p.monthlySales === undefined ? undefined : sizeClassOf(p.monthlySales * 12)) &&
    inList(a.need, p.need) &&
    inList(a.lang, r.lang) &&
    inRange(a.amount, p.amount) &&
    inRange(a.yearsInBusiness, p.yearsInBusiness)
  );
}

const audiences: Audience[] = [
  {},
  { state: ['UP'] },
  { state: ['UP', 'WB', 'TN'], need: ['working_capital', 'expand'] },
  { sector: ['trade'], area: ['rural'], lang: ['hi', 'bn'] },
  { amount: { atLeast: 100_000, below: 1_000_000 }, yearsInBusiness: { atLeast: 2 } },
  // more than MAX_TERMS combinations: unions are stored
  { state: ['UP', 'WB', 'TN', 'MH', 'KA'], need: ['working_capital', 'expand', 'machinery', 'digital'] },
  { segment: ['shop-working-capital', 'street-vendor'], sizeClass: ['micro'] },
  { district: ['Madurai', 'KOLKATA'], businessKind: ['kirana', 'tailor'] },
  { yearsInBusiness: { below: 1 } },
].map((a) => audienceSchema.parse(a));

async function all(it: AsyncIterable<readonly string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of it) out.push([...batch]);
  return out;
}

function contract(
  name: string,
  make: () => { store: ProfileStore; index: AudienceIndex; done: () => Promise<void> },
) {
  describe(name, () => {
    let store: ProfileStore;
    let index: AudienceIndex;
    let done: () => Promise<void>;
    beforeEach(() => ({ store, index, done } = make()));
    afterEach(async () => done());

    it('counts nobody in an empty store', async () => {
      expect(await index.estimate({})).toBe(0);
      expect(await all(index.members({ state: ['UP'] }, 10))).toEqual([]);
    });

    it('counts exactly what a brute-force filter finds, for every audience', async () => {
      await store.putMany(owners);
      for (const a of audiences) {
        const expected = owners.filter((r) => matches(r, a)).length;
        expect({ a, n: await index.estimate(a) }).toEqual({ a, n: expected });
      }
      expect(await index.estimate({})).toBe(owners.filter((r) => r.marketingConsent).length);
      expect(await index.estimate({ state: ['UP'] })).toBeGreaterThan(20);
    });

    it('lists each matching owner once, in batches of the size asked', async () => {
      await store.putMany(owners);
      const a = audiences[2] ?? {};
      const batches = await all(index.members(a, 25));
      const ids = batches.flat();
      expect(batches.slice(0, -1).every((b) => b.length === 25)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(
        owners
          .filter((r) => matches(r, a))
          .map((r) => r.ownerId)
          .sort(),
      );
      await expect(all(index.members(a, 0))).rejects.toThrow(RangeError);
    });

    it('follows a profile that moves state and need, loses consent, and is deleted', async () => {
      const base = owners.find(
        (r) => r.marketingConsent && r.profile.state === 'UP' && r.profile.need === 'expand',
      );
      if (!base) throw new Error('fixture has no consenting UP owner needing to expand');
      await store.put(base);
      const up = { state: ['UP' as const] };
      const kaMachinery = { state: ['KA' as const], need: ['machinery' as const] };
      expect([await index.estimate(up), await index.estimate(kaMachinery)]).toEqual([1, 0]);

      await store.put({ ...base, profile: { ...base.profile, state: 'KA', need: 'machinery' } });
      expect([await index.estimate(up), await index.estimate(kaMachinery)]).toEqual([0, 1]);
      expect(await index.estimate({ need: ['expand'] })).toBe(0);
      expect(await index.estimate({})).toBe(1);

      await store.putMany([{ ...base, marketingConsent: false }]);
      expect([await index.estimate({}), await index.estimate(kaMachinery)]).toEqual([0, 0]);

      await store.put(base);
      await store.delete(base.ownerId);
      expect([await index.estimate({}), await index.estimate(up)]).toEqual([0, 0]);
      expect(await store.get(base.ownerId)).toBeUndefined();
    });

    it('uses the segment stored on a record before the computed one', async () => {
      const base = owners.find((r) => r.marketingConsent) ?? owners[0];
      if (!base) throw new Error('no owners');
      await store.put({ ...base, segment: 'other' });
      expect(await index.estimate({ segment: ['other'] })).toBe(1);
      await store.put({ ...base, segment: 'street-vendor' });
      expect(await index.estimate({ segment: ['other'] })).toBe(0);
      expect(await index.estimate({ segment: ['street-vendor'] })).toBe(1);
    });

    it('counts amounts at bucket edges on the right side', async () => {
      const base = owners.find((r) => r.marketingConsent) ?? owners[0];
      if (!base) throw new Error('no owners');
      const edge = AMOUNT_EDGES[4];
      await store.put({ ...base, profile: { ...base.profile, amount: edge } });
      expect(await index.estimate({ amount: { atLeast: edge } })).toBe(1);
      expect(await index.estimate({ amount: { below: edge } })).toBe(0);
    });
  });
}

contract('memory audience index', () => {
  const index = createMemoryAudienceIndex();
  return { store: createMemoryProfileStore({ audience: index }), index, done: () => Promise.resolve() };
});

describeRedis('redis audience index', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  const sealer = createSealer(Buffer.alloc(32, 7));

  contract('contract', () => {
    const prefix = testPrefix();
    return {
      store: createRedisProfileStore({ redis, sealer, prefix, indexAudience: true, chunkSize: 500 }),
      index: createRedisAudienceIndex({ redis, sealer, prefix }),
      done: () => cleanup(redis, prefix),
    };
  });

  it('leaves no temporary key behind and names no profile value in a key', async () => {
    const prefix = testPrefix();
    const store = createRedisProfileStore({ redis, sealer, prefix, indexAudience: true });
    const index = createRedisAudienceIndex({ redis, sealer, prefix });
    await store.putMany(owners.slice(0, 300));
    const before = (await redis.keys(`${prefix}*`)).sort();
    for (const a of audiences) await index.estimate(a);
    for await (const batch of index.members(audiences[5] ?? {}, 7)) expect(batch.length).toBeGreaterThan(0);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(before);
    // Base64 names can hold short words by chance, never `=` or long ones.
    const names = before.join(' ');
    for (const word of ['=', 'machinery', 'working_capital', 'manufacturing', 'segment', 'street-vendor'])
      expect(names.includes(word), word).toBe(false);
    await cleanup(redis, prefix);
  });
});
