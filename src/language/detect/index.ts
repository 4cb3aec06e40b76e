// Offline language detector for Saathi's 12 languages: native script, romanized and code-mixed text.
import { isLang, type Lang, type Script } from '../langs.js';
import { classify, models, type ModelSet } from './model.js';
import { stripHandles } from './features.js';
import { countScripts } from './script.js';

export type DetectedScript = 'native' | 'latn' | 'unknown';

export interface Detection {
  lang: Lang | 'unknown';
  script: DetectedScript;
  /** 0..1; low for short or ambiguous text, so callers can avoid switching language on "ok" or "1". */
  confidence: number;
}

export interface LanguageScore {
  lang: Lang | 'unknown';
  score: number;
}

const SCRIPT_LANG: Partial<Record<Script, Lang>> = {
  Beng: 'bn',
  Guru: 'pa',
  Gujr: 'gu',
  Orya: 'or',
  Taml: 'ta',
  Telu: 'te',
  Knda: 'kn',
  Mlym: 'ml',
  Arab: 'ur',
};

/** Below this top probability a Latin-script message is reported as unknown. */
const MIN_LATIN_PROB = 0.5;

/**
 * Romanized Hindi and Urdu are one spoken language (Hindustani) told apart by a few words and spellings: when
 * the top class is one of them, the message is accepted if the two together reach this probability (rather
 * than the top one alone reaching MIN_LATIN_PROB), then given to the likelier of the two.
 */
const MIN_HINDUSTANI_PROB = 0.6;

/** Weight of the dedicated Hindi-vs-Urdu model against the Latin model's own hi/ur odds. */
const HIUR_WEIGHT = 0.5;

/**
 * When hi and ur are the Latin model's top two, re-splits their summed probability with the dedicated
 * Hindi-vs-Urdu model (averaged in log-odds with the Latin model's own split). Changes `probs` in place.
 */
function splitHindiUrdu(set: ModelSet, probs: Float64Array, text: string): void {
  if (set.hiur === undefined) return;
  const hi = set.latn.classes.indexOf('hi');
  const ur = set.latn.classes.indexOf('ur');
  const ph = probs[hi] ?? 0;
  const pu = probs[ur] ?? 0;
  const low = Math.min(ph, pu);
  for (let c = 0; c < probs.length; c++) if (c !== hi && c !== ur && (probs[c] ?? 0) > low) return;
  const q = classify(set.hiur, text).probs;
  const own = Math.log(((q[1] ?? 0) + 1e-12) / ((q[0] ?? 0) + 1e-12));
  const main = Math.log((pu + 1e-12) / (ph + 1e-12));
  const share = 1 / (1 + Math.exp(-(HIUR_WEIGHT * own + (1 - HIUR_WEIGHT) * main)));
  probs[ur] = (ph + pu) * share;
  probs[hi] = (ph + pu) * (1 - share);
}

/** Grows from ~0.2 for one or two letters to 1 at about `full` letters. */
function lengthFactor(letters: number, full: number): number {
  return Math.min(1, Math.sqrt(letters / full));
}

const UNKNOWN: Detection = { lang: 'unknown', script: 'unknown', confidence: 0 };

/** Every candidate language with a score (probability-like, sums to ~1), best first. */
export function scoreLanguages(text: string): LanguageScore[] {
  const { top, letters } = countScripts(text);
  if (top === null || letters === 0) return [{ lang: 'unknown', score: 1 }];
  if (top === 'Other') return [{ lang: 'unknown', score: 1 }];
  if (top === 'Latn' || top === 'Deva') {
    const set = models();
    const model = top === 'Latn' ? set.latn : set.deva;
    const { probs } = classify(model, text);
    if (top === 'Latn') splitHindiUrdu(set, probs, text);
    return model.classes
      .map((c, i) => ({ lang: isLang(c) ? c : ('unknown' as const), score: probs[i] ?? 0 }))
      .sort((a, b) => b.score - a.score);
  }
  const lang = SCRIPT_LANG[top];
  return [{ lang: lang ?? 'unknown', score: 1 }];
}

/** Detects the language and script of one message. */
export function detectLanguage(raw: string): Detection {
  const text = stripHandles(raw);
  const { top, letters } = countScripts(text);
  if (top === null || letters === 0) return UNKNOWN;
  if (top === 'Other') return { lang: 'unknown', script: 'unknown', confidence: lengthFactor(letters, 8) };
  if (top === 'Latn') {
    const set = models();
    const model = set.latn;
    const { probs } = classify(model, text);
    splitHindiUrdu(set, probs, text);
    let best = 0;
    for (let c = 1; c < probs.length; c++) if ((probs[c] ?? 0) > (probs[best] ?? 0)) best = c;
    const label = model.classes[best] ?? 'other';
    const p = probs[best] ?? 0;
    const confidence = p * lengthFactor(letters, 14);
    const hindustani = label === 'hi' || label === 'ur';
    const accept = hindustani
      ? (probs[model.classes.indexOf('hi')] ?? 0) + (probs[model.classes.indexOf('ur')] ?? 0) >=
        MIN_HINDUSTANI_PROB
      : p >= MIN_LATIN_PROB;
    if (!isLang(label) || !accept)
      return { lang: 'unknown', script: 'latn', confidence: label === 'other' ? confidence : 0 };
    return { lang: label, script: 'latn', confidence };
  }
  if (top === 'Deva') {
    const model = models().deva;
    const { probs } = classify(model, text);
    const hi = probs[model.classes.indexOf('hi')] ?? 0;
    const lang: Lang = hi >= 0.5 ? 'hi' : 'mr';
    const p = Math.max(hi, 1 - hi);
    return { lang, script: 'native', confidence: p * lengthFactor(letters, 10) };
  }
  const lang = SCRIPT_LANG[top];
  if (lang === undefined) return UNKNOWN;
  return { lang, script: 'native', confidence: 0.5 + 0.5 * lengthFactor(letters, 10) };
}
