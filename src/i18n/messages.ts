// UI strings from locales/*.json (ICU MessageFormat), looked up by key and formatted for one language.
import { readFileSync, readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { ENDONYM, LANGS, LOCALE_TAG, isLang, type Lang } from '../language/langs.js';
import type { Msg } from '../dialogue/types.js';
import { formatAmount } from './format.js';

export const LOCALES_DIR = new URL('../../locales/', import.meta.url);

const sourceSchema = z.record(z.string(), z.string());
const translationSchema = z.record(
  z.string(),
  z.object({ text: z.string(), sourceHash: z.string().regex(/^[0-9a-f]{8}$/) }).strict(),
);

export type SourceMessages = z.infer<typeof sourceSchema>;
export type TranslatedMessages = z.infer<typeof translationSchema>;

export interface LocaleFiles {
  readonly en: SourceMessages;
  readonly translations: Partial<Record<Exclude<Lang, 'en'>, TranslatedMessages>>;
}

/** Reads every locale file; throws on a file that is not valid JSON of the right shape. */
export function readLocaleFiles(dir: URL = LOCALES_DIR): LocaleFiles {
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  const en = sourceSchema.parse(read('en.json'));
  const translations: LocaleFiles['translations'] = {};
  for (const file of readdirSync(dir)) {
    const lang = file.replace(/\.json$/, '');
    if (!file.endsWith('.json') || lang === 'en') continue;
    if (!isLang(lang)) throw new Error(`locales/${file}: not one of the supported languages`);
    translations[lang as Exclude<Lang, 'en'>] = translationSchema.parse(read(file));
  }
  return { en, translations };
}

export type NameResolver = (key: string, lang: Lang) => string | undefined;

/** Formats messages; keys `lang.xx` give language names, other special keys come from `resolvers`. */
export class Messages {
  private readonly compiled = new Map<string, IntlMessageFormat>();
  /** Messages without parameters always read the same: formatted once per language. */
  private readonly plain = new Map<string, string>();
  private readonly texts: Readonly<Record<Lang, Readonly<Record<string, string>>>>;

  constructor(
    files: LocaleFiles,
    private readonly resolve: NameResolver = () => undefined,
    private readonly onMissing: (lang: Lang, key: string) => void = () => undefined,
  ) {
    const texts = {} as Record<Lang, Record<string, string>>;
    for (const lang of LANGS) {
      if (lang === 'en') {
        texts.en = files.en;
        continue;
      }
      const entries = files.translations[lang] ?? {};
      texts[lang] = Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, value.text]));
    }
    this.texts = texts;
  }

  has(key: string): boolean {
    return key in this.texts.en;
  }

  format(lang: Lang, msg: Msg): string {
    const params = msg.params === undefined || Object.keys(msg.params).length === 0;
    const plainKey = `${lang}\u0000${msg.key}`;
    if (params) {
      const done = this.plain.get(plainKey);
      if (done !== undefined) return done;
    }
    const text = this.formatUncached(lang, msg);
    if (params) this.plain.set(plainKey, text);
    return text;
  }

  private formatUncached(lang: Lang, msg: Msg): string {
    const special = this.special(lang, msg.key);
    if (special !== undefined) return special;
    let source = this.texts[lang][msg.key];
    let sourceLang = lang;
    if (source === undefined) {
      this.onMissing(lang, msg.key);
      source = this.texts.en[msg.key];
      sourceLang = 'en';
      if (source === undefined) return msg.key;
    }
    const cacheKey = `${sourceLang}\u0000${msg.key}`;
    let format = this.compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(source, `${LOCALE_TAG[sourceLang]}-u-nu-latn`);
      this.compiled.set(cacheKey, format);
    }
    const params = Object.fromEntries(
      Object.entries(msg.params ?? {}).map(([name, value]) => [name, this.param(lang, name, value)]),
    );
    return String(format.format(params));
  }

  /** Amount-like numbers become "₹2.5 lakh"; a business kind id becomes its name in the language. */
  private param(lang: Lang, name: string, value: string | number): string | number {
    if (typeof value === 'number')
      return /(amount|max|min|turnover)$/i.test(name) ? formatAmount(value, lang) : value;
    if (name === 'kind') return this.special(lang, `kind.${value}`) ?? value;
    return value;
  }

  private special(lang: Lang, key: string): string | undefined {
    if (key.startsWith('lang.')) {
      const code = key.slice(5);
      return isLang(code) ? ENDONYM[code] : undefined;
    }
    return this.resolve(key, lang);
  }
}
