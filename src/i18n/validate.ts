// Checks the locale files: every key translated in every language, no translation older than its English
// source (stale), the same ICU placeholders as the English, and messages that parse.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGS, type Lang } from '../language/langs.js';
import type { LocaleFiles } from './messages.js';
import { sourceHash } from './source-hash.js';

/** Names of the arguments a message uses (including inside plural/select branches). */
export function placeholders(message: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type !== TYPE.literal && 'value' in element && typeof element.value === 'string') {
        names.add(element.value);
      }
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return names;
}

export interface LocaleCheckOptions {
  readonly langs?: readonly Lang[];
}

export function validateLocales(files: LocaleFiles, { langs = LANGS }: LocaleCheckOptions = {}): string[] {
  const problems: string[] = [];
  const sourceArgs = new Map<string, Set<string>>();
  for (const [key, text] of Object.entries(files.en)) {
    try {
      sourceArgs.set(key, placeholders(text));
    } catch (error) {
      problems.push(`en ${key}: invalid ICU message (${(error as Error).message})`);
    }
  }
  for (const lang of langs) {
    if (lang === 'en') continue;
    const translations = files.translations[lang];
    if (!translations) {
      problems.push(`${lang}: locales/${lang}.json is missing`);
      continue;
    }
    const missing: string[] = [];
    for (const [key, english] of Object.entries(files.en)) {
      const entry = translations[key];
      if (!entry) {
        missing.push(key);
        continue;
      }
      if (entry.sourceHash !== sourceHash(english)) {
        problems.push(`${lang} ${key}: stale (the English changed after it was translated)`);
      }
      let args: Set<string>;
      try {
        args = placeholders(entry.text);
      } catch (error) {
        problems.push(`${lang} ${key}: invalid ICU message (${(error as Error).message})`);
        continue;
      }
      const expected = sourceArgs.get(key) ?? new Set<string>();
      const lost = [...expected].filter((name) => !args.has(name));
      const extra = [...args].filter((name) => !expected.has(name));
      if (lost.length > 0 || extra.length > 0) {
        problems.push(
          `${lang} ${key}: placeholders differ from English (missing: ${lost.join(', ') || '-'}; unknown: ${extra.join(', ') || '-'})`,
        );
      }
      if (entry.text.trim() === '') problems.push(`${lang} ${key}: empty translation`);
    }
    if (missing.length > 0)
      problems.push(
        `${lang}: ${missing.length} missing translation(s): ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`,
      );
    for (const key of Object.keys(translations)) {
      if (!(key in files.en)) problems.push(`${lang} ${key}: not in en.json (remove it)`);
    }
  }
  return problems;
}
