// Lender audiences as data: a zod schema of filters over the owner profile, the AudienceIndex port that
// counts and lists matching owners, and the pure parts both adapters share — which index tokens a profile
// record belongs to, and which tokens a filter asks for. Only owners with marketing consent are indexed.
import { z } from 'zod';
import kindsRaw from '../../content/business-kinds.json' with { type: 'json' };
import { LANGS } from '../language/langs.js';
import { sizeClassOf, SIZE_CLASSES } from '../personalize/rule-fields.js';
import { loadSegments, segmentOf, type Segment } from '../personalize/segments.js';
import { AREAS, NEEDS, SECTORS, STATE_CODES } from '../profile/profile.js';
import type { ProfileRecord } from '../profile/store.js';

/** Bucket edges (rupees) of the amount needed; a range filter's bounds must be edges. */
export const AMOUNT_EDGES = [
  0, 10_000, 25_000, 50_000, 100_000, 200_000, 300_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
  100_000_000,
] as const;
/** Bucket edges (whole years) of the business's age; a range filter's bounds must be edges. */
export const YEARS_EDGES = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30] as const;

const KIND_IDS: readonly string[] = z
  .array(z.object({ id: z.string() }))
  .parse(kindsRaw)
  .map((k) => k.id);

let segmentsCache: readonly Segment[] | undefined;
/** content/segments.json, loaded once. */
export function audienceSegments(): readonly Segment[] {
  segmentsCache ??= loadSegments();
  return segmentsCache;
}

/** One value or a non-empty list of them (at most `max`); always a list after parsing. */
const oneOrMany = <T extends z.ZodTypeAny>(item: T, max = 50) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).min(1).max(max));

const range = (edges: readonly number[], unit: string) =>
  z
    .object({
      atLeast: z.number().refine((n) => edges.includes(n), `must be one of ${edges.join(', ')} (${unit})`),
      below: z.number().refine((n) => edges.includes(n), `must be one of ${edges.join(', ')} (${unit})`),
    })
    .partial()
    .strict()
    .refine((r) => r.atLeast !== undefined || r.below !== undefined, 'give atLeast, below or both')
    .refine(
      (r) => r.atLeast === undefined || r.below === undefined || r.atLeast < r.below,
      'atLeast must be less than below',
    );

export const audienceSchema = z
  .object({
    segment: oneOrMany(
      z.string().refine((id) => audienceSegments().some((s) => s.id === id), 'unknown segment id'),
    ),
    sector: oneOrMany(z.enum(SECTORS)),
    businessKind: oneOrMany(
      z.string().refine((id) => KIND_IDS.includes(id), 'unknown business kind'),
      100,
    ),
    state: oneOrMany(z.enum(STATE_CODES), STATE_CODES.length),
    district: oneOrMany(z.string().trim().min(1).max(80), 200),
    area: oneOrMany(z.enum(AREAS)),
    sizeClass: oneOrMany(z.enum(SIZE_CLASSES)),
    need: oneOrMany(z.enum(NEEDS)),
    lang: oneOrMany(z.enum(LANGS)),
    /** rupees needed: atLeast ≤ amount < below */
    amount: range(AMOUNT_EDGES, 'rupees'),
    /** whole years in business: atLeast ≤ years < below */
    yearsInBusiness: range(YEARS_EDGES, 'years'),
  })
  .partial()
  .strict();

/** A parsed audience: every filter given must hold; a list means any of its values. */
export type Audience = z.output<typeof audienceSchema>;

/** Counts and lists the owners (with marketing consent) an audience matches. */
export interface AudienceIndex {
  estimate(a: Audience): Promise<number>;
  /** Matching owner ids in batches of `batchSize` (the last may be shorter); a snapshot taken at the start. */
  members(a: Audience, batchSize: number): AsyncIterable<readonly string[]>;
}

/** What a lender is told: "<20" for small counts, else two significant figures. */
export function publicEstimate(count: number): number | '<20' {
  if (count < 20) return '<20';
  const unit = 10 ** (Math.floor(Math.log10(count)) - 1);
  return Math.round(count / unit) * unit;
}

/** Index of the bucket holding `value`: edges[i] ≤ value < edges[i+1] (the last is open-ended). */
function bucketOf(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i + 1 < edges.length && value >= (edges[i + 1] ?? Infinity)) i++;
  return i;
}

const districtKey = (d: string): string => d.trim().toLowerCase();

/** The token that every indexed (consenting) owner holds. */
export const ALL_TOKEN = 'all';

/**
 * The index tokens of a record, e.g. `need=machinery`; none without marketing consent. Unanswered fields
 * give no token, so a filter on a field leaves out the owners who never answered it.
 */
export function audienceTokens(record: ProfileRecord, segments = audienceSegments()): string[] {
  if (!record.marketingConsent) return [];
  const p = record.profile;
  const tokens = [ALL_TOKEN, `segment=${record.segment ?? segmentOf(p, segments).id}`, `lang=${record.lang}`];
  if (p.sector) tokens.push(`sector=${p.sector}`);
  if (p.businessKind) tokens.push(`businessKind=${p.businessKind}`);
  if (p.state) tokens.push(`state=${p.state}`);
  if (p.district) tokens.push(`district=${districtKey(p.district)}`);
  if (p.area) tokens.push(`area=${p.area}`);
  if (p.monthlySales !== undefined) tokens.push(`sizeClass=${sizeClassOf(p.monthlySales * 12)}`);
  if (p.need) tokens.push(`need=${p.need}`);
  if (p.amount !== undefined) tokens.push(`amount=${bucketOf(p.amount, AMOUNT_EDGES)}`);
  if (p.yearsInBusiness !== undefined) tokens.push(`years=${bucketOf(p.yearsInBusiness, YEARS_EDGES)}`);
  return tokens;
}

function rangeTokens(
  name: string,
  r: { atLeast?: number | undefined; below?: number | undefined },
  edges: readonly number[],
): string[] {
  const from = r.atLeast === undefined ? 0 : edges.indexOf(r.atLeast);
  const to = r.below === undefined ? edges.length : edges.indexOf(r.below);
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => `${name}=${from + i}`);
}

/**
 * The audience as groups of tokens: an owner matches when it holds a token of every group. No groups
 * means every indexed owner; an empty group means nobody.
 */
export function audienceGroups(a: Audience): string[][] {
  const groups: string[][] = [];
  const add = (name: string, values: readonly string[] | undefined): void => {
    if (values) groups.push([...new Set(values.map((v) => `${name}=${v}`))]);
  };
  add('segment', a.segment);
  add('sector', a.sector);
  add('businessKind', a.businessKind);
  add('state', a.state);
  add('district', a.district?.map(districtKey));
  add('area', a.area);
  add('sizeClass', a.sizeClass);
  add('need', a.need);
  add('lang', a.lang);
  if (a.amount) groups.push(rangeTokens('amount', a.amount, AMOUNT_EDGES));
  if (a.yearsInBusiness) groups.push(rangeTokens('years', a.yearsInBusiness, YEARS_EDGES));
  return groups;
}
