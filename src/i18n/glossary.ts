// The project glossary (content/glossary/*.json): one agreed word per financial term per language, and
// a check that a translated string uses that word wherever its English source uses the English term.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { LANGS, type Lang } from '../language/langs.js';
import type { LocaleFiles } from './messages.js';

export const GLOSSARY_DIR = new URL('../../content/glossary/', import.meta.url);

const englishSchema = z
  .object({
    asOf: z.string().date(),
    note: z.string(),
    terms: z.array(
      z
        .object({ id: z.string().regex(/^[a-z0-9_]+$/), term: z.string().min(1), meaning: z.string().min(1) })
        .strict(),
    ),
  })
  .strict();

const translatedSchema = z
  .object({
    asOf: z.string().date(),
    terms: z.record(
      z.string(),
      z.object({ term: z.string().min(1), variants: z.array(z.string().min(1)).default([]) }).strict(),
    ),
  })
  .strict();

export interface GlossaryTerm {
  readonly id: string;
  readonly en: string;
  /** Per language: the agreed term and the forms it takes in sentences. */
  readonly forms: Partial<Record<Lang, readonly string[]>>;
}

export interface Glossary {
  readonly terms: readonly GlossaryTerm[];
  readonly problems: readonly string[];
}

export function loadGlossary(dir: URL = GLOSSARY_DIR): Glossary {
  const problems: string[] = [];
  const english = englishSchema.parse(JSON.parse(readFileSync(new URL('en.json', dir), 'utf8')));
  const ids = new Set(english.terms.map((term) => term.id));
  if (ids.size !== english.terms.length) problems.push('glossary en: duplicate term ids');
  const forms = new Map<string, Partial<Record<Lang, string[]>>>(english.terms.map((term) => [term.id, {}]));
  for (const lang of LANGS) {
    if (lang === 'en') continue;
    const file = new URL(`${lang}.json`, dir);
    if (!existsSync(file)) {
      problems.push(`glossary ${lang}: content/glossary/${lang}.json is missing`);
      continue;
    }
    const parsed = translatedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      problems.push(
        `glossary ${lang}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      continue;
    }
    for (const id of ids) {
      const entry = parsed.data.terms[id];
      if (!entry) problems.push(`glossary ${lang}: term ${id} is missing`);
      else forms.get(id)![lang] = [entry.term, ...entry.variants];
    }
    for (const id of Object.keys(parsed.data.terms))
      if (!ids.has(id)) problems.push(`glossary ${lang}: unknown term ${id}`);
  }
  return {
    terms: english.terms.map((term) => ({ id: term.id, en: term.term, forms: forms.get(term.id) ?? {} })),
    problems,
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Strings whose English uses a glossary term but whose translation uses none of that term's forms. */
export function checkGlossaryUse(glossary: Glossary, files: LocaleFiles): string[] {
  const problems: string[] = [];
  // Longer terms first, so "interest rate" is checked rather than its part "interest".
  const terms = [...glossary.terms].sort((a, b) => b.en.length - a.en.length);
  for (const [key, english] of Object.entries(files.en)) {
    let rest = english;
    const used: GlossaryTerm[] = [];
    for (const term of terms) {
      const pattern = new RegExp(`(^|[^A-Za-z])${escape(term.en)}(?![A-Za-z])`, 'i');
      if (pattern.test(rest)) {
        used.push(term);
        rest = rest.replace(new RegExp(escape(term.en), 'gi'), ' ');
      }
    }
    for (const lang of LANGS) {
      if (lang === 'en') continue;
      const text = files.translations[lang]?.[key]?.text;
      if (text === undefined) continue;
      for (const term of used) {
        const forms = term.forms[lang];
        if (!forms) continue;
        if (!forms.some((form) => text.toLowerCase().includes(form.toLowerCase()))) {
          problems.push(`${lang} ${key}: uses no glossary form of "${term.en}" (${forms.join(' / ')})`);
        }
      }
    }
  }
  return problems;
}
