// Finds an explicit request to talk in a language ("Tamil mein baat karo", "switch to marathi",
// "বাংলায় বলো") or a message that is only a language name ("tamil", "தமிழ்"). Mentions of a language
// in passing ("I am from Tamil Nadu", "hindi nahi aati") are not requests.
import { LANGS, type Lang } from '../langs.js';
import { keysOf } from './keys.js';
import { understandingData, allWords } from './lexicon-data.js';
import { isLatinKey, stemOf } from './fold.js';
import { TokenIndex } from './token-index.js';

type Kind = 'name' | 'neg' | 'loc' | 'cue' | 'filler' | 'other';

interface Word {
  readonly kind: Kind;
  readonly lang?: Lang;
  /** the name carries its own "in" ending: বাংলায়, தமிழில், telugulo */
  readonly attached?: boolean;
}

interface Index {
  readonly names: TokenIndex;
  readonly langOf: Map<number, Lang>;
  /** names and their stems that may carry an ending, e.g. மலையாள(ம்) in മലയാളത്തിൽ */
  readonly heads: Map<string, Lang>;
  readonly negations: Set<string>;
  readonly locatives: Set<string>;
  readonly cues: Set<string>;
  readonly strongCues: Set<string>;
  readonly fillers: Set<string>;
  readonly notNames: Set<string>;
}

/** Longest ending a language name may carry and still be "in <language>" (ಕನ್ನಡದಲ್ಲಿ, മലയാളത്തിൽ). */
const MAX_ENDING = 6;
const MIN_HEAD = 3;
/** Endings typed onto a romanized name that mean "in": tamilil, telugulo, banglay, marathit, hindime. */
// prettier-ignore
const LATIN_ENDINGS = new Set(['y', 'e', 't', 'l', 'il', 'ile', 'lo', 'la', 'li', 'ma', 'me', 're', 'ch', 'alli', 'dalli', 'madhe']);
/** Words that start with a language name but are not one. */
// prettier-ignore
const NOT_NAMES = [
  'hindu', 'hindustan', 'हिंदू', 'हिन्दू', 'हिंदुस्तान', 'tamilnadu', 'tamilnad', 'तमिलनाडु', 'தமிழ்நாடு',
  'bangladesh', 'bangladeshi', 'বাংলাদেশ', 'ಕನ್ನಡಕ', 'kannadaka',
];
const MAX_WORDS = 20;
const MAX_OTHER_WORDS = 6;

let index: Index | undefined;

function keySet(words: readonly string[]): Set<string> {
  return new Set(words.flatMap((w) => keysOf(w)));
}

function buildIndex(): Index {
  const { lexicon } = understandingData();
  const names = new TokenIndex({ inflections: false, fuzzyLatin: 6, fuzzyNative: 6 });
  const langOf = new Map<number, Lang>();
  const heads = new Map<string, Lang>();
  for (const lang of LANGS) {
    for (const name of lexicon.languageNames[lang] ?? []) {
      for (const key of keysOf(name)) {
        langOf.set(names.add(key), lang);
        // a whole name may take an ending (odia+re); a romanized stem only when long (telug+u, not hind+i)
        if (key.length >= (isLatinKey(key) ? 4 : 3)) heads.set(key, lang);
        const stem = stemOf(key);
        if (stem.length >= (isLatinKey(stem) ? 5 : 3)) heads.set(stem, lang);
      }
    }
  }
  const locatives = keySet(allWords(lexicon.languageLocatives));
  const cues = keySet(allWords(lexicon.languageRequest));
  const fillers = keySet([...allWords(lexicon.fillers), ...allWords(lexicon.answerFillers)]);
  const strongCues = new Set([...cues].filter((k) => !locatives.has(k) && !fillers.has(k)));
  const negations = keySet(allWords(lexicon.negations));
  return {
    names,
    langOf,
    heads,
    negations,
    locatives,
    cues,
    strongCues,
    fillers,
    notNames: keySet(NOT_NAMES),
  };
}

function nameIn(ix: Index, key: string): { lang: Lang; attached: boolean } | undefined {
  if (ix.notNames.has(key)) return undefined;
  for (const hit of ix.names.lookup(key)) {
    const lang = ix.langOf.get(hit.id);
    if (lang) return { lang, attached: false };
  }
  // a name with an ending glued on: "tamilil", "বাংলায়", "ગુજરાતીમાં"
  const latin = isLatinKey(key);
  for (let len = key.length - 1; len >= Math.max(MIN_HEAD, key.length - MAX_ENDING); len--) {
    const lang = ix.heads.get(key.slice(0, len));
    const ending = key.slice(len);
    if (lang && (!latin || LATIN_ENDINGS.has(ending) || ix.locatives.has(ending)))
      return { lang, attached: true };
  }
  return undefined;
}

function classify(ix: Index, key: string): Word {
  const name = nameIn(ix, key);
  if (name) return { kind: 'name', lang: name.lang, attached: name.attached };
  if (ix.negations.has(key)) return { kind: 'neg' };
  if (ix.locatives.has(key)) return { kind: 'loc' };
  if (ix.cues.has(key)) return { kind: 'cue' };
  if (ix.fillers.has(key)) return { kind: 'filler' };
  return { kind: 'other' };
}

/** The language the owner asks for, if the message is such a request. */
export function matchLanguageRequest(text: string): Lang | undefined {
  index ??= buildIndex();
  const ix = index;
  const keys = keysOf(text);
  if (keys.length === 0 || keys.length > MAX_WORDS) return undefined;
  const words = keys.map((k) => classify(ix, k));
  const mentions = words.flatMap((w, i) =>
    w.kind === 'name' && w.lang ? [{ i, lang: w.lang, word: w }] : [],
  );
  if (mentions.length === 0) return undefined;
  const distinct = new Set(mentions.map((m) => m.lang));
  const count = (kind: Kind) => words.filter((w) => w.kind === kind).length;

  // Only a language name and request words: "tamil", "হিন্দিতে বলো", "switch to marathi please".
  if (distinct.size === 1 && count('other') === 0 && count('neg') === 0) return mentions[0]?.lang;

  // A longer sentence: the name must be marked "in <language>", not negated, and a request verb present.
  if (count('other') > MAX_OTHER_WORDS) return undefined;
  if (!keys.some((k, i) => words[i]?.kind === 'cue' && ix.strongCues.has(k))) return undefined;
  const wanted = mentions.filter(({ i, word }) => {
    const next = mentions.find((m) => m.i > i)?.i ?? words.length;
    const negated =
      words[i - 1]?.kind === 'neg' || words.slice(i + 1, Math.min(next, i + 4)).some((w) => w.kind === 'neg');
    const marked = word.attached === true || words[i + 1]?.kind === 'loc' || words[i - 1]?.kind === 'loc';
    return marked && !negated;
  });
  const langs = new Set(wanted.map((m) => m.lang));
  return langs.size === 1 ? wanted[0]?.lang : undefined;
}
