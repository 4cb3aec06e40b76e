// Turns text into the fuzzy keys the matchers compare: normalize, split into words, fold each word.
import { foldWord } from './fold.js';
import { tokenize } from './normalize.js';
import { rememberRecent } from './recent.js';

/** The keys of a text; one message goes through several matchers in a row, so the last few are kept. */
export function keysOf(text: string): readonly string[] {
  return keysRecent(text);
}

const keysRecent = rememberRecent((text): readonly string[] => Object.freeze(tokenize(text).map(foldWord)));

/** Fuzzy key of a whole text: its folded words joined by spaces ("Dukaan!!" → "dukan"). */
export function fuzzyKey(text: string): string {
  return keysOf(text).join(' ');
}
