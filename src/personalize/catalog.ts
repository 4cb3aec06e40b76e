// The content catalog: tips and offers from content/*.json, their strict schema, loader and validator
// (schema, rule sanity, duplicate ids, dates, stale translations).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { otherLanguages } from '../i18n/translated.js';
import { sourceHash } from '../i18n/source-hash.js';
import type { Lang } from '../language/langs.js';
import { NEEDS } from '../profile/profile.js';
import { checkRule, formatIssues, ruleSchema, type CheckOptions } from './rules.js';

export const TOPICS = [
  'udyam',
  'late_payments',
  'treds',
  'credit_score',
  'banking',
  'digital_payments',
  'credit',
  'guarantee',
  'subsidy',
  'borrowing_safety',
  'upi_safety',
  'tax',
  'gst',
  'account_aggregator',
  'insurance',
  'procurement',
  'repayment',
] as const;
export type Topic = (typeof TOPICS)[number];

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest body in English; translations get more room because some scripts run longer. */
export const MAX_BODY = { en: 320, translated: 480 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .regex(DATE, 'asOf must be a date YYYY-MM-DD')
  .refine((s) => {
    if (!DATE.test(s)) return true; // already reported by the pattern
    const time = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
  }, 'asOf is not a real date');

const title = z.string().trim().min(3).max(80);
const enText = z.object({ title, body: z.string().trim().min(10).max(MAX_BODY.en) }).strict();
const translated = z
  .object({
    title,
    body: z.string().trim().min(10).max(MAX_BODY.translated),
    /** sourceHash(en.title, en.body) of the English this was translated from */
    sourceHash: z.string().regex(/^[0-9a-f]{8}$/),
  })
  .strict();
export type TranslatedText = z.infer<typeof translated>;

const otherLangs = otherLanguages(translated);
const textSchema = z.object({ en: enText, ...otherLangs }).strict();
export type ItemText = z.infer<typeof textSchema>;

const common = {
  id: z.string().regex(ID, 'id must be kebab-case'),
  topic: z.enum(TOPICS),
  /** the scheme or product family; offers of one scheme are not shown side by side */
  scheme: z.string().regex(ID, 'scheme must be kebab-case').optional(),
  /** owner needs (profile `need`) the item helps with */
  needs: z.array(z.enum(NEEDS)).min(1),
  /** the document or portal the facts come from */
  source: z.string().trim().min(3),
  asOf: isoDate,
  text: textSchema,
};

export const tipSchema = z
  .object({
    ...common,
    kind: z.literal('tip'),
    example: z.literal(false).optional(),
    eligibility: ruleSchema.optional(),
  })
  .strict();

export const offerSchema = z
  .object({
    ...common,
    kind: z.literal('offer'),
    scheme: z.string().regex(ID, 'scheme must be kebab-case'),
    /** true for invented lender products shown as examples */
    example: z.boolean(),
    /**
     * The lender who makes the offer and receives leads (a tenant id of the lender API), for lenders'
     * own products. Government schemes have none: owners apply through any bank.
     */
    lender: z
      .object({
        id: z.string().regex(ID, 'lender id must be kebab-case'),
        name: z.string().trim().min(2).max(60),
      })
      .strict()
      .optional(),
    /** 'announced': declared (e.g. in a Budget) but not confirmed as available */
    status: z.enum(['live', 'announced']).optional(),
    /** loan / support size in rupees; omitted where the range is not confirmed */
    amount: z
      .object({ min: z.number().min(0).optional(), max: z.number().positive() })
      .strict()
      .optional(),
    eligibility: ruleSchema,
  })
  .strict();

export const itemSchema = z.discriminatedUnion('kind', [tipSchema, offerSchema]);
export type Tip = z.infer<typeof tipSchema>;
export type Offer = z.infer<typeof offerSchema>;
export type CatalogItem = Tip | Offer;

export interface Catalog {
  readonly items: readonly CatalogItem[];
  readonly tips: readonly Tip[];
  readonly offers: readonly Offer[];
  readonly byId: ReadonlyMap<string, CatalogItem>;
}

export interface ValidateOptions extends CheckOptions {
  /** Languages every item must carry; translators add the rest later. Default: en and hi. */
  requiredLangs?: readonly Lang[];
}

const CONTENT_DIR = new URL('../../content/', import.meta.url);

function readJson(dir: URL, name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown;
}

/** Every problem of the shipped catalog (content/tips.json and content/offers.json); empty when valid. */
export function validateCatalog(opts: ValidateOptions = {}, dir: URL = CONTENT_DIR): string[] {
  const files: [string, unknown][] = [];
  const problems: string[] = [];
  for (const name of ['tips.json', 'offers.json']) {
    try {
      files.push([name, readJson(dir, name)]);
    } catch (err) {
      problems.push(`${name}: cannot read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return [...problems, ...validateCatalogData(files, opts).problems];
}

/** Validates parsed file contents ([file name, JSON]); returns the valid items and every problem. */
export function validateCatalogData(
  files: readonly (readonly [string, unknown])[],
  opts: ValidateOptions = {},
): { items: CatalogItem[]; problems: string[] } {
  const required = opts.requiredLangs ?? ['en', 'hi'];
  const problems: string[] = [];
  const items: CatalogItem[] = [];
  const seen = new Map<string, string>();
  for (const [file, data] of files) {
    const expected = file.startsWith('tips') ? 'tip' : file.startsWith('offers') ? 'offer' : undefined;
    if (!Array.isArray(data)) {
      problems.push(`${file}: must be a JSON array of items`);
      continue;
    }
    data.forEach((raw: unknown, i) => {
      const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '?';
      const where = `${file}[${i}] ${rawId}`;
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...formatIssues(parsed.error, where));
        return;
      }
      const item = parsed.data;
      const before = seen.get(item.id);
      if (before) problems.push(`${where}: duplicate id (also ${before})`);
      seen.set(item.id, where);
      if (expected && item.kind !== expected) problems.push(`${where}: a ${item.kind} in ${file}`);
      problems.push(...itemProblems(item, where, required, opts));
      items.push(item);
    });
  }
  return { items, problems };
}

function itemProblems(
  item: CatalogItem,
  where: string,
  required: readonly Lang[],
  opts: CheckOptions,
): string[] {
  const out: string[] = [];
  if (item.eligibility) out.push(...checkRule(item.eligibility, opts, `${where}: eligibility`));
  if (item.kind === 'offer') {
    const { amount } = item;
    if (amount?.min !== undefined && amount.min > amount.max) {
      out.push(`${where}: amount.min ${amount.min} > amount.max ${amount.max}`);
    }
    if (item.example && !/\bExample\b/.test(item.text.en.title)) {
      out.push(`${where}: an example product must say "Example" in its English title`);
    }
    if (item.example && item.lender && !/\bexample\b/i.test(item.lender.name)) {
      out.push(`${where}: an example product's lender must say "Example" in its name`);
    }
  }
  const hash = sourceHash(item.text.en.title, item.text.en.body);
  for (const [lang, text] of Object.entries(item.text)) {
    if (lang === 'en' || !text || !('sourceHash' in text)) continue;
    if (text.sourceHash !== hash)
      out.push(
        `${where}: ${lang} translation is stale (sourceHash ${text.sourceHash}, English is now ${hash})`,
      );
  }
  for (const lang of required) {
    if (!item.text[lang]) out.push(`${where}: ${lang} text is missing`);
  }
  return out;
}

/** Builds a catalog from parsed file contents; throws with every problem listed when invalid. */
export function parseCatalog(
  files: readonly (readonly [string, unknown])[],
  opts: ValidateOptions = {},
): Catalog {
  const { items, problems } = validateCatalogData(files, opts);
  if (problems.length > 0) throw new Error(`content catalog is invalid:\n${problems.join('\n')}`);
  return {
    items,
    tips: items.filter((i): i is Tip => i.kind === 'tip'),
    offers: items.filter((i): i is Offer => i.kind === 'offer'),
    byId: new Map(items.map((i) => [i.id, i])),
  };
}

/** Loads and validates content/tips.json and content/offers.json; throws if anything is wrong. */
export function loadCatalog(opts: ValidateOptions = {}, dir: URL = CONTENT_DIR): Catalog {
  return parseCatalog(
    ['tips.json', 'offers.json'].map((name) => [name, readJson(dir, name)] as const),
    opts,
  );
}
