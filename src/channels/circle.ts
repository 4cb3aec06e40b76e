// The language prior of a caller from their number: the 4-digit mobile series gives the telecom circle
// it was first allotted in, the circle gives states, the states give languages in order. A weak prior
// (numbers are ported across circles): it only decides which languages a new caller hears first.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Lang } from '../language/langs.js';

const telecomSchema = z
  .object({
    source: z.string().min(1),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    note: z.string(),
    circles: z.record(
      z.string().regex(/^[A-Z]{2}$/),
      z.object({ name: z.string(), states: z.array(z.string()).min(1) }),
    ),
    stateLanguages: z.record(z.string(), z.array(z.string()).min(1)),
    prefixes: z.record(z.string().regex(/^[6-9]\d{3}$/), z.string().regex(/^[A-Z]{2}$/)),
  })
  .strict();

export type TelecomData = z.infer<typeof telecomSchema>;

export const TELECOM_FILE = new URL('../../content/telecom/circles.json', import.meta.url);

/** Language names as the source writes them; languages Saathi does not speak are left out. */
const LANGUAGE_NAMES: Readonly<Record<string, Lang>> = {
  English: 'en',
  Hindi: 'hi',
  Bengali: 'bn',
  Marathi: 'mr',
  Telugu: 'te',
  Tamil: 'ta',
  Gujarati: 'gu',
  Urdu: 'ur',
  Kannada: 'kn',
  Odia: 'or',
  Malayalam: 'ml',
  Punjabi: 'pa',
};

/** Hindi and English close every prior: the languages most callers anywhere can follow. */
const FALLBACK: readonly Lang[] = ['hi', 'en'];

export interface CirclePrior {
  /** Circle code of a number, e.g. `TN`, or undefined for a number outside the table. */
  circleOf(address: string): string | undefined;
  /** Saathi's languages, most likely first, for a caller's number (always ends with Hindi and English). */
  languagesFor(address: string): Lang[];
}

export function parseTelecom(data: unknown): TelecomData {
  const parsed = telecomSchema.parse(data);
  for (const [prefix, circle] of Object.entries(parsed.prefixes)) {
    if (!parsed.circles[circle])
      throw new Error(`content/telecom: prefix ${prefix} names unknown circle ${circle}`);
  }
  return parsed;
}

export function loadTelecom(file: URL = TELECOM_FILE): TelecomData {
  return parseTelecom(JSON.parse(readFileSync(file, 'utf8')));
}

/** The 10-digit Indian mobile number inside an address such as `+919812345678` or `whatsapp:+91…`. */
export function indianMobile(address: string): string | undefined {
  const digits = address.replace(/^[a-z]+:/i, '').replace(/\D/g, '');
  const national =
    digits.length === 12 && digits.startsWith('91')
      ? digits.slice(2)
      : digits.length === 10
        ? digits
        : undefined;
  return national !== undefined && /^[6-9]/.test(national) ? national : undefined;
}

export function createCirclePrior(data: TelecomData = loadTelecom()): CirclePrior {
  const byCircle = new Map<string, Lang[]>();
  for (const [code, circle] of Object.entries(data.circles)) {
    const langs: Lang[] = [];
    for (const covered of circle.states) {
      // "Tamil Nadu (Chennai metro)" → "Tamil Nadu"
      const state = covered.replace(/\s*\(.*\)\s*$/, '').trim();
      for (const name of data.stateLanguages[state] ?? []) {
        const lang = LANGUAGE_NAMES[name];
        if (lang && !langs.includes(lang)) langs.push(lang);
      }
    }
    byCircle.set(code, langs);
  }
  const circleOf = (address: string): string | undefined => {
    const mobile = indianMobile(address);
    return mobile === undefined ? undefined : data.prefixes[mobile.slice(0, 4)];
  };
  return {
    circleOf,
    languagesFor(address) {
      const circle = circleOf(address);
      const known: readonly Lang[] = (circle === undefined ? undefined : byCircle.get(circle)) ?? [];
      const langs: Lang[] = [...known];
      for (const lang of FALLBACK) if (!langs.includes(lang)) langs.push(lang);
      return langs;
    },
  };
}
