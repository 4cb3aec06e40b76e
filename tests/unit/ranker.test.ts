// The learning ranker: only eligible, never dismissed, rested items come back, reasons are the rules',
// "popular" only when learning lifted the item, sensitive fields never move the order, deterministic.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/personalize/catalog.js';
import type { ItemStats } from '../../src/personalize/feedback-store.js';
import { seededRandom } from '../../src/personalize/personas.js';
import { candidates, POPULAR_REASON, rank, type RankContext } from '../../src/personalize/ranker.js';
import { defaultRanker } from '../../src/personalize/recommend.js';
import { evaluate } from '../../src/personalize/rules.js';
import { GENDERS, SOCIAL_CATEGORIES, type Profile } from '../../src/profile/profile.js';
import { generateOwners } from '../../src/profile/synthetic.js';

const catalog = loadCatalog();
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10);
const kirana: Profile = {
  businessKind: 'kirana',
  sector: 'trade',
  yearsInBusiness: 6,
  monthlySales: 250_000,
  udyam: false,
  gst: false,
  need: 'working_capital',
  amount: 300_000,
  gender: 'female',
  socialCategory: 'obc',
};
const owners = [...generateOwners(40, 'ranker-test')].map((o) => o.profile);

/** Learned counts where a few items are clearly popular in the segment. */
function learned(popular: readonly string[]): Map<string, ItemStats> {
  return new Map(
    catalog.items.map((i) => [
      i.id,
      popular.includes(i.id)
        ? { shown: 400, positive: 160, negative: 0 }
        : { shown: 400, positive: 8, negative: 1 },
    ]),
  );
}
const ctx = (over: Partial<RankContext> = {}): RankContext => ({
  segment: 'shop-working-capital',
  stats: new Map(),
  rng: seededRandom(1),
  now: NOW,
  limit: 12,
  ...over,
});
const ids = (list: readonly { item: { id: string } }[]): string[] => list.map((r) => r.item.id);

describe('rank', () => {
  it('never returns an ineligible item', () => {
    for (const [i, profile] of owners.entries()) {
      for (const r of rank(profile, catalog, ctx({ rng: seededRandom(i), limit: 30 }))) {
        expect(r.item.eligibility ? evaluate(r.item.eligibility, profile) : 'yes').not.toBe('no');
      }
    }
  });

  it('never returns a dismissed item, even when little else is left', () => {
    const all = candidates(kirana, catalog).map((c) => c.item.id);
    const exclude = all.slice(0, -2);
    const out = rank(kirana, catalog, ctx({ exclude, limit: 10 }));
    expect(ids(out).some((id) => exclude.includes(id))).toBe(false);
    expect(out.length).toBeLessThanOrEqual(2);
  });

  it('rests items seen within restMs, and brings them back after restMs or when nothing else is left', () => {
    const first = ids(rank(kirana, catalog, ctx({ limit: 3 })));
    const seen = new Map(first.map((id) => [id, NOW - DAY]));
    const rested = ids(rank(kirana, catalog, ctx({ limit: 3, seen, restMs: 3 * DAY })));
    expect(rested.some((id) => first.includes(id))).toBe(false);
    const later = ids(rank(kirana, catalog, ctx({ limit: 3, seen, restMs: 3 * DAY, now: NOW + 3 * DAY })));
    expect(later).toEqual(first);
    const all = candidates(kirana, catalog).map((c) => c.item.id);
    const everything = new Map(all.map((id) => [id, NOW - DAY]));
    expect(rank(kirana, catalog, ctx({ limit: 3, seen: everything, restMs: 3 * DAY }))).toHaveLength(3);
  });

  it('keeps the rule reasons, and adds "popular" only for items the learned rate lifted', () => {
    const byRelevance = candidates(kirana, catalog).sort((a, b) => b.relevance - a.relevance);
    const lowRelevance = byRelevance.slice(-6).map((c) => c.item.id);
    const out = rank(kirana, catalog, ctx({ stats: learned(lowRelevance), limit: 6 }));
    for (const r of out) {
      const verdict = r.item.eligibility ? evaluate(r.item.eligibility, kirana) : 'yes';
      const { gender: _g, socialCategory: _s, ...neutral } = kirana;
      const ruleReasons = defaultRanker(r.item, neutral, verdict).reasons;
      expect(r.reasons.filter((x) => x.key !== POPULAR_REASON)).toEqual(ruleReasons);
      const popular = r.reasons.filter((x) => x.key === POPULAR_REASON);
      if (lowRelevance.includes(r.item.id))
        expect(popular).toEqual([{ key: POPULAR_REASON, params: { segment: 'shop-working-capital' } }]);
      else expect(popular).toEqual([]);
    }
    expect(ids(out).filter((id) => lowRelevance.includes(id)).length).toBeGreaterThanOrEqual(3);
  });

  it('says nothing about popularity before there is evidence', () => {
    for (const r of rank(kirana, catalog, ctx()))
      expect(r.reasons.some((x) => x.key === POPULAR_REASON)).toBe(false);
  });

  it('never orders differently because of gender or social category', () => {
    const stats = learned(['udyam-register', 'treds', 'pmsby']);
    for (const [i, base] of [kirana, ...owners.slice(0, 15)].entries()) {
      const orders = new Set<string>();
      const eligible = new Set<string>();
      for (const gender of GENDERS)
        for (const socialCategory of SOCIAL_CATEGORIES) {
          const profile = { ...base, gender, socialCategory };
          const elig = candidates(profile, catalog)
            .map((c) => c.item.id)
            .join();
          if (eligible.size > 0 && !eligible.has(elig)) continue; // not equally eligible: not comparable
          eligible.add(elig);
          orders.add(JSON.stringify(rank(profile, catalog, ctx({ stats, rng: seededRandom(i), limit: 20 }))));
        }
      expect(orders.size).toBe(1);
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    const stats = learned(['udyam-register']);
    const a = rank(kirana, catalog, ctx({ stats, rng: seededRandom(77) }));
    const b = rank(kirana, catalog, ctx({ stats, rng: seededRandom(77) }));
    expect(a).toEqual(b);
    const orders = new Set(
      Array.from({ length: 10 }, (_, s) => ids(rank(kirana, catalog, ctx({ rng: seededRandom(s) }))).join()),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never puts two offers of one scheme on a page, and mixes tips and offers on each page', () => {
    for (const [i, profile] of owners.entries()) {
      const out = rank(profile, catalog, ctx({ rng: seededRandom(i), limit: 9 }));
      for (let p = 0; p < out.length; p += 3) {
        const page = out.slice(p, p + 3).map((r) => r.item);
        const schemes = page.flatMap((it) => (it.kind === 'offer' ? [it.scheme] : []));
        expect(new Set(schemes).size).toBe(schemes.length);
        if (page.length === 3) expect(new Set(page.map((it) => it.kind)).size).toBe(2);
      }
    }
  });

  it('follows the learned rates once they are clear', () => {
    const popular = ['pmsby', 'pmjjby', 'udyam-register'];
    const out = ids(rank(kirana, catalog, ctx({ stats: learned(popular), limit: 3, relevanceWeight: 0 })));
    expect(out.filter((id) => popular.includes(id)).length).toBeGreaterThanOrEqual(2);
  });
});
