// Fairness of exposure: for owners equally eligible for an offer, the share shown it (in the top 3) per
// group of gender, social category, rural/urban and state, judged by the four-fifths rule (the lowest
// judged group's rate ≥ 0.8 × the highest) for every offer whose eligibility rule does not aim it at a group.
import { SENSITIVE_FIELDS, type Profile } from '../profile/profile.js';
import type { Catalog, Offer } from './catalog.js';
import type { Recommendation } from './recommend.js';
import { evaluate, leaves } from './rules.js';

export const FAIRNESS_ATTRIBUTES = ['gender', 'socialCategory', 'area', 'state'] as const;
export type FairnessAttribute = (typeof FAIRNESS_ATTRIBUTES)[number];
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

/** The four-fifths (80%) rule of adverse impact. */
export const FOUR_FIFTHS = 0.8;
/** Groups expected to see an offer fewer times than this (at its overall rate) are reported, not judged. */
export const DEFAULT_MIN_EXPECTED_SHOWN = 10;

/** Groups with fewer eligible owners than this are reported but not judged. */
export const DEFAULT_MIN_GROUP_SIZE = 30;
/** How many recommendations an owner is shown (the first page). */
export const DEFAULT_SHOWN = 3;

/** What the owner sees for a profile, best first; only the first `shown` count as exposure. */
export type Recommender = (profile: Profile) => readonly Recommendation[];

export interface FairnessOptions {
  attributes?: readonly FairnessAttribute[];
  /** groups with fewer eligible owners are reported, not judged; default 30 */
  minGroupSize?: number;
  /**
   * groups in which fewer than this many owners would be shown the offer at its overall exposure rate
   * are reported, not judged: with a handful of expected showings a rate is mostly noise. Default 10.
   */
  minExpectedShown?: number;
  /** lowest allowed min/max ratio of judged groups' rates; default 0.8 */
  threshold?: number;
  /** how many of the recommender's items count as shown; default 3 */
  shown?: number;
  /**
   * Family-wise significance level. When set, a ratio below the threshold fails only if exposure also
   * differs across the judged groups beyond chance: chi-square test of homogeneity, p < alpha / the
   * number of judged comparisons (Bonferroni). Unset: the bare four-fifths rule on observed rates.
   */
  alpha?: number;
}

export interface GroupExposure {
  group: string;
  /** owners in the group for whom the offer's eligibility is 'yes' */
  eligible: number;
  /** of those, how many were shown the offer */
  shown: number;
  /** shown / eligible (0 when no one is eligible) */
  rate: number;
  /** false when the group is smaller than minGroupSize */
  judged: boolean;
}

/** 'pass'/'fail' by four-fifths; 'aimed': the offer is for a group by rule; 'too-few': < 2 judged groups. */
export type AttributeVerdict = 'pass' | 'fail' | 'aimed' | 'too-few';

export interface AttributeExposure {
  attribute: FairnessAttribute;
  /** every group seen among eligible owners, largest first */
  groups: GroupExposure[];
  /** eligible owners who left this attribute unanswered (in no group) */
  unanswered: number;
  /** the judged groups with the lowest and the highest rate */
  lowest?: GroupExposure;
  highest?: GroupExposure;
  /** lowest.rate / highest.rate over judged groups; 1 when no judged group was shown it; null with < 2 */
  ratio: number | null;
  /** chance of group differences at least this large if exposure did not depend on the group (judged groups) */
  pValue: number | null;
  verdict: AttributeVerdict;
}

export interface OfferFairness {
  offerId: string;
  scheme: string;
  /** sensitive fields its eligibility rule reads: such an offer is aimed at a group, and not judged */
  aimedAt: SensitiveField[];
  /** groups its English text says it is for (women, SC/ST); reported, but judged unless aimedAt */
  aimedByText: string[];
  /** owners for whom eligibility is 'yes' / 'unknown' (the latter are left out) */
  eligible: number;
  unknown: number;
  shown: number;
  attributes: AttributeExposure[];
  /** 'fail' when any attribute fails; 'aimed' when aimed by rule; 'too-few' when nothing was judged */
  verdict: AttributeVerdict;
}

export interface FairnessReport {
  owners: number;
  threshold: number;
  minGroupSize: number;
  minExpectedShown: number;
  shownPerOwner: number;
  alpha: number | null;
  /** judged (offer, attribute) comparisons; with alpha, each is tested at alpha / comparisons */
  comparisons: number;
  offers: OfferFairness[];
  /** offer ids aimed at a group by their rule, and by their text only */
  aimed: string[];
  aimedByText: string[];
  /** offer ids that fail the four-fifths rule on some attribute */
  failing: string[];
  pass: boolean;
}

/** The sensitive fields an offer's eligibility rule reads. */
export function aimedFields(offer: Offer): SensitiveField[] {
  const read = new Set(leaves(offer.eligibility).map((l) => l.field));
  return SENSITIVE_FIELDS.filter((f) => read.has(f));
}

/** Groups an English text says it is for; the abbreviations SC and ST are matched case-sensitively. */
const TEXT_GROUPS: readonly (readonly [string, RegExp])[] = [
  ['women', /\b([Ww]om[ae]n|[Ff]emale)\b/],
  ['SC/ST', /\bS[CT]\b|\b[Ss]cheduled ([Cc]astes?|[Tt]ribes?)\b/],
];

/** The groups (women, SC/ST) an offer's English title or body names. */
export function aimedByText(offer: Offer): string[] {
  const text = `${offer.text.en.title} ${offer.text.en.body}`;
  return TEXT_GROUPS.filter(([, re]) => re.test(text)).map(([group]) => group);
}

interface Tally {
  eligible: number;
  unknown: number;
  shown: number;
  /** attribute → group → [eligible, shown] */
  groups: Map<FairnessAttribute, Map<string, [number, number]>>;
  unanswered: Map<FairnessAttribute, number>;
}

/**
 * Exposure by group for every offer of the catalog. Each owner is recommended once; an owner counts for
 * an offer only when its eligibility is 'yes' ("equally eligible"); 'unknown' owners are left out.
 */
export function fairnessReport(
  owners: Iterable<{ profile: Profile }>,
  catalog: Catalog,
  recommender: Recommender,
  opts: FairnessOptions = {},
): FairnessReport {
  const {
    attributes = FAIRNESS_ATTRIBUTES,
    minGroupSize = DEFAULT_MIN_GROUP_SIZE,
    minExpectedShown = DEFAULT_MIN_EXPECTED_SHOWN,
    threshold = FOUR_FIFTHS,
    shown: shownPerOwner = DEFAULT_SHOWN,
    alpha,
  } = opts;
  const tallies = new Map<string, Tally>(
    catalog.offers.map((o) => [
      o.id,
      {
        eligible: 0,
        unknown: 0,
        shown: 0,
        groups: new Map(attributes.map((a) => [a, new Map()])),
        unanswered: new Map(attributes.map((a) => [a, 0])),
      },
    ]),
  );
  let count = 0;
  for (const { profile } of owners) {
    count++;
    const seen = new Set(
      recommender(profile)
        .slice(0, shownPerOwner)
        .map((r) => r.item.id),
    );
    for (const offer of catalog.offers) {
      const tally = tallies.get(offer.id);
      if (!tally) continue;
      const verdict = evaluate(offer.eligibility, profile);
      if (verdict === 'unknown') tally.unknown++;
      if (verdict !== 'yes') continue;
      const wasShown = seen.has(offer.id);
      tally.eligible++;
      if (wasShown) tally.shown++;
      for (const attribute of attributes) {
        const group = profile[attribute];
        if (group === undefined) {
          tally.unanswered.set(attribute, (tally.unanswered.get(attribute) ?? 0) + 1);
          continue;
        }
        const byGroup = tally.groups.get(attribute);
        const cell = byGroup?.get(group) ?? [0, 0];
        cell[0]++;
        if (wasShown) cell[1]++;
        byGroup?.set(group, cell);
      }
    }
  }

  const measured = catalog.offers.map((offer) => {
    const tally = tallies.get(offer.id);
    const aimedAt = aimedFields(offer);
    const attributeMeasures = attributes.map((attribute) =>
      measure(
        attribute,
        tally?.groups.get(attribute),
        tally?.unanswered.get(attribute) ?? 0,
        minGroupSize,
        minExpectedShown,
      ),
    );
    return { offer, tally, aimedAt, attributeMeasures };
  });
  // Bonferroni: alpha is shared by every comparison the report makes.
  const tests = measured
    .filter((m) => m.aimedAt.length === 0)
    .flatMap((m) => m.attributeMeasures)
    .filter((a) => a.ratio !== null).length;
  const perTest = alpha === undefined ? undefined : alpha / Math.max(tests, 1);
  const offers = measured.map(({ offer, tally, aimedAt, attributeMeasures }): OfferFairness => {
    const attributeReports = attributeMeasures.map((a): AttributeExposure => ({
      ...a,
      verdict: judge(a, aimedAt.length > 0, threshold, perTest),
    }));
    const verdicts = attributeReports.map((a) => a.verdict);
    const verdict: AttributeVerdict =
      aimedAt.length > 0
        ? 'aimed'
        : verdicts.includes('fail')
          ? 'fail'
          : verdicts.includes('pass')
            ? 'pass'
            : 'too-few';
    return {
      offerId: offer.id,
      scheme: offer.scheme,
      aimedAt,
      aimedByText: aimedByText(offer),
      eligible: tally?.eligible ?? 0,
      unknown: tally?.unknown ?? 0,
      shown: tally?.shown ?? 0,
      attributes: attributeReports,
      verdict,
    };
  });
  const failing = offers.filter((o) => o.verdict === 'fail').map((o) => o.offerId);
  return {
    owners: count,
    threshold,
    minGroupSize,
    minExpectedShown,
    shownPerOwner,
    alpha: alpha ?? null,
    comparisons: tests,
    offers,
    aimed: offers.filter((o) => o.aimedAt.length > 0).map((o) => o.offerId),
    aimedByText: offers.filter((o) => o.aimedByText.length > 0).map((o) => o.offerId),
    failing,
    pass: failing.length === 0,
  };
}

type Measure = Omit<AttributeExposure, 'verdict'>;

/** Rates per group, and the ratio and p-value over the groups large enough to judge. */
function measure(
  attribute: FairnessAttribute,
  cells: ReadonlyMap<string, readonly [number, number]> = new Map(),
  unanswered: number,
  minGroupSize: number,
  minExpectedShown: number,
): Measure {
  const totals = [...cells.values()].reduce(
    (sum, [eligible, shown]) => [sum[0] + eligible, sum[1] + shown],
    [0, 0],
  );
  const overallRate = totals[0] === 0 ? 0 : totals[1] / totals[0];
  const groups: GroupExposure[] = [...cells]
    .map(([group, [eligible, shown]]) => ({
      group,
      eligible,
      shown,
      rate: eligible === 0 ? 0 : shown / eligible,
      judged: eligible >= minGroupSize && eligible * overallRate >= minExpectedShown,
    }))
    .sort((a, b) => b.eligible - a.eligible || (a.group < b.group ? -1 : 1));
  const judged = groups.filter((g) => g.judged).sort((a, b) => a.rate - b.rate);
  const lowest = judged[0];
  const highest = judged.at(-1);
  if (judged.length < 2 || lowest === undefined || highest === undefined)
    return { attribute, groups, unanswered, ratio: null, pValue: null };
  const ratio = highest.rate === 0 ? 1 : lowest.rate / highest.rate;
  return { attribute, groups, unanswered, lowest, highest, ratio, pValue: homogeneityPValue(judged) };
}

/** Four-fifths; with a per-test alpha, a low ratio fails only when the groups differ beyond chance. */
function judge(m: Measure, aimed: boolean, threshold: number, alpha: number | undefined): AttributeVerdict {
  if (aimed) return 'aimed';
  if (m.ratio === null) return 'too-few';
  const significant = alpha === undefined || (m.pValue !== null && m.pValue < alpha);
  return m.ratio < threshold && significant ? 'fail' : 'pass';
}

// ---------- chi-square test of homogeneity (shown / not shown × group) ----------

/** p-value of the chi-square test that every group has the same exposure rate (1 when it cannot differ). */
export function homogeneityPValue(groups: readonly { eligible: number; shown: number }[]): number {
  const n = groups.reduce((sum, g) => sum + g.eligible, 0);
  const shown = groups.reduce((sum, g) => sum + g.shown, 0);
  if (groups.length < 2 || shown === 0 || shown === n) return 1;
  const p = shown / n;
  let statistic = 0;
  for (const g of groups) {
    if (g.eligible === 0) continue;
    const expected = g.eligible * p;
    statistic += (g.shown - expected) ** 2 / expected;
    statistic += (g.eligible - g.shown - (g.eligible - expected)) ** 2 / (g.eligible - expected);
  }
  return upperGamma((groups.length - 1) / 2, statistic / 2);
}

/** ln Γ(x), Lanczos approximation (g = 7). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let sum = c[0] ?? 1;
  for (let i = 1; i < c.length; i++) sum += (c[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularized upper incomplete gamma Q(a, x): series below a + 1, continued fraction above. */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; k++) sum += term *= x / (a + k);
    return Math.max(0, 1 - sum * front);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return Math.min(1, front * h);
}
