// When to offer another language mid-conversation. The language is sticky: short or ambiguous messages
// ("ok", "1", "👍", a PIN code, a name) never move it; a confident message of several words in another
// language makes Saathi ask, once per language, in that language, whether to continue in it. Switching
// itself only happens on an explicit request (a language name, "Tamil mein baat karo", the menu).
import type { Detection } from '../language/detect/index.js';
import type { Lang } from '../language/langs.js';

/** Minimum words before a message can suggest another language, by script. */
const MIN_WORDS = { native: 2, latn: 3 } as const;
/** Minimum detector confidence, by script (native script is far more reliable than romanized text). */
const MIN_CONFIDENCE = { native: 0.8, latn: 0.85 } as const;

/** Hindi and Urdu typed in Latin letters are largely the same words: never offer one for the other. */
const SAME_WHEN_ROMANIZED: readonly (readonly Lang[])[] = [['hi', 'ur']];

export function languageToOffer(
  text: string,
  detection: Detection,
  current: Lang,
  alreadyOffered: readonly Lang[],
): Lang | undefined {
  const { lang, script, confidence } = detection;
  if (lang === 'unknown' || script === 'unknown' || lang === current || alreadyOffered.includes(lang))
    return undefined;
  const words = text
    .trim()
    .split(/\s+/u)
    .filter((word) => /\p{L}/u.test(word)).length;
  if (words < MIN_WORDS[script] || confidence < MIN_CONFIDENCE[script]) return undefined;
  if (
    script === 'latn' &&
    SAME_WHEN_ROMANIZED.some((group) => group.includes(lang) && group.includes(current))
  )
    return undefined;
  return lang;
}
