// The learning ranker: eligible items (rules), the owner's relevance (recommend.ts's scores and reasons),
// a Thompson sample of the (segment, item) click rate learned from feedback, then diversity and resting.
// It never reads the sensitive fields (gender, socialCategory) to rank: they only decide eligibility.
import { SENSITIVE_FIELDS, type Profile } from '../profile/profile.js';
import { betaMean, segmentPrior, thompson, type Rng } from './bandit.js';
import type { Catalog, CatalogItem } from './catalog.js';
import { NO_STATS, type ItemStats } from './feedback-store.js';
import { defaultRanker, type Ranker, type Reason, type ReasonKey } from './recommend.js';
import { diversify, PAGE } from './diversify.js';
import { evaluate, type Verdict } from './rules.js';

/** Said when the segment's learned click rate is what lifted the item above its rule-based place. */
export const POPULAR_REASON = 'reason.popular_in_segment' as const;
/** recommend.ts's Reason, plus POPULAR_REASON (identical once REASON_KEYS lists it). */
export type RankReason = Omit<Reason, 'key'> & { key: ReasonKey | typeof POPULAR_REASON };
export interface RankedRecommendation {
  item: CatalogItem;
  score: number;
  reasons: RankReason[];
}

/** An eligible item with its rule-based relevance for one owner: pure, so callers may cache it. */
export interface Candidate {
  readonly item: CatalogItem;
  readonly verdict: Verdict;
  readonly relevance: number;
  readonly reasons: readonly Reason[];
}

export interface RankContext {
  /** the owner's segment id (segments.ts `segmentOf`) */
  segment: string;
  /** feedback counts of the segment, by item id (FeedbackStore.stats); missing items count as unseen */
  stats: ReadonlyMap<string, ItemStats>;
  rng: Rng;
  /** dismissed items: never returned */
  exclude?: readonly string[];
  /** when the owner last saw each item (epoch ms) */
  seen?: ReadonlyMap<string, number>;
  now?: number;
  /** items seen less than this long ago go after every other item; default 3 days */
  restMs?: number;
  /** default 3 */
  limit?: number;
  /** log-odds added per point of rule relevance; default 0.2 (a need match of ~5 points ≈ ×2.7) */
  relevanceWeight?: number;
  /** impressions the per-segment prior is worth; default 4 */
  priorStrength?: number;
  /** impressions an item needs in the segment before "popular" may be said; default 30 */
  minEvidence?: number;
}

const DAY_MS = 86_400_000;

/** The profile without the fields that must never be a ranking signal. */
export function withoutSensitive(profile: Profile): Profile {
  const copy: Profile = { ...profile };
  for (const field of SENSITIVE_FIELDS) delete copy[field];
  return copy;
}

/**
 * The owner's eligible items (verdict not 'no', on the full profile) with relevance and reasons from
 * `scorer` on the profile stripped of sensitive fields. In catalog order.
 */
export function candidates(profile: Profile, catalog: Catalog, scorer: Ranker = defaultRanker): Candidate[] {
  const neutral = withoutSensitive(profile);
  const out: Candidate[] = [];
  for (const item of catalog.items) {
    const verdict: Verdict = item.eligibility ? evaluate(item.eligibility, profile) : 'yes';
    if (verdict === 'no') continue;
    const { score, reasons } = scorer(item, neutral, verdict);
    out.push({ item, verdict, relevance: score, reasons });
  }
  return out;
}

/** Ranks an owner's catalog items: `candidates` then `rankCandidates`. */
export function rank(profile: Profile, catalog: Catalog, ctx: RankContext): RankedRecommendation[] {
  return rankCandidates(candidates(profile, catalog), ctx);
}

/** An item with a score to arrange by (higher first). */
export interface ScoredCandidate {
  readonly candidate: Candidate;
  readonly score: number;
}

/** The owner-level part of RankContext: what `arrange` needs. */
export type ArrangeOptions = Pick<RankContext, 'exclude' | 'seen' | 'now' | 'restMs' | 'limit'>;

const byId = (a: CatalogItem, b: CatalogItem): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The last stage, shared by every ranking policy: drops excluded items, orders by score, rests items
 * seen within `restMs` (used only when nothing else is left) and keeps pages diverse (see diversify).
 */
export function arrange<T extends ScoredCandidate>(scored: readonly T[], opts: ArrangeOptions = {}): T[] {
  const { exclude = [], seen, now = Date.now(), restMs = 3 * DAY_MS, limit = PAGE } = opts;
  if (limit <= 0) return [];
  const excluded = new Set(exclude);
  const rows = scored
    .filter((s) => !excluded.has(s.candidate.item.id))
    .map((s) => {
      const lastSeen = seen?.get(s.candidate.item.id);
      return { s, rested: lastSeen !== undefined && now - lastSeen < restMs };
    })
    .sort((a, b) => b.s.score - a.s.score || byId(a.s.candidate.item, b.s.candidate.item));
  return diversify(rows, limit, {
    item: (r) => r.s.candidate.item,
    rested: (r) => r.rested,
    oneOfferPerSchemePerPage: true,
  }).map((r) => r.s);
}

/** Ranks precomputed candidates (see RankContext). Deterministic for a given rng state. */
export function rankCandidates(all: readonly Candidate[], ctx: RankContext): RankedRecommendation[] {
  const {
    segment,
    stats,
    rng,
    exclude = [],
    relevanceWeight = 0.2,
    priorStrength = 4,
    minEvidence = 30,
  } = ctx;
  const excluded = new Set(exclude);
  const pool = all.filter((c) => !excluded.has(c.item.id));
  const statsOf = (c: Candidate): ItemStats => stats.get(c.item.id) ?? NO_STATS;
  const prior = segmentPrior(pool.map(statsOf), priorStrength);
  const baseRate = betaMean(prior);

  // One sample per candidate, in catalog order, so the rng is consumed the same way every time.
  const scored: ScoredCandidate[] = pool.map((candidate) => ({
    candidate,
    score:
      Math.log(Math.max(thompson(statsOf(candidate), rng, prior), 1e-9)) +
      relevanceWeight * candidate.relevance,
  }));
  const place = (list: readonly Candidate[]): Map<string, number> =>
    new Map(list.map((c, i) => [c.item.id, i]));
  const relevancePlace = place([...pool].sort((a, b) => b.relevance - a.relevance || byId(a.item, b.item)));
  const learnedPlace = place(
    [...scored]
      .sort((a, b) => b.score - a.score || byId(a.candidate.item, b.candidate.item))
      .map((s) => s.candidate),
  );

  return arrange(scored, ctx).map(({ candidate: c, score }) => {
    const s = statsOf(c);
    const rate = betaMean({
      alpha: prior.alpha + s.positive,
      beta: prior.beta + Math.max(0, s.shown - s.positive),
    });
    const lifted =
      s.shown >= minEvidence &&
      rate > baseRate &&
      (learnedPlace.get(c.item.id) ?? 0) < (relevancePlace.get(c.item.id) ?? 0);
    const reasons: RankReason[] = [...c.reasons];
    if (lifted) reasons.push({ key: POPULAR_REASON, params: { segment } });
    return { item: c.item, score: Math.round(score * 1000) / 1000, reasons };
  });
}
