// Owner segments (content/segments.json): named groups that lenders target and the ranker keeps priors
// per. Strict schema, loader, validator, and the first-match assignment of a profile to one segment.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { otherLanguages } from '../i18n/translated.js';
import { sourceHash } from '../i18n/source-hash.js';
import { LANGS, type Lang } from '../language/langs.js';
import { SENSITIVE_FIELDS, type Profile } from '../profile/profile.js';
import {
  checkRule,
  evaluate,
  explain,
  formatIssues,
  leaves,
  ruleSchema,
  type CheckOptions,
  type HeldCondition,
  type Rule,
  type Verdict,
} from './rules.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(DATE, 'asOf must be a date YYYY-MM-DD')
  .refine(
    (s) => !DATE.test(s) || new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'asOf is not a real date',
  );

/** Longest description in English; translations get more room because some scripts run longer. */
export const MAX_DESCRIPTION = { en: 240, translated: 360 } as const;

const name = z.string().trim().min(3).max(90);
const enText = z.object({ name, description: z.string().trim().min(10).max(MAX_DESCRIPTION.en) }).strict();
const translated = z
  .object({
    name,
    description: z.string().trim().min(10).max(MAX_DESCRIPTION.translated),
    /** sourceHash(en.name, en.description) of the English this was translated from */
    sourceHash: z.string().regex(/^[0-9a-f]{8}$/),
  })
  .strict();
const otherLangs = otherLanguages(translated);

export const segmentSchema = z
  .object({
    id: z.string().regex(ID, 'id must be kebab-case'),
    /** lower wins: a profile belongs to the first segment, by priority, whose rule holds */
    priority: z.number().int().min(0),
    rule: ruleSchema,
    /**
     * Required when the rule reads a sensitive field (gender, socialCategory): names the group the
     * segment is explicitly aimed at and why. No other segment may read those fields.
     */
    aimedAt: z
      .object({ group: z.string().trim().min(3), why: z.string().trim().min(20) })
      .strict()
      .optional(),
    /** where a threshold or scheme named in the text comes from (DOMAIN.md), with its date */
    source: z.string().trim().min(3).optional(),
    asOf: isoDate.optional(),
    text: z.object({ en: enText, ...otherLangs }).strict(),
  })
  .strict();
export type Segment = z.infer<typeof segmentSchema>;
export type SegmentText = Segment['text']['en'];

export interface SegmentValidateOptions extends CheckOptions {
  /** Languages every segment must carry; default all twelve. */
  requiredLangs?: readonly Lang[];
}

export const SEGMENTS_FILE = new URL('../../content/segments.json', import.meta.url);

/** True when a rule holds for every profile by its shape alone (e.g. `{ "all": [] }`). */
export function isCatchAll(rule: Rule): boolean {
  if ('all' in rule) return rule.all.every(isCatchAll);
  if ('any' in rule) return rule.any.some(isCatchAll);
  if ('not' in rule) return neverHolds(rule.not);
  return false;
}

function neverHolds(rule: Rule): boolean {
  if ('all' in rule) return rule.all.some(neverHolds);
  if ('any' in rule) return rule.any.every(neverHolds);
  if ('not' in rule) return isCatchAll(rule.not);
  return false;
}

const sensitive: readonly string[] = SENSITIVE_FIELDS;

function segmentProblems(seg: Segment, where: string, opts: SegmentValidateOptions): string[] {
  const out = checkRule(seg.rule, opts, `${where}: rule`);
  const groupFields = [
    ...new Set(
      leaves(seg.rule)
        .map((l) => l.field)
        .filter((f) => sensitive.includes(f)),
    ),
  ];
  if (groupFields.length > 0 && !seg.aimedAt)
    out.push(
      `${where}: the rule reads ${groupFields.join(', ')}; only a segment with 'aimedAt' (a group it is explicitly for, and why) may`,
    );
  if (groupFields.length === 0 && seg.aimedAt)
    out.push(
      `${where}: 'aimedAt' names a group but the rule reads no group field (${SENSITIVE_FIELDS.join(', ')})`,
    );
  if ((seg.source === undefined) !== (seg.asOf === undefined))
    out.push(`${where}: source and asOf go together`);
  const hash = sourceHash(seg.text.en.name, seg.text.en.description);
  for (const lang of LANGS) {
    if (lang === 'en') continue;
    const text = seg.text[lang];
    if (!text) {
      if ((opts.requiredLangs ?? LANGS).includes(lang)) out.push(`${where}: ${lang} text is missing`);
    } else if (text.sourceHash !== hash) {
      out.push(
        `${where}: ${lang} translation is stale (sourceHash ${text.sourceHash}, English is now ${hash})`,
      );
    }
  }
  return out;
}

/** Checks parsed segments data; returns the valid segments (sorted by priority) and every problem. */
export function validateSegmentData(
  data: unknown,
  opts: SegmentValidateOptions = {},
  file = 'segments.json',
): { segments: Segment[]; problems: string[] } {
  if (!Array.isArray(data)) return { segments: [], problems: [`${file}: must be a JSON array of segments`] };
  const problems: string[] = [];
  const segments: Segment[] = [];
  const ids = new Map<string, string>();
  const priorities = new Map<number, string>();
  data.forEach((raw: unknown, i) => {
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '?';
    const where = `${file}[${i}] ${rawId}`;
    const parsed = segmentSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...formatIssues(parsed.error, where));
      return;
    }
    const seg = parsed.data;
    const sameId = ids.get(seg.id);
    if (sameId) problems.push(`${where}: duplicate id (also ${sameId})`);
    ids.set(seg.id, where);
    const samePriority = priorities.get(seg.priority);
    if (samePriority)
      problems.push(
        `${where}: priority ${seg.priority} is also used by ${samePriority}; the order would be ambiguous`,
      );
    priorities.set(seg.priority, where);
    problems.push(...segmentProblems(seg, where, opts));
    segments.push(seg);
  });
  segments.sort((a, b) => a.priority - b.priority);
  const last = segments.at(-1);
  if (segments.length === 0 && data.length === 0) problems.push(`${file}: no segments`);
  else if (last && !isCatchAll(last.rule))
    problems.push(
      `${file}: the last segment by priority (${last.id}) must match everyone, e.g. rule { "all": [] }`,
    );
  for (const seg of segments.slice(0, -1)) {
    if (isCatchAll(seg.rule))
      problems.push(`${file}: ${seg.id} matches everyone, so the segments after it are never reached`);
  }
  return { segments, problems };
}

function readSegments(file: URL): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Every problem of content/segments.json (or another file); empty when valid. */
export function validateSegments(opts: SegmentValidateOptions = {}, file: URL = SEGMENTS_FILE): string[] {
  let data: unknown;
  try {
    data = readSegments(file);
  } catch (err) {
    return [`segments.json: cannot read: ${err instanceof Error ? err.message : String(err)}`];
  }
  return validateSegmentData(data, opts).problems;
}

/** Loads and validates the segments, sorted by priority; throws with every problem listed when invalid. */
export function loadSegments(opts: SegmentValidateOptions = {}, file: URL = SEGMENTS_FILE): Segment[] {
  const { segments, problems } = validateSegmentData(readSegments(file), opts);
  if (problems.length > 0) throw new Error(`segments are invalid:\n${problems.join('\n')}`);
  return segments;
}

/**
 * The owner's primary segment: the first by priority whose rule is 'yes' for the profile. 'unknown'
 * (a condition on an unanswered question) does not match; the catch-all takes everyone left.
 */
export function segmentOf(profile: Profile, segments: readonly Segment[]): Segment {
  let best: Segment | undefined;
  let fallback: Segment | undefined;
  for (const seg of segments) {
    if (isCatchAll(seg.rule) && (!fallback || seg.priority < fallback.priority)) fallback = seg;
    if (best && seg.priority >= best.priority) continue;
    if (evaluate(seg.rule, profile) === 'yes') best = seg;
  }
  const found = best ?? fallback;
  if (!found) throw new Error('no segment matched and there is no catch-all segment');
  return found;
}

/** How many profiles fall in each segment (every segment listed, in priority order, zeros included). */
export function countSegments(
  profiles: Iterable<Profile>,
  segments: readonly Segment[],
): Map<string, number> {
  const counts = new Map([...segments].sort((a, b) => a.priority - b.priority).map((s) => [s.id, 0]));
  for (const profile of profiles) {
    const id = segmentOf(profile, segments).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface SegmentExplanation {
  segment: string;
  verdict: Verdict;
  /** true when the profile is here only because it matched no earlier segment */
  catchAll: boolean;
  /** the conditions of the segment's rule that held for this profile */
  held: HeldCondition[];
}

/** Why a profile is in a segment: the rule's conditions that held (see rules.ts `explain`). */
export function explainSegment(profile: Profile, segment: Segment): SegmentExplanation {
  return {
    segment: segment.id,
    verdict: evaluate(segment.rule, profile),
    catchAll: isCatchAll(segment.rule),
    held: explain(segment.rule, profile),
  };
}

/** A segment's name and description in a language; throws when that translation is missing. */
export function segmentText(segment: Segment, lang: Lang): SegmentText {
  const text = segment.text[lang];
  if (!text) throw new Error(`segment ${segment.id} has no ${lang} text`);
  return { name: text.name, description: text.description };
}
