// Scores the shipped detector on the held-out 10% of our own training data (lines training never saw).
// Run: npx tsx src/language/detect/training/holdout.ts [--json]
import { fileURLToPath } from 'node:url';
import { LANGS, type Lang } from '../../langs.js';
import { detectLanguage } from '../index.js';
import { readBatches, urduSpelling } from './corpus.js';
import { makeRng, romanize } from './romanize.js';

const BRAHMIC: readonly Lang[] = ['hi', 'mr', 'bn', 'te', 'ta', 'gu', 'kn', 'or', 'ml', 'pa'];

export interface HoldoutGroup {
  macro: number;
  perLang: Record<string, { accuracy: number; rows: number }>;
}

export interface HoldoutResult {
  /** Hand-written romanized lines (and English). */
  romanized: HoldoutGroup;
  /** Held-out native lines romanized once by the phone-style romanizer. */
  transliterated: HoldoutGroup;
  native: HoldoutGroup;
  /** Share of held-out `other` lines answered unknown. */
  rejection: { other: number; rows: number };
}

function group(
  cases: ReadonlyMap<string, readonly string[]>,
  expect: (lang: string) => string,
): HoldoutGroup {
  const perLang: HoldoutGroup['perLang'] = {};
  for (const [lang, lines] of cases) {
    if (lines.length === 0) continue;
    const ok = lines.filter((l) => detectLanguage(l).lang === expect(lang)).length;
    perLang[lang] = { accuracy: ok / lines.length, rows: lines.length };
  }
  const vals = Object.values(perLang).map((v) => v.accuracy);
  return { macro: vals.length === 0 ? 0 : vals.reduce((a, b) => a + b, 0) / vals.length, perLang };
}

export function evaluateHoldout(): HoldoutResult {
  const roman = new Map<string, string[]>();
  const translit = new Map<string, string[]>();
  const native = new Map<string, string[]>();
  const rng = makeRng(12345);
  for (const lang of LANGS) {
    roman.set(lang, readBatches(`${lang}.latn`, 'holdout'));
    if (lang === 'ur') {
      translit.set(
        lang,
        readBatches('ur.deva', 'holdout').map((l) => urduSpelling(romanize(l, 'hi', rng), rng)),
      );
    } else if (BRAHMIC.includes(lang)) {
      const lines = readBatches(`${lang}.native`, 'holdout');
      translit.set(
        lang,
        lines.map((l) => romanize(l, lang, rng)),
      );
      native.set(lang, lines);
    }
  }
  const others = readBatches('other.latn', 'holdout');
  const rejected = others.filter((l) => detectLanguage(l).lang === 'unknown').length;
  return {
    romanized: group(roman, (l) => l),
    transliterated: group(translit, (l) => l),
    native: group(native, (l) => l),
    rejection: { other: others.length === 0 ? 0 : rejected / others.length, rows: others.length },
  };
}

function print(name: string, g: HoldoutGroup): void {
  console.log(`${name}  (macro ${(g.macro * 100).toFixed(2)}%)`);
  for (const [l, v] of Object.entries(g.perLang))
    console.log(`  ${l.padEnd(6)} ${(v.accuracy * 100).toFixed(2).padStart(7)}%  of ${v.rows}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = evaluateHoldout();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    print('romanized, hand-written (held out)', result.romanized);
    print('romanized by the transliterator (held-out native lines)', result.transliterated);
    print('native (held out)', result.native);
    console.log(
      `rejection: ${(result.rejection.other * 100).toFixed(2)}% of ${result.rejection.rows} held-out "other" lines answered unknown`,
    );
  }
}
