// Scores the language detector on a TSV of (lang, script, source, text) rows: per-language and macro accuracy.
import { detectLanguage } from './index.js';

export interface GroupScore {
  macro: number;
  perLang: Record<string, number>;
}

/**
 * `other` rows (text in none of the 12 languages) are a rejection check, not a language: their score,
 * the share answered "unknown", is reported apart and kept out of the macro averages.
 */
export interface EvalResult {
  native: GroupScore;
  romanized: GroupScore;
  rejection: { other: number; rows: number };
}

export interface Row {
  lang: string;
  script: string;
  text: string;
}

export function parseTsv(content: string): Row[] {
  const lines = content.split('\n').filter((l) => l.trim().length > 0);
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [li, si, ti] = [col('lang'), col('script'), col('text')];
  if (li < 0 || si < 0 || ti < 0) throw new Error('TSV needs the columns lang, script, text');
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    return { lang: f[li] ?? '', script: f[si] ?? '', text: f[ti] ?? '' };
  });
}

function isCorrect(expected: string, got: string): boolean {
  return expected === 'other' ? got === 'unknown' : expected === got;
}

export function evaluate(rows: readonly Row[], confusions?: Map<string, number>): EvalResult {
  const tally = { native: new Map<string, [number, number]>(), latn: new Map<string, [number, number]>() };
  for (const row of rows) {
    const group = row.script === 'native' ? tally.native : tally.latn;
    const got = detectLanguage(row.text).lang;
    const t = group.get(row.lang) ?? [0, 0];
    const ok = isCorrect(row.lang, got);
    group.set(row.lang, [t[0] + (ok ? 1 : 0), t[1] + 1]);
    if (!ok && confusions !== undefined) {
      const key = `${row.script}\t${row.lang}\t${got}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  }
  const score = (m: Map<string, [number, number]>): GroupScore => {
    const perLang: Record<string, number> = {};
    for (const [lang, [ok, n]] of [...m.entries()].sort()) if (lang !== 'other') perLang[lang] = ok / n;
    const vals = Object.values(perLang);
    return { macro: vals.length === 0 ? 0 : vals.reduce((a, b) => a + b, 0) / vals.length, perLang };
  };
  const [rejected, others] = [tally.native.get('other'), tally.latn.get('other')].reduce<[number, number]>(
    (sum, t) => [sum[0] + (t?.[0] ?? 0), sum[1] + (t?.[1] ?? 0)],
    [0, 0],
  );
  return {
    native: score(tally.native),
    romanized: score(tally.latn),
    rejection: { other: others === 0 ? 0 : rejected / others, rows: others },
  };
}
