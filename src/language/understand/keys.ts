// Turns text into the fuzzy keys the matchers compare: normalize, split into words, fold each word.
import { foldWord } from './fold.js';
import { tokenize } from './normalize.js';

export function keysOf(text: string): string[] {
  return tokenize(text).map(foldWord);
}

/** Fuzzy key of a whole text: its folded words joined by spaces ("Dukaan!!" → "dukan"). */
export function fuzzyKey(text: string): string {
  return keysOf(text).join(' ');
}
