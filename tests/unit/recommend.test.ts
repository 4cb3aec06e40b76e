// First recommender: only eligible, non-excluded items; mixed pages; deterministic; reasons built from
// the owner's real answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/personalize/catalog.js';
import { REASON_KEYS, recommend, type Ranker, type Recommendation } from '../../src/personalize/recommend.js';
import { evaluate } from '../../src/personalize/rules.js';
import { NEEDS, SECTORS, type Profile } from '../../src/profile/profile.js';

const catalog = loadCatalog();

const kirana: Profile = {
  businessKind: 'kirana',
  sector: 'trade',
  yearsInBusiness: 6,
  monthlySales: 250_000,
  udyam: false,
  gst: false,
  need: 'working_capital',
  amount: 300_000,
};
const vendor: Profile = {
  businessKind: 'street_vendor',
  sector: 'trade',
  yearsInBusiness: 2,
  need: 'working_capital',
  amount: 20_000,
};
const tailor: Profile = {
  businessKind: 'tailor',
  sector: 'services',
  yearsInBusiness: 10,
  need: 'machinery',
  amount: 150_000,
  udyam: true,
};
const starter: Profile = {
  sector: 'manufacturing',
  yearsInBusiness: 0,
  need: 'start_new',
  amount: 2_500_000,
};
const PROFILES: Profile[] = [
  kirana,
  vendor,
  tailor,
  starter,
  {},
  { udyam: true, gst: true, monthlySales: 60_000_000 },
];

const profileArb: fc.Arbitrary<Profile> = fc.record(
  {
    businessKind: fc.constantFrom('kirana', 'street_vendor', 'tailor', 'potter', 'auto_repair'),
    sector: fc.constantFrom(...SECTORS),
    yearsInBusiness: fc.integer({ min: 0, max: 30 }),
    monthlySales: fc.integer({ min: 0, max: 600_000_000 }),
    udyam: fc.boolean(),
    gst: fc.boolean(),
    need: fc.constantFrom(...NEEDS),
    amount: fc.integer({ min: 0, max: 200_000_000 }),
  },
  { requiredKeys: [] },
);

/** Every reason param must be the owner's own answer (or derived from it), never invented. */
function expectReasonsFromProfile(recs: readonly Recommendation[], p: Profile): void {
  for (const { reasons, item } of recs) {
    for (const { key, params } of reasons) {
      expect(REASON_KEYS, key).toContain(key);
      for (const [name, value] of Object.entries(params)) {
        const expected: Record<string, unknown> = {
          need: p.need,
          amount: p.amount,
          years: p.yearsInBusiness,
          kind: p.businessKind,
          sector: p.sector,
          turnover: p.monthlySales === undefined ? undefined : p.monthlySales * 12,
        };
        if (name === 'max') {
          expect(item.kind === 'offer' && item.amount?.max, `${item.id} ${key}`).toBe(value);
        } else {
          expect(value, `${item.id} ${key}.${name}`).toBe(expected[name]);
        }
      }
    }
  }
}

describe('recommend', () => {
  it('returns three items by default and respects limit', () => {
    expect(recommend(kirana, catalog)).toHaveLength(3);
    expect(recommend(kirana, catalog, { limit: 5 })).toHaveLength(5);
    expect(recommend(kirana, catalog, { limit: 0 })).toEqual([]);
  });

  it('never returns ineligible or excluded items', () => {
    fc.assert(
      fc.property(profileArb, fc.subarray(catalog.items.map((i) => i.id)), (p, exclude) => {
        const recs = recommend(p, catalog, { exclude, limit: 10 });
        for (const { item } of recs) {
          expect(exclude).not.toContain(item.id);
          if (item.eligibility) expect(evaluate(item.eligibility, p)).not.toBe('no');
        }
        expect(new Set(recs.map((r) => r.item.id)).size).toBe(recs.length);
      }),
      { numRuns: 200 },
    );
  });

  it('builds reasons only from real profile values', () => {
    for (const p of PROFILES) expectReasonsFromProfile(recommend(p, catalog, { limit: 9 }), p);
    fc.assert(
      fc.property(profileArb, (p) => expectReasonsFromProfile(recommend(p, catalog, { limit: 6 }), p)),
      { numRuns: 200 },
    );
  });

  it('is deterministic and page 2 extends page 1 without reshuffling', () => {
    for (const p of PROFILES) {
      const ids = (limit: number) => recommend(p, catalog, { limit }).map((r) => r.item.id);
      expect(ids(6)).toEqual(ids(6));
      expect(ids(6).slice(0, 3)).toEqual(ids(3));
      expect(ids(12).slice(0, 6)).toEqual(ids(6));
    }
  });

  it('mixes tips and offers and never repeats a scheme on one page', () => {
    fc.assert(
      fc.property(profileArb, (p) => {
        const recs = recommend(p, catalog, { limit: 3 });
        expect(new Set(recs.map((r) => r.item.kind))).toEqual(new Set(['tip', 'offer']));
        const schemes = recs.flatMap((r) => (r.item.kind === 'offer' ? [r.item.scheme] : []));
        expect(new Set(schemes).size).toBe(schemes.length);
      }),
      { numRuns: 200 },
    );
  });

  it('puts the Udyam gap first for an owner without Udyam', () => {
    const [first] = recommend(kirana, catalog);
    expect(first?.item.topic).toBe('udyam');
    expect(first?.reasons).toContainEqual({ key: 'reason.no_udyam', params: {} });
  });

  it('prefers the offer whose range fits the amount, and says so', () => {
    const recs = recommend(kirana, catalog, { limit: 6 });
    const kishor = recs.find((r) => r.item.id === 'mudra-kishor');
    expect(kishor?.reasons[0]).toEqual({
      key: 'reason.need_amount',
      params: { need: 'working_capital', amount: 300_000 },
    });
    const ids = recs.map((r) => r.item.id);
    expect(ids.indexOf('mudra-kishor')).toBeLessThan(ids.indexOf('cgtmse'));
    expect(ids).not.toContain('mudra-shishu');
  });

  it('offers the nearest range when nothing fits', () => {
    const p: Profile = {
      sector: 'manufacturing',
      yearsInBusiness: 8,
      udyam: true,
      monthlySales: 50_000_000,
      need: 'machinery',
      amount: 1_500_000_000,
    };
    const mcgs = recommend(p, catalog, { limit: 6 }).find((r) => r.item.id === 'mcgs-msme');
    expect(mcgs?.reasons).toContainEqual({
      key: 'reason.amount_nearest',
      params: { amount: 1_500_000_000, max: 1_000_000_000 },
    });
  });

  it('leads with the scheme made for the trade', () => {
    const [v] = recommend(vendor, catalog);
    expect(v?.item.id).toBe('pm-svanidhi');
    expect(v?.reasons).toContainEqual({ key: 'reason.trade', params: { kind: 'street_vendor' } });
    const [t] = recommend(tailor, catalog);
    expect(t?.item.id).toBe('pm-vishwakarma');
  });

  it('gives a new business start-up support with a new-business reason', () => {
    const recs = recommend(starter, catalog);
    expect(recs[0]?.item.id).toBe('pmegp');
    expect(recs[0]?.reasons).toContainEqual({ key: 'reason.new_business', params: {} });
    expect(recs.some((r) => r.item.kind === 'tip')).toBe(true);
  });

  it('cites years in business for an established owner', () => {
    const recs = recommend(kirana, catalog, { limit: 9 });
    expect(recs.flatMap((r) => r.reasons)).toContainEqual({ key: 'reason.years', params: { years: 6 } });
  });

  it('keeps items the owner has not answered enough for, without reasons', () => {
    const recs = recommend({}, catalog, { limit: catalog.items.length });
    const ids = recs.map((r) => r.item.id);
    expect(ids).toContain('mudra-kishor');
    expect(ids).toContain('udyam-register');
    expect(recs.every((r) => r.reasons.length === 0)).toBe(true);
  });

  it('uses the ranker it is given (the seam for later personalization)', () => {
    const ranker: Ranker = (item, _profile, verdict) => ({
      score: item.id === 'pmsby' ? 100 : verdict === 'yes' ? 1 : 0,
      reasons: item.id === 'pmsby' ? [{ key: 'reason.need', params: { need: 'learn' } }] : [],
    });
    const [first, ...rest] = recommend(kirana, catalog, { ranker, limit: 3 });
    expect(first?.item.id).toBe('pmsby');
    expect(first?.score).toBe(100);
    expect(first?.reasons).toEqual([{ key: 'reason.need', params: { need: 'learn' } }]);
    expect(rest.map((r) => r.score)).toEqual([1, 1]);
  });
});
