// Imports the openly licensed corpora that shared/langid/README.md marks "train ok" into ./external/, leaving out
// every line equal to a sentence of the measuring set (case, spacing and punctuation ignored) and duplicates.
// Run once, by hand, with the sources checked out beside the project (see external/README.md):
//   npx tsx src/language/detect/training/import-external.ts ../shared/langid/dev.tsv \
//     --uci "Roman Urdu DataSet.csv" --hinglish-top DIR_WITH_train.tsv_AND_test.tsv
// Training never reads the measuring set; only this importer does, to keep its sentences out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsvColumn, words } from './check-overlap.js';

/** Lower-case words only: the key under which two lines count as the same sentence (as check-overlap.ts). */
export function sentenceKey(text: string): string {
  return words(text).join(' ');
}

/** Minimal RFC 4180 reader (quoted fields with commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** One line of training text: single spaces, no line breaks, at least two letters. */
function clean(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 2 ? line : null;
}

/** Keeps lines whose key is new and not in `exclude`; records kept keys in `seen`. */
export function keepNew(lines: readonly string[], exclude: ReadonlySet<string>, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = clean(raw);
    if (line === null) continue;
    const key = sentenceKey(line);
    if (exclude.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(line);
  }
  return out;
}

function write(name: string, header: string, lines: readonly string[]): void {
  const file = fileURLToPath(new URL(`./external/${name}`, import.meta.url));
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  console.log(`${name}: ${lines.length} lines`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const reference = args[0];
  const uci = args[args.indexOf('--uci') + 1];
  const top = args[args.indexOf('--hinglish-top') + 1];
  if (
    reference === undefined ||
    !args.includes('--uci') ||
    !args.includes('--hinglish-top') ||
    !uci ||
    !top
  ) {
    console.error('usage: import-external.ts REFERENCE.tsv --uci FILE.csv --hinglish-top DIR');
    process.exit(2);
  }
  const exclude = new Set(tsvColumn(reference, 'text').map(sentenceKey));
  const seen = new Set<string>();

  const urdu = parseCsv(readFileSync(uci, 'utf8'))
    .slice(1)
    .map((r) => r[0] ?? '');
  write(
    'ur.latn.txt',
    '# Roman Urdu Data Set (Z. Sharf, UCI Machine Learning Repository, 2018), CC BY 4.0; comments only, measuring-set sentences removed',
    keepNew(urdu, exclude, seen),
  );

  const splits = ['train.tsv', 'test.tsv'].map((f) => join(top, f));
  const hinglish = splits.flatMap((f) => tsvColumn(f, 'cs_query'));
  const english = splits.flatMap((f) => tsvColumn(f, 'en_query'));
  write(
    'hi.latn.txt',
    '# Hinglish-TOP (Google Research, 2022), Apache-2.0; code-switched queries of the train and test splits, measuring-set sentences removed',
    keepNew(hinglish, exclude, seen),
  );
  write(
    'en.latn.txt',
    '# Hinglish-TOP (Google Research, 2022), Apache-2.0; English queries of the train and test splits, measuring-set sentences removed',
    keepNew(english, exclude, seen),
  );
}
