// Offline language detector for Saathi's 12 languages: native script, romanized and code-mixed text.
import { isLang, type Lang, type Script } from '../langs.js';
import { classify, models } from './model.js';
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
    const model = top === 'Latn' ? models().latn : models().deva;
    const { probs } = classify(model, text);
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
    const model = models().latn;
    const { probs } = classify(model, text);
    let best = 0;
    for (let c = 1; c < probs.length; c++) if ((probs[c] ?? 0) > (probs[best] ?? 0)) best = c;
    const label = model.classes[best] ?? 'other';
    const p = probs[best] ?? 0;
    const confidence = p * lengthFactor(letters, 14);
    if (!isLang(label) || p < MIN_LATIN_PROB)
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
