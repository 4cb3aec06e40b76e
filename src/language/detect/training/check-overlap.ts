// Checks training files against a measuring set (e.g. shared/langid/dev.tsv): no line may equal one of its
// sentences and no line may share a run of four words with one (case and punctuation ignored).
// Run: npx tsx src/language/detect/training/check-overlap.ts ../shared/langid/dev.tsv [data files...]
// Without files it checks every file in ./data. Exits 1 when it finds an overlap.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUN = 4;

/** Lower-case words of a line, punctuation and apostrophes dropped (what two lines are compared by). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .map((w) => w.replace(/'/g, ''))
    .filter((w) => w.length > 0);
}

export interface Overlap {
  file: string;
  line: number;
  kind: 'equal' | 'run';
  words: string;
}

/** Every line of `files` that equals a sentence of `reference` or shares a four-word run with one. */
export function findOverlaps(reference: readonly string[], files: readonly string[]): Overlap[] {
  const whole = new Set<string>();
  const runs = new Set<string>();
  for (const text of reference) {
    const w = words(text);
    if (w.length > 0) whole.add(w.join(' '));
    for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
  }
  const out: Overlap[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((raw, n) => {
      const line = raw.trim();
      if (line.length === 0 || line.startsWith('#')) return;
      const w = words(line);
      if (w.length === 0) return;
      if (whole.has(w.join(' '))) {
        out.push({ file, line: n + 1, kind: 'equal', words: w.join(' ') });
        return;
      }
      for (let i = 0; i + RUN <= w.length; i++) {
        const run = w.slice(i, i + RUN).join(' ');
        if (runs.has(run)) {
          out.push({ file, line: n + 1, kind: 'run', words: run });
          return;
        }
      }
    });
  }
  return out;
}

/** One named column of a TSV file with a header row (e.g. the measuring set's `text`). */
export function tsvColumn(file: string, column: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = (lines[0] ?? '').split('\t');
  const col = header.indexOf(column);
  if (col < 0) throw new Error(`${file}: no "${column}" column`);
  return lines.slice(1).map((l) => l.split('\t')[col] ?? '');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tsv, ...given] = process.argv.slice(2);
  if (tsv === undefined) {
    console.error('usage: check-overlap.ts REFERENCE.tsv [files...]');
    process.exit(2);
  }
  const dataDir = fileURLToPath(new URL('./data/', import.meta.url));
  const files =
    given.length > 0
      ? given
      : readdirSync(dataDir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => `${dataDir}${f}`);
  const found = findOverlaps(tsvColumn(tsv, 'text'), files);
  for (const o of found) console.log(`${o.file}:${o.line}\t${o.kind}\t${o.words}`);
  console.log(`${files.length} files checked, ${found.length} overlapping lines`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
