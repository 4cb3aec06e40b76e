// Reads content/business-kinds.json and content/lexicon.json and checks their shape with zod.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SECTORS } from '../../profile/profile.js';
import { LANGS } from '../langs.js';

// prettier-ignore
export const COMMANDS = ['menu', 'help', 'language', 'profile', 'stop', 'start', 'delete', 'restart', 'skip', 'back', 'more', 'edit', 'privacy'] as const;
export type Command = (typeof COMMANDS)[number];

export const FEEDBACK = ['like', 'dislike', 'not_for_me', 'interested', 'why'] as const;
export type Feedback = (typeof FEEDBACK)[number];

export const ANSWERS = ['yes', 'no'] as const;
export type YesNo = (typeof ANSWERS)[number];

/** Business kinds other modules rely on by id. */
// prettier-ignore
export const REQUIRED_KIND_IDS = [
  'kirana', 'street_vendor', 'tailor', 'carpenter', 'blacksmith', 'potter', 'cobbler', 'barber', 'washerman',
  'goldsmith', 'mason', 'basket_weaver', 'toy_maker', 'garland_maker', 'fishing_net_maker', 'boat_maker',
  'locksmith', 'sculptor', 'armourer', 'auto_repair', 'mobile_repair', 'beauty_parlour', 'restaurant',
  'tea_stall', 'sweet_shop', 'bakery', 'dairy', 'vegetable_fruit_seller', 'clothing_shop', 'textile_weaving',
  'handloom', 'printing_press', 'furniture', 'electrician', 'plumber', 'medical_store', 'clinic',
  'coaching_tuition', 'transport_taxi', 'goods_transport', 'hardware_shop', 'electronics_shop', 'mobile_shop',
  'stationery', 'photo_studio', 'travel_agent', 'catering', 'poultry', 'agarbatti_making',
  'papad_pickle_making', 'food_processing', 'garment_manufacturing', 'leather_goods', 'jewellery_shop',
  'footwear_shop', 'computer_cyber_cafe', 'real_estate_agent', 'construction_contractor',
  'welding_fabrication', 'flour_mill',
] as const;

const lang = z.enum(LANGS);
const words = z.array(z.string());
/** Word lists per language; a missing language is reported by validateLexicon, not here. */
const perLang = z.record(lang, words);

export const businessKindSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    sector: z.enum(SECTORS),
    subSector: z.string().min(1),
    names: z.record(lang, z.string()),
    synonyms: perLang,
  })
  .strict();
export type BusinessKindEntry = z.infer<typeof businessKindSchema>;

export const businessKindsSchema = z.array(businessKindSchema).min(1);

export const lexiconSchema = z
  .object({
    $comment: z.string().optional(),
    commands: z.record(z.enum(COMMANDS), perLang),
    answers: z.record(z.enum(ANSWERS), perLang),
    feedback: z.record(z.enum(FEEDBACK), perLang),
    none: perLang,
    fillers: perLang,
    answerFillers: perLang,
    languageNames: perLang,
    languageRequest: perLang,
    languageLocatives: perLang,
    negations: perLang,
    businessConnectors: perLang,
    businessGeneric: perLang,
    /** names and everyday words that match a business only when spelled exactly like a synonym */
    businessExactOnly: perLang,
  })
  .strict();
export type Lexicon = z.infer<typeof lexiconSchema>;
export type WordLists = z.infer<typeof perLang>;

const CONTENT = new URL('../../../content/', import.meta.url);

export function readContentJson(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, CONTENT), 'utf8'));
}

export interface UnderstandingData {
  readonly kinds: readonly BusinessKindEntry[];
  readonly lexicon: Lexicon;
}

function parse<T>(file: string, schema: z.ZodType<T>, raw: unknown, problems: string[]): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  return undefined;
}

/** Checks the shape of already-read content; problems are schema messages. */
export function parseRawData(
  rawKinds: unknown,
  rawLexicon: unknown,
): { data?: UnderstandingData; problems: string[] } {
  const problems: string[] = [];
  const kinds = parse('business-kinds.json', businessKindsSchema, rawKinds, problems);
  const lexicon = parse('lexicon.json', lexiconSchema, rawLexicon, problems);
  return kinds && lexicon ? { data: { kinds, lexicon }, problems } : { problems };
}

/** Both content files, read and checked; problems are read errors and schema messages. */
export function parseUnderstandingData(): { data?: UnderstandingData; problems: string[] } {
  const read = (file: string): unknown => {
    try {
      return readContentJson(file);
    } catch (error) {
      return new Error(`${file}: ${(error as Error).message}`);
    }
  };
  const [kinds, lexicon] = [read('business-kinds.json'), read('lexicon.json')];
  const failures = [kinds, lexicon].filter((x): x is Error => x instanceof Error).map((e) => e.message);
  return failures.length > 0 ? { problems: failures } : parseRawData(kinds, lexicon);
}

let loaded: UnderstandingData | undefined;

/** The parsed content, read once; throws when a file is missing or malformed. */
export function understandingData(): UnderstandingData {
  if (loaded) return loaded;
  const { data, problems } = parseUnderstandingData();
  if (!data) throw new Error(`understanding lexicon is invalid:\n  ${problems.join('\n  ')}`);
  loaded = data;
  return data;
}

/** All words of a per-language list, every language together. */
export function allWords(lists: WordLists): string[] {
  return LANGS.flatMap((l) => lists[l] ?? []);
}
