// Finds the kind of business in free text, in any of the 12 languages ("kirana ki dukaan",
// "मैं सिलाई का काम करती हूँ", "I run a tea stall", "ami ekta mishtir dokan chalai"), and names
// business kinds back to the owner.
import type { Lang } from '../langs.js';
import { buildBusinessIndex, type BusinessIndex } from './business-index.js';
import { findBusinessKind, type BusinessKindMatch } from './business-match.js';
import { understandingData, type BusinessKindEntry } from './lexicon-data.js';

export type { BusinessKindMatch } from './business-match.js';
export type BusinessKind = BusinessKindEntry;

let index: BusinessIndex | undefined;

/** The business kind the text talks about; `lang`, when known, breaks ties toward that language's words. */
export function matchBusinessKind(text: string, lang?: Lang): BusinessKindMatch | undefined {
  if (!index) {
    const { kinds, lexicon } = understandingData();
    index = buildBusinessIndex(kinds, lexicon);
  }
  return findBusinessKind(index, text, lang);
}

/** Every business kind, in file order. */
export function listBusinessKinds(): readonly BusinessKind[] {
  return understandingData().kinds;
}

export function getBusinessKind(id: string): BusinessKind | undefined {
  return understandingData().kinds.find((kind) => kind.id === id);
}

/** How the bot names a business kind to the owner; falls back to English, then to the id itself. */
export function businessKindName(id: string, lang: Lang): string {
  const kind = getBusinessKind(id);
  return kind?.names[lang] ?? kind?.names.en ?? id;
}
