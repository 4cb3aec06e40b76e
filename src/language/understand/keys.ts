// Turns text into the fuzzy keys the matchers compare: normalize, split into words, fold each word.
import { foldWord } from './fold.js';
import { tokenize } from './normalize.js';

/** One message goes through several matchers in a row: remember the keys of the last few texts. */
const recent = new Map<string, readonly string[]>();
const RECENT = 8;

export function keysOf(text: string): readonly string[] {
  const known = recent.get(text);
  if (known) return known;
  const keys = Object.freeze(tokenize(text).map(foldWord));
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(text, keys);
  return keys;
}

/** Fuzzy key of a whole text: its folded words joined by spaces ("Dukaan!!" → "dukan"). */
export function fuzzyKey(text: string): string {
  return keysOf(text).join(' ');
}
