// Translation workflow for locales/: `status` lists missing and stale strings per language; `todo LANG`
// prints the English strings LANG still needs (as JSON to translate); `stamp LANG FILE` merges a
// translated {key: text} file into locales/LANG.json, recording the hash of the English it came from;
// `content LANG FILE` does the same for tips and offers from a {itemId: {title, body}} file.
import { readFileSync, writeFileSync } from 'node:fs';
import { LANGS, isLang } from '../src/language/langs.js';
import { LOCALES_DIR, readLocaleFiles } from '../src/i18n/messages.js';
import { sourceHash } from '../src/i18n/source-hash.js';
import { placeholders, validateLocales } from '../src/i18n/validate.js';

const [command, langArg, file] = process.argv.slice(2);
const files = readLocaleFiles();

if (command === 'status') {
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    const problems = validateLocales(files, { langs: [lang] });
    console.log(`${lang}: ${problems.length === 0 ? 'complete' : problems.join('\n    ')}`);
  }
} else if (command === 'todo' && isLang(langArg) && langArg !== 'en') {
  const done = files.translations[langArg] ?? {};
  const todo = Object.fromEntries(
    Object.entries(files.en).filter(([key, text]) => done[key]?.sourceHash !== sourceHash(text)),
  );
  console.log(JSON.stringify(todo, null, 2));
} else if (command === 'stamp' && isLang(langArg) && langArg !== 'en' && file) {
  const incoming = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const current = files.translations[langArg] ?? {};
  const merged: Record<string, { text: string; sourceHash: string }> = {};
  const errors: string[] = [];
  for (const [key, english] of Object.entries(files.en)) {
    const text = incoming[key];
    if (text !== undefined) {
      const want = [...placeholders(english)].sort().join(',');
      const got = [...placeholders(text)].sort().join(',');
      if (want !== got) errors.push(`${key}: placeholders {${got}} but English has {${want}}`);
      merged[key] = { text, sourceHash: sourceHash(english) };
    } else if (current[key]) merged[key] = current[key];
  }
  for (const key of Object.keys(incoming)) if (!(key in files.en)) errors.push(`${key}: not an English key`);
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
  writeFileSync(new URL(`${langArg}.json`, LOCALES_DIR), `${JSON.stringify(merged, null, 2)}\n`);
  console.log(
    `locales/${langArg}.json: ${Object.keys(merged).length}/${Object.keys(files.en).length} strings`,
  );
} else if (command === 'content' && isLang(langArg) && langArg !== 'en' && file) {
  const incoming = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { title: string; body: string }>;
  const seen = new Set<string>();
  for (const name of ['tips.json', 'offers.json']) {
    const url = new URL(`../content/${name}`, import.meta.url);
    const items = JSON.parse(readFileSync(url, 'utf8')) as {
      id: string;
      text: Record<string, { title: string; body: string; sourceHash?: string }>;
    }[];
    for (const item of items) {
      const translated = incoming[item.id];
      const en = item.text.en;
      if (!translated || !en) continue;
      seen.add(item.id);
      item.text[langArg] = {
        title: translated.title,
        body: translated.body,
        sourceHash: sourceHash(en.title, en.body),
      };
    }
    writeFileSync(url, `${JSON.stringify(items, null, 2)}\n`);
  }
  const unknown = Object.keys(incoming).filter((id) => !seen.has(id));
  console.log(
    `content: ${seen.size} items translated into ${langArg}${unknown.length ? `; unknown ids: ${unknown.join(', ')}` : ''}`,
  );
} else {
  console.error('usage: npm run i18n -- status | todo LANG | stamp LANG FILE.json | content LANG FILE.json');
  process.exit(2);
}
