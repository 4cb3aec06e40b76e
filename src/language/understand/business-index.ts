// The phrase index behind matchBusinessKind: every synonym of every business kind as a sequence of
// fuzzy keys (small joining words such as "ki", "da", "er" left out), found by its first word.
import { LANGS, type Lang } from '../langs.js';
import { keysOf } from './keys.js';
import { allWords, type BusinessKindEntry, type Lexicon } from './lexicon-data.js';
import { TokenIndex } from './token-index.js';

export interface KindPhrase {
  readonly kind: number;
  readonly ids: readonly number[];
  readonly lang: Lang;
  /** length of the synonym's keys, to prefer the more specific of two equal matches */
  readonly chars: number;
}

export interface BusinessIndex {
  readonly kinds: readonly BusinessKindEntry[];
  readonly tokens: TokenIndex;
  readonly byFirst: ReadonlyMap<number, readonly KindPhrase[]>;
  readonly connectors: ReadonlySet<string>;
  readonly exactOnly: ReadonlySet<string>;
}

/** The keys of a synonym or message with joining words dropped. */
export function contentKeys(text: string, connectors: ReadonlySet<string>): string[] {
  return keysOf(text).filter((k) => !connectors.has(k));
}

export function buildBusinessIndex(kinds: readonly BusinessKindEntry[], lexicon: Lexicon): BusinessIndex {
  const connectors = new Set(allWords(lexicon.businessConnectors).flatMap((w) => keysOf(w)));
  const tokens = new TokenIndex({ inflections: true, fuzzyLatin: 5, fuzzyNative: 7 });
  const byFirst = new Map<number, KindPhrase[]>();
  const seen = new Set<string>();
  const add = (kind: number, keys: readonly string[], lang: Lang) => {
    const signature = `${kind}|${keys.join(' ')}`;
    if (keys.length === 0 || seen.has(signature)) return;
    seen.add(signature);
    const ids = keys.map((k) => tokens.add(k));
    const phrase: KindPhrase = { kind, ids, lang, chars: keys.join('').length };
    const first = ids[0] as number;
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  };
  kinds.forEach((entry, kind) => {
    for (const lang of LANGS) {
      for (const synonym of entry.synonyms[lang] ?? []) {
        const keys = contentKeys(synonym, connectors);
        add(kind, keys, lang);
        // compounds are often written as one word: டீ கடை / டீக்கடை, kirana dukan / kiranadukan
        if (keys.length > 1) add(kind, [keys.join('')], lang);
      }
    }
  });
  const exactOnly = new Set(allWords(lexicon.businessExactOnly).flatMap((w) => keysOf(w)));
  return { kinds, tokens, byFirst, connectors, exactOnly };
}
