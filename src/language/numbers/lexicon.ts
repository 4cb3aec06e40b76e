// Looks words up in the number lexicon (all languages, folded spellings), with stems for case endings.
import { foldText } from './fold.js';
import type { Lex, LexSpec } from './lexicon-types.js';
import { NATIVE_STEMS, NATIVE_WORDS } from './words-native.js';
import { LATIN_WORDS } from './words-latin.js';

function build(specs: readonly LexSpec[]): Map<string, Lex> {
  const map = new Map<string, Lex>();
  for (const spec of specs) {
    for (const word of spec.words.split(/\s+/)) {
      const key = foldText(word);
      if (key !== '' && !map.has(key)) map.set(key, spec.lex);
    }
  }
  return map;
}

const WORDS = build([...LATIN_WORDS, ...NATIVE_WORDS]);
const STEMS = build(NATIVE_STEMS);
const MIN_STEM = 2;
const MAX_STEM = Math.max(...[...STEMS.keys()].map((k) => k.length));

/** The meaning of one folded word, or undefined. Native words also match by stem (ലക്ഷത്തിന് → lakh). */
export function lookupWord(word: string, native: boolean): Lex | undefined {
  const exact = WORDS.get(word);
  if (exact !== undefined || !native) return exact;
  for (let len = Math.min(word.length, MAX_STEM); len >= MIN_STEM; len--) {
    const stem = STEMS.get(word.slice(0, len));
    if (stem !== undefined) return stem;
  }
  return undefined;
}

/** Every spelling that maps to two different meanings (the lexicon test wants this list empty). */
export function lexiconConflicts(): string[] {
  const seen = new Map<string, string>();
  const conflicts: string[] = [];
  for (const spec of [...LATIN_WORDS, ...NATIVE_WORDS]) {
    const meaning = JSON.stringify(spec.lex);
    for (const word of spec.words.split(/\s+/)) {
      const key = foldText(word);
      const before = seen.get(key);
      if (before !== undefined && before !== meaning) conflicts.push(`${word}: ${before} / ${meaning}`);
      seen.set(key, meaning);
    }
  }
  return conflicts;
}
