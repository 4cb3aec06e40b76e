// First recommender: keeps the items whose eligibility is not 'no', scores them with a Ranker (the seam
// the personalization work replaces), and orders them so each page mixes tips and offers.
import type { Profile } from '../profile/profile.js';
import type { Catalog, CatalogItem } from './catalog.js';
import { diversify, PAGE } from './diversify.js';
import { evaluate, explain, type HeldCondition, type Verdict } from './rules.js';

/** The closed set of reason message keys; texts live in locales/ (ICU MessageFormat). */
export const REASON_KEYS = [
  'reason.need',
  'reason.need_amount',
  'reason.amount_fits',
  'reason.amount_nearest',
  'reason.no_udyam',
  'reason.has_udyam',
  'reason.no_gst',
  'reason.new_business',
  'reason.years',
  'reason.trade',
  'reason.turnover',
  'reason.sector',
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

/** A message key plus the profile values that produced it; amounts stay numbers (formatted later). */
export interface Reason {
  key: ReasonKey;
  params: Record<string, string | number>;
}
export interface Recommendation {
  item: CatalogItem;
  score: number;
  reasons: Reason[];
}
export interface Scored {
  score: number;
  reasons: Reason[];
}
/** Scores one eligible item for a profile; `verdict` is its eligibility ('yes' or 'unknown'). */
export type Ranker = (item: CatalogItem, profile: Profile, verdict: Verdict) => Scored;

export interface RecommendOptions {
  /** item ids not to show (dismissed, already seen) */
  exclude?: readonly string[];
  /** how many to return; default 3 */
  limit?: number;
  ranker?: Ranker;
}

const MAX_REASONS = 3;

/** A contribution to the score, with the reason it gives the owner (if it is worth saying). */
interface Signal {
  weight: number;
  reason?: Reason;
}

/** Topics that matter more at the start, and once a business has run for a while. */
const NEW_TOPICS: readonly string[] = ['udyam', 'banking', 'subsidy', 'gst'];
const RUNNING_TOPICS: readonly string[] = [
  'late_payments',
  'treds',
  'credit_score',
  'repayment',
  'account_aggregator',
];

function needAndAmount(item: CatalogItem, profile: Profile): Signal[] {
  const { need, amount } = profile;
  const needMatch = need !== undefined && item.needs.includes(need);
  const range = item.kind === 'offer' ? item.amount : undefined;
  if (!range || amount === undefined || amount <= 0) {
    return needMatch ? [{ weight: 3, reason: { key: 'reason.need', params: { need } } }] : [];
  }
  const { min = 0, max } = range;
  if (amount >= min && amount <= max) {
    const reason: Reason = needMatch
      ? { key: 'reason.need_amount', params: { need, amount } }
      : { key: 'reason.amount_fits', params: { amount, max } };
    // A range cut to the amount (MUDRA Kishor for ₹3 lakh) beats a very wide one (CGTMSE up to ₹5 crore).
    const tightness = 1 / (1 + Math.log10(max / Math.max(amount, 1)));
    return [{ weight: (needMatch ? 5 : 2) + tightness, reason }];
  }
  // Outside the range: the nearer the better. Only a range that stops short of the amount is "nearest".
  const signals: Signal[] = needMatch
    ? [{ weight: 3, reason: { key: 'reason.need', params: { need } } }]
    : [];
  if (amount > max) {
    const closeness = max / amount;
    const reason: Reason = { key: 'reason.amount_nearest', params: { amount, max } };
    signals.push(closeness >= 0.25 ? { weight: 2 * closeness, reason } : { weight: 2 * closeness });
  } else {
    signals.push({ weight: amount / min });
  }
  return signals;
}

/** Reasons from the eligibility conditions that actually held for this owner. */
function heldSignal(held: HeldCondition, profile: Profile): Signal | undefined {
  if (held.negated || held.value === null) return undefined;
  const { field, value } = held;
  const years = profile.yearsInBusiness;
  switch (field) {
    case 'udyam':
      return value === false
        ? { weight: 5, reason: { key: 'reason.no_udyam', params: {} } }
        : { weight: 1, reason: { key: 'reason.has_udyam', params: {} } };
    case 'gst':
      return value === false ? { weight: 1, reason: { key: 'reason.no_gst', params: {} } } : { weight: 0.5 };
    case 'businessKind':
      return { weight: 5, reason: { key: 'reason.trade', params: { kind: String(value) } } };
    case 'isNewBusiness':
      if (value === true) return { weight: 2, reason: { key: 'reason.new_business', params: {} } };
      return years === undefined
        ? undefined
        : { weight: 0.5, reason: { key: 'reason.years', params: { years } } };
    case 'yearsInBusiness':
      return years === undefined
        ? undefined
        : { weight: 1, reason: { key: 'reason.years', params: { years } } };
    case 'annualTurnover':
      return typeof value === 'number'
        ? { weight: 1, reason: { key: 'reason.turnover', params: { turnover: value } } }
        : undefined;
    case 'sector':
      return { weight: 0.5, reason: { key: 'reason.sector', params: { sector: String(value) } } };
    default:
      return undefined; // sizeClass holds for nearly everyone; need and amount are scored on their own
  }
}

function ageSignal(item: CatalogItem, years: number | undefined): Signal | undefined {
  if (years === undefined) return undefined;
  if (years === 0 && NEW_TOPICS.includes(item.topic)) {
    return { weight: 1, reason: { key: 'reason.new_business', params: {} } };
  }
  if (years >= 2 && RUNNING_TOPICS.includes(item.topic)) {
    return { weight: 1, reason: { key: 'reason.years', params: { years } } };
  }
  return undefined;
}

/** The first ranker: need, amount, registration gaps, business age and the eligibility that held. */
export const defaultRanker: Ranker = (item, profile, verdict) =>
  scoreItem(item, profile, verdict, MAX_REASONS);

/** defaultRanker's score with up to `maxReasons` reasons, strongest first ("why this?" asks for all). */
export function scoreItem(item: CatalogItem, profile: Profile, verdict: Verdict, maxReasons: number): Scored {
  const held = item.eligibility ? explain(item.eligibility, profile) : [];
  const signals: Signal[] = [
    ...needAndAmount(item, profile),
    ...held.map((h) => heldSignal(h, profile)).filter((s): s is Signal => s !== undefined),
  ];
  const age = ageSignal(item, profile.yearsInBusiness);
  if (age) signals.push(age);
  if (verdict === 'unknown') signals.push({ weight: -1 });
  if (item.example === true) signals.push({ weight: -1.5 });
  if (item.kind === 'offer' && item.status === 'announced') signals.push({ weight: -1 });
  const score = Math.round(signals.reduce((sum, s) => sum + s.weight, 0) * 1000) / 1000;
  return { score, reasons: topReasons(signals, maxReasons) };
}

function topReasons(signals: readonly Signal[], maxReasons: number): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const s of [...signals].sort((a, b) => b.weight - a.weight)) {
    if (!s.reason || seen.has(s.reason.key) || out.length >= maxReasons) continue;
    seen.add(s.reason.key);
    out.push(s.reason);
  }
  return out;
}

/**
 * Recommends up to `limit` catalog items for a profile. Only items whose eligibility is not 'no' and
 * that are not excluded; deterministic for a given profile and catalog.
 */
export function recommend(profile: Profile, catalog: Catalog, opts: RecommendOptions = {}): Recommendation[] {
  const { exclude = [], limit = PAGE, ranker = defaultRanker } = opts;
  if (limit <= 0) return [];
  const excluded = new Set(exclude);
  const scored: Recommendation[] = [];
  for (const item of catalog.items) {
    if (excluded.has(item.id)) continue;
    const verdict: Verdict = item.eligibility ? evaluate(item.eligibility, profile) : 'yes';
    if (verdict === 'no') continue;
    const { score, reasons } = ranker(item, profile, verdict);
    scored.push({ item, score, reasons });
  }
  scored.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  return diversify(scored, limit, { item: (r) => r.item });
}
