// Benchmark for the language detector: dev-set accuracy (if shared/langid/dev.tsv is present), throughput and model size.
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../src/language/detect/index.js';
import { evaluate, parseTsv } from '../src/language/detect/evaluate.js';

const SHORT_MESSAGES = [
  'mujhe loan chahiye',
  'ok',
  'haan ji',
  'enakku kadan venum',
  'मुझे लोन चाहिए',
  'নমস্কার, আমার দোকানের জন্য লোন দরকার',
  'naaku loan kavali',
  'how much interest',
  '560034',
  'menu karza chahida',
  'ami dokan chalai',
  'എനിക്ക് ലോൺ വേണം',
  'mane paisa joie che',
  'thanks 👍',
  'nanage loan beku',
  'mala dukanasathi karj hava ahe',
];

function modelBytes(): number {
  const dir = fileURLToPath(new URL('../src/language/detect/model/', import.meta.url));
  return readdirSync(dir).reduce((n, f) => n + statSync(`${dir}/${f}`).size, 0);
}

export async function benchLangid(): Promise<{
  native: number;
  romanized: number;
  messagesPerSecond: number;
  modelBytes: number;
}> {
  await Promise.resolve();
  const devUrl = new URL('../../shared/langid/dev.tsv', import.meta.url);
  let native = Number.NaN;
  let romanized = Number.NaN;
  if (existsSync(devUrl)) {
    const result = evaluate(parseTsv(readFileSync(devUrl, 'utf8')));
    native = result.native.macro;
    romanized = result.romanized.macro;
    const langs = [
      ...new Set([...Object.keys(result.native.perLang), ...Object.keys(result.romanized.perLang)]),
    ].sort();
    const cell = (x: number | undefined) =>
      x === undefined ? '      –' : `${(x * 100).toFixed(1).padStart(6)}%`;
    console.log(`  accuracy on shared/langid/dev.tsv   ${langs.map((l) => l.padStart(7)).join('')}`);
    console.log(
      `  native                              ${langs.map((l) => cell(result.native.perLang[l])).join('')}`,
    );
    console.log(
      `  romanized                           ${langs.map((l) => cell(result.romanized.perLang[l])).join('')}`,
    );
    console.log(
      `  rejection of "other" rows           ${cell(result.rejection.other)} of ${result.rejection.rows}`,
    );
  }
  for (let i = 0; i < 2000; i++) detectLanguage(SHORT_MESSAGES[i % SHORT_MESSAGES.length] ?? '');
  const n = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) detectLanguage(SHORT_MESSAGES[i % SHORT_MESSAGES.length] ?? '');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const figures = { native, romanized, messagesPerSecond: Math.round(n / seconds), modelBytes: modelBytes() };
  const pct = (x: number): string => (Number.isNaN(x) ? 'n/a (no dev.tsv)' : `${(x * 100).toFixed(2)}%`);
  console.log('  summary');
  console.log(`  native macro      ${pct(figures.native)}`);
  console.log(`  romanized macro   ${pct(figures.romanized)}`);
  console.log(`  messages/s        ${figures.messagesPerSecond.toLocaleString('en-US')}`);
  console.log(`  model bytes       ${figures.modelBytes.toLocaleString('en-US')}`);
  return figures;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchLangid();
}
