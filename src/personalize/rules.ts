// Eligibility rules as data: a small typed rule language over the owner's profile, judged in three values
// (yes / no / unknown), with a checker for impossible rules and an explainer for "why this?".
import { z } from 'zod';
import type { Profile } from '../profile/profile.js';
import {
  FIELD_TYPES,
  RULE_FIELDS,
  SIZE_CLASSES,
  TURNOVER_LIMITS,
  fieldValue,
  type RuleField,
  type RuleValue,
  type SizeClass,
} from './rule-fields.js';

export * from './rule-fields.js';

export type InLeaf = { field: RuleField; in: string[] };
export type RangeLeaf = { field: RuleField; min?: number | undefined; max?: number | undefined };
export type EqLeaf = { field: RuleField; eq: RuleValue };
export type KnownLeaf = { field: RuleField; known: boolean };
export type Leaf = InLeaf | RangeLeaf | EqLeaf | KnownLeaf;
export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Leaf;
export type Verdict = 'yes' | 'no' | 'unknown';

const field = z.enum(RULE_FIELDS, {
  errorMap: (_issue, ctx) => ({
    message: ctx.data === undefined ? 'field is required' : `unknown field ${JSON.stringify(ctx.data)}`,
  }),
});
const leafSchemas = [
  z.object({ field, in: z.array(z.string()) }).strict(),
  z
    .object({ field, min: z.number().finite().optional(), max: z.number().finite().optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min or max'),
  z.object({ field, eq: z.union([z.boolean(), z.string(), z.number().finite()]) }).strict(),
  z.object({ field, known: z.boolean() }).strict(),
] as const;

export const ruleSchema: z.ZodType<Rule, z.ZodTypeDef, unknown> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ruleSchema) }).strict(),
    z.object({ any: z.array(ruleSchema) }).strict(),
    z.object({ not: ruleSchema }).strict(),
    ...leafSchemas,
  ]),
);

/** Zod issues as readable lines; for a union, the branch that came closest is reported. */
export function formatIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.flatMap((issue) => issueLines(issue, prefix));
}

function issueLines(issue: z.ZodIssue, prefix: string): string[] {
  if (issue.code === 'invalid_union' && issue.unionErrors.length > 0) {
    const closest = [...issue.unionErrors].sort((a, b) => a.issues.length - b.issues.length)[0];
    if (closest) return closest.issues.flatMap((i) => issueLines(i, prefix));
  }
  const where = pathText(prefix, issue.path);
  return [`${where || '(root)'}: ${issue.message}`];
}

function pathText(prefix: string, path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    prefix,
  );
}

export function isLeaf(rule: Rule): rule is Leaf {
  return 'field' in rule;
}

function evaluateLeaf(leaf: Leaf, profile: Profile): Verdict {
  const value = fieldValue(profile, leaf.field);
  if ('known' in leaf) return (value !== undefined) === leaf.known ? 'yes' : 'no';
  if (value === undefined) return 'unknown';
  if ('in' in leaf) return typeof value === 'string' && leaf.in.includes(value) ? 'yes' : 'no';
  if ('eq' in leaf) return value === leaf.eq ? 'yes' : 'no';
  if (typeof value !== 'number') return 'no';
  const aboveMin = leaf.min === undefined || value >= leaf.min;
  const belowMax = leaf.max === undefined || value <= leaf.max;
  return aboveMin && belowMax ? 'yes' : 'no';
}

const flip: Readonly<Record<Verdict, Verdict>> = { yes: 'no', no: 'yes', unknown: 'unknown' };

/**
 * Three-valued (Kleene) evaluation: a condition on an unanswered field is 'unknown'. Callers treat
 * 'unknown' as "not excluded, but no positive signal either".
 */
export function evaluate(rule: Rule, profile: Profile): Verdict {
  if ('all' in rule) {
    let result: Verdict = 'yes';
    for (const child of rule.all) {
      const v = evaluate(child, profile);
      if (v === 'no') return 'no';
      if (v === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('any' in rule) {
    let result: Verdict = 'no';
    for (const child of rule.any) {
      const v = evaluate(child, profile);
      if (v === 'yes') return 'yes';
      if (v === 'unknown') result = 'unknown';
    }
    return result;
  }
  if ('not' in rule) return flip[evaluate(rule.not, profile)];
  return evaluateLeaf(rule, profile);
}

export type Condition =
  | { in: string[] }
  | { min?: number | undefined; max?: number | undefined }
  | { eq: RuleValue }
  | { known: boolean };

/** One leaf condition that held, with the profile value it held on. `negated`: it held as "not …". */
export interface HeldCondition {
  field: RuleField;
  condition: Condition;
  value: RuleValue | null;
  negated: boolean;
}

/**
 * The leaf conditions that held and count toward the rule holding: every held leaf of an `all`, the held
 * branches of an `any`, and under `not` the leaves that failed (reported with `negated: true`).
 * Leaves on unanswered fields never appear.
 */
export function explain(rule: Rule, profile: Profile): HeldCondition[] {
  return support(rule, profile, 'yes', false);
}

function support(rule: Rule, profile: Profile, want: 'yes' | 'no', negated: boolean): HeldCondition[] {
  if ('all' in rule || 'any' in rule) {
    const children = 'all' in rule ? rule.all : rule.any;
    // For all→yes and any→no every child counts; otherwise only the children that decided.
    const everyChild = 'all' in rule === (want === 'yes');
    return children
      .filter((c) => everyChild || evaluate(c, profile) === want)
      .flatMap((c) => support(c, profile, want, negated));
  }
  if ('not' in rule) return support(rule.not, profile, want === 'yes' ? 'no' : 'yes', !negated);
  if (evaluateLeaf(rule, profile) !== want) return [];
  const { field: name, ...condition } = rule;
  return [{ field: name, condition, value: fieldValue(profile, name) ?? null, negated }];
}

/** Every leaf of a rule, depth first. */
export function leaves(rule: Rule): Leaf[] {
  if ('all' in rule) return rule.all.flatMap(leaves);
  if ('any' in rule) return rule.any.flatMap(leaves);
  if ('not' in rule) return leaves(rule.not);
  return [rule];
}

/** Interval on a number line; open ends are exclusive. */
interface Span {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}
const ALL: Span = { lo: 0, hi: Infinity, loOpen: false, hiOpen: true };

function meet(a: Span, b: Span): Span {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loOpen: a.loOpen || b.loOpen };
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiOpen: a.hiOpen || b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}
const isEmpty = (s: Span): boolean => s.lo > s.hi || (s.lo === s.hi && (s.loOpen || s.hiOpen));

/** Monthly-sales span of a set of size classes (their hull, so it never invents a contradiction). */
function sizeSpan(classes: readonly string[]): Span | undefined {
  const bounds = [0, TURNOVER_LIMITS.micro, TURNOVER_LIMITS.small, TURNOVER_LIMITS.medium, Infinity];
  const idx = classes.map((c) => SIZE_CLASSES.indexOf(c as SizeClass)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const first = Math.min(...idx);
  const last = Math.max(...idx);
  return {
    lo: (bounds[first] ?? 0) / 12,
    loOpen: first > 0,
    hi: (bounds[last + 1] ?? Infinity) / 12,
    hiOpen: last === 3,
  };
}

/**
 * A leaf as a numeric constraint on a base field: derived fields map onto the answers they come from,
 * so `isNewBusiness = true` and `yearsInBusiness ≥ 1` are seen to clash.
 */
function numericConstraint(leaf: Leaf): [string, Span] | undefined {
  const f = leaf.field;
  if ('known' in leaf) return undefined;
  if (f === 'isNewBusiness' && 'eq' in leaf && typeof leaf.eq === 'boolean') {
    return ['yearsInBusiness', leaf.eq ? { ...ALL, hi: 0, hiOpen: false } : { ...ALL, loOpen: true }];
  }
  if (f === 'sizeClass') {
    const set = 'in' in leaf ? leaf.in : 'eq' in leaf && typeof leaf.eq === 'string' ? [leaf.eq] : [];
    const span = sizeSpan(set);
    return span && ['monthlySales', span];
  }
  if (FIELD_TYPES[f].type !== 'number') return undefined;
  const scale = f === 'annualTurnover' ? 12 : 1;
  const base = f === 'annualTurnover' ? 'monthlySales' : f;
  if ('eq' in leaf)
    return typeof leaf.eq === 'number'
      ? [base, meet(ALL, { lo: leaf.eq / scale, hi: leaf.eq / scale, loOpen: false, hiOpen: false })]
      : undefined;
  if ('in' in leaf) return undefined;
  return [
    base,
    meet(ALL, {
      lo: (leaf.min ?? 0) / scale,
      loOpen: false,
      hi: (leaf.max ?? Infinity) / scale,
      hiOpen: leaf.max === undefined,
    }),
  ];
}

function leafText(leaf: Leaf): string {
  const { field: f, ...cond } = leaf;
  return `${f} ${JSON.stringify(cond)}`;
}

/** Problems of a single leaf: wrong value type for its field, empty or unknown enum values, empty ranges. */
function leafProblems(leaf: Leaf, where: string, businessKinds: readonly string[] | undefined): string[] {
  const type = FIELD_TYPES[leaf.field];
  const out: string[] = [];
  const allowed =
    type.type === 'enum' ? type.values : leaf.field === 'businessKind' ? businessKinds : undefined;
  const checkValues = (values: readonly string[]): void => {
    const bad = allowed ? values.filter((v) => !allowed.includes(v)) : [];
    if (bad.length > 0)
      out.push(`${where}: ${leaf.field} has no value ${bad.map((b) => `'${b}'`).join(', ')}`);
  };
  if ('in' in leaf) {
    if (leaf.in.length === 0) out.push(`${where}: empty 'in' on ${leaf.field} can never hold`);
    if (type.type !== 'enum' && type.type !== 'text')
      out.push(`${where}: 'in' needs a text field, ${leaf.field} is ${type.type}`);
    checkValues(leaf.in);
  } else if ('eq' in leaf) {
    const expected = type.type === 'enum' || type.type === 'text' ? 'string' : type.type;
    if (typeof leaf.eq !== expected)
      out.push(`${where}: ${leaf.field} is ${type.type}, cannot equal ${JSON.stringify(leaf.eq)}`);
    else if (typeof leaf.eq === 'string') checkValues([leaf.eq]);
  } else if (!('known' in leaf)) {
    if (type.type !== 'number')
      out.push(`${where}: min/max need a number field, ${leaf.field} is ${type.type}`);
    else if (leaf.min !== undefined && leaf.max !== undefined && leaf.min > leaf.max) {
      out.push(`${where}: impossible range on ${leaf.field}: min ${leaf.min} > max ${leaf.max}`);
    } else if (leaf.max !== undefined && leaf.max < 0)
      out.push(`${where}: ${leaf.field} is never negative (max ${leaf.max})`);
  }
  return out;
}

/** Contradictions among the leaves that must all hold together (a flattened `all`). */
function conjunctionProblems(group: readonly Leaf[], where: string): string[] {
  const out: string[] = [];
  const spans = new Map<string, { span: Span; from: Leaf[] }>();
  const sets = new Map<string, { values: Set<string | boolean>; from: Leaf[] }>();
  const known = new Map<string, Set<boolean>>();
  for (const leaf of group) {
    const num = numericConstraint(leaf);
    if (num) {
      const prev = spans.get(num[0]) ?? { span: ALL, from: [] };
      spans.set(num[0], { span: meet(prev.span, num[1]), from: [...prev.from, leaf] });
    }
    const kn = known.get(leaf.field) ?? new Set<boolean>();
    kn.add('known' in leaf ? leaf.known : true);
    known.set(leaf.field, kn);
    const allowed =
      'in' in leaf ? leaf.in : 'eq' in leaf && typeof leaf.eq !== 'number' ? [leaf.eq] : undefined;
    if (!allowed) continue;
    const prev = sets.get(leaf.field);
    const values = new Set(prev ? allowed.filter((v) => prev.values.has(v)) : allowed);
    sets.set(leaf.field, { values, from: [...(prev?.from ?? []), leaf] });
  }
  for (const [name, { span, from }] of spans) {
    if (isEmpty(span) && from.length > 1)
      out.push(`${where}: contradictory conditions on ${name}: ${from.map(leafText).join(' and ')}`);
  }
  for (const [name, { values, from }] of sets) {
    if (values.size === 0 && from.length > 1)
      out.push(`${where}: contradictory conditions on ${name}: ${from.map(leafText).join(' and ')}`);
  }
  for (const [name, kn] of known) {
    if (kn.size > 1) out.push(`${where}: ${name} is required both unknown and known/answered`);
  }
  return out;
}

export interface CheckOptions {
  /** Known businessKind ids (content/business-kinds.json); when given, other ids are reported. */
  businessKinds?: readonly string[];
}

/** Lists every problem of a rule: schema errors (incl. unknown fields), then rules that can never hold. */
export function checkRule(input: unknown, opts: CheckOptions = {}, where = 'rule'): string[] {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) return formatIssues(parsed.error, where);
  return walk(parsed.data, where, opts.businessKinds);
}

function walk(rule: Rule, where: string, kinds: readonly string[] | undefined, inAll = false): string[] {
  if ('not' in rule) return walk(rule.not, `${where}.not`, kinds);
  if ('any' in rule) {
    const own = rule.any.length === 0 ? [`${where}: empty 'any' can never hold`] : [];
    return [...own, ...rule.any.flatMap((c, i) => walk(c, `${where}.any[${i}]`, kinds))];
  }
  if ('all' in rule) {
    const nested = rule.all.flatMap((c, i) => walk(c, `${where}.all[${i}]`, kinds, true));
    // An `all` inside an `all` is checked once, together with its parent's leaves.
    return inAll ? nested : [...nested, ...conjunctionProblems(conjoined(rule), where)];
  }
  return leafProblems(rule, where, kinds);
}

/** Leaves that must hold together: direct leaves of an `all` and of `all`s nested in it. */
function conjoined(rule: Rule): Leaf[] {
  if ('all' in rule) return rule.all.flatMap(conjoined);
  return isLeaf(rule) ? [rule] : [];
}
