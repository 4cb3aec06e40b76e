// The synthetic owner generator: deterministic, valid, and shaped like DOMAIN.md's population.
import { describe, expect, it } from 'vitest';
import { parsePin } from '../../src/profile/places.js';
import { profileSchema, STATE_CODES } from '../../src/profile/profile.js';
import type { ProfileRecord } from '../../src/profile/store.js';
import { generateOwners, LANGS_OF_STATE, syntheticOwner } from '../../src/profile/synthetic.js';
import { sizeClassOf } from '../../src/personalize/rule-fields.js';
import kinds from '../../content/business-kinds.json' with { type: 'json' };

const N = 20_000;
const owners = [...generateOwners(N, 42)];
const share = (test: (r: ProfileRecord) => boolean): number => owners.filter(test).length / N;
const sectorOf = new Map(kinds.map((k) => [k.id, k.sector]));

describe('generateOwners', () => {
  it('gives the same owners for the same seed, and others for another seed', () => {
    expect([...generateOwners(200, 42)]).toEqual(owners.slice(0, 200));
    expect(syntheticOwner(42, 123)).toEqual(owners[123]);
    const other = [...generateOwners(200, 43)];
    expect(other.filter((r, i) => r.ownerId === owners[i]?.ownerId)).toHaveLength(0);
    expect(
      other.filter((r, i) => JSON.stringify(r.profile) === JSON.stringify(owners[i]?.profile)).length,
    ).toBeLessThan(5);
  });

  it('gives every owner a distinct, stable fake id', () => {
    expect(new Set(owners.map((r) => r.ownerId)).size).toBe(N);
    expect(owners.every((r) => /^[A-Za-z0-9_-]{32}$/.test(r.ownerId))).toBe(true);
  });

  it('makes only complete profiles that pass profileSchema', () => {
    expect(owners.filter((r) => !profileSchema.safeParse(r.profile).success)).toEqual([]);
    const fields = Object.keys(profileSchema.shape).length;
    expect(owners.filter((r) => Object.keys(r.profile).length !== fields)).toEqual([]);
  });

  it('keeps the sector, kind, PIN and state of each owner consistent', () => {
    expect(owners.filter((r) => sectorOf.get(r.profile.businessKind ?? '') !== r.profile.sector)).toEqual([]);
    expect(owners.filter((r) => parsePin(r.profile.pin ?? '')?.state !== r.profile.state)).toEqual([]);
  });

  it('keeps the answers consistent with one another', () => {
    for (const { profile: p } of owners) {
      if (p.need === 'start_new') expect([p.yearsInBusiness, p.monthlySales, p.workers]).toEqual([0, 0, 0]);
      if (p.need === 'learn') expect(p.amount).toBe(0);
      else expect(p.amount).toBeGreaterThan(0);
      if (p.need === 'start_new') expect(p.amount).toBeLessThanOrEqual(50_00_000);
      if (p.repaidTarun) expect(p.repaysOnTime).toBe(true);
    }
  });

  it('follows DOMAIN.md: sectors, rural, women and the largest states', () => {
    expect(Math.abs(share((r) => r.profile.sector === 'trade') - 0.36)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.sector === 'services') - 0.33)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.sector === 'manufacturing') - 0.31)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.area === 'rural') - 0.51)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.gender === 'female') - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.state === 'UP') - 0.14)).toBeLessThan(0.015);
    expect(Math.abs(share((r) => r.profile.state === 'WB') - 0.14)).toBeLessThan(0.015);
    expect(Math.abs(share((r) => r.profile.state === 'TN') - 0.08)).toBeLessThan(0.015);
    expect(Math.abs(share((r) => r.profile.socialCategory === 'obc') - 0.497)).toBeLessThan(0.02);
    expect(Math.abs(share((r) => r.profile.socialCategory === 'sc') - 0.125)).toBeLessThan(0.015);
  });

  it('follows DOMAIN.md: ~85% at ≤ ₹1 crore a year, micro > 99%', () => {
    const annual = (r: ProfileRecord): number => (r.profile.monthlySales ?? 0) * 12;
    expect(Math.abs(share((r) => annual(r) <= 1_00_00_000) - 0.85)).toBeLessThan(0.03);
    expect(share((r) => sizeClassOf(annual(r)) === 'micro')).toBeGreaterThan(0.99);
    expect(share((r) => (r.profile.workers ?? 0) <= 5)).toBeGreaterThan(0.85);
    expect(Math.abs(share((r) => r.marketingConsent) - 0.7)).toBeLessThan(0.02);
  });

  it('registers for GST mostly above the thresholds', () => {
    const limit = (r: ProfileRecord): number => (r.profile.sector === 'services' ? 20_00_000 : 40_00_000);
    const above = owners.filter((r) => (r.profile.monthlySales ?? 0) * 12 > limit(r));
    const below = owners.filter((r) => (r.profile.monthlySales ?? 0) * 12 <= limit(r));
    expect(above.filter((r) => r.profile.gst).length / above.length).toBeGreaterThan(0.8);
    expect(below.filter((r) => r.profile.gst).length / below.length).toBeLessThan(0.15);
  });

  it('speaks a language of the owner’s state, or English', () => {
    for (const { lang, profile } of owners) {
      const state = profile.state ?? 'UP';
      expect(lang === 'en' || LANGS_OF_STATE[state].includes(lang)).toBe(true);
    }
    const main = (state: string): string => {
      const counts = new Map<string, number>();
      for (const r of owners.filter((o) => o.profile.state === state))
        counts.set(r.lang, (counts.get(r.lang) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    };
    expect([
      main('UP'),
      main('WB'),
      main('TN'),
      main('MH'),
      main('KA'),
      main('AP'),
      main('GJ'),
      main('OR'),
      main('KL'),
      main('PB'),
    ]).toEqual(['hi', 'bn', 'ta', 'mr', 'kn', 'te', 'gu', 'or', 'ml', 'pa']);
    expect(share((r) => r.lang === 'en')).toBeGreaterThan(0.02);
    expect(share((r) => r.lang === 'en')).toBeLessThan(0.07);
  });

  it('lists a language for every state', () => {
    for (const state of STATE_CODES) expect(LANGS_OF_STATE[state].length).toBeGreaterThan(0);
  });
});
