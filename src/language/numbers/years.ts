// parseYears: how long the business has been running, in whole years ("6 saal se", "since 2018").
import { foldText, tokenize, type Token } from './fold.js';
import { findPhrases, type Phrase } from './phrase.js';
import { phraseMatcher, unitAt } from './units.js';

export const MAX_YEARS = 100;
/** "2031 mein shuru karunga": a year this far ahead still means "not started yet". */
const PLANNED_AHEAD = 5;
/** Calendar years are counted in India's time zone, whatever the server's. */
const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/** Said plainly that the business has not started. Checked first. */
// prettier-ignore
const NOT_STARTED = phraseMatcher([
  'shuru nahi', 'shuru nhi', 'shuru nahin', 'suru nahi', 'start nahi', 'start nhi', 'not started',
  'not yet started', 'yet to start', "haven't started", 'havent started', 'have not started',
  'not start', 'abhi tak nahi', 'shuru nai',
  'शुरू नहीं', 'शुरु नहीं', 'शुरू नही', 'अभी शुरू नहीं', 'सुरू केला नाही', 'सुरू नाही', 'शुरू नाही',
  'শুরু করিনি', 'শুরু হয়নি', 'শুরু করি নি', 'শুরু হয় নি', 'શરૂ નથી', 'શરૂ કર્યો નથી', 'શરૂ કર્યું નથી',
  'ਸ਼ੁਰੂ ਨਹੀਂ', 'شروع نہیں', 'தொடங்கவில்லை', 'ஆரம்பிக்கவில்லை', 'మొదలు పెట్టలేదు', 'ప్రారంభించలేదు',
  'మొదలుపెట్టలేదు', 'ಶುರು ಮಾಡಿಲ್ಲ', 'ಪ್ರಾರಂಭಿಸಿಲ್ಲ', 'ಆರಂಭಿಸಿಲ್ಲ', 'തുടങ്ങിയിട്ടില്ല', 'ആരംഭിച്ചിട്ടില്ല',
  'ଆରମ୍ଭ କରିନାହିଁ', 'ଆରମ୍ଭ ହୋଇନାହିଁ', 'ଆରମ୍ଭ କରିନି',
]);

/** "Last year" → 1. */
// prettier-ignore
const LAST_YEAR = phraseMatcher([
  'last year', 'pichle saal', 'pichhle saal', 'pichle sal', 'pichhle sal', 'pichhale saal', 'gaye saal',
  'पिछले साल', 'पिछले वर्ष', 'पिछले बरस', 'गेल्या वर्षी', 'गेल्या वर्षापासून', 'গত বছর', 'ગયા વર્ષે',
  'ગયા વર્ષથી', 'ਪਿਛਲੇ ਸਾਲ', 'پچھلے سال', 'گزشتہ سال', 'கடந்த ஆண்டு', 'போன வருடம்', 'போன வருஷம்',
  'గత సంవత్సరం', 'పోయిన సంవత్సరం', 'ಕಳೆದ ವರ್ಷ', 'ಹೋದ ವರ್ಷ', 'കഴിഞ്ഞ വർഷം', 'കഴിഞ്ഞ കൊല്ലം', 'ଗତ ବର୍ଷ',
]);

/** New, just starting, or starting this year → 0. Checked after explicit numbers. */
// prettier-ignore
const NEW = phraseMatcher([
  'new', 'naya', 'nayi', 'naye', 'nya', 'just started', 'recently started', 'abhi shuru', 'abhi abhi',
  'starting', 'start karna', 'shuru karna', 'shuru karunga', 'shuru karungi', 'shuru karenge', 'planning',
  'this year', 'is saal', 'iss saal', 'isi saal', 'notun', 'natun', 'navin', 'navo', 'navu', 'nawan',
  'navan', 'puthu', 'pudhu', 'puthiya', 'pudhiya', 'kotha', 'kottha', 'hosa', 'nua',
  'नया', 'नई', 'नये', 'नए', 'इसी साल', 'इस साल', 'नवीन', 'नवा', 'নতুন', 'এই বছর', 'નવો', 'નવું', 'નવી',
  'આ વર્ષે', 'ਨਵਾਂ', 'ਨਵੀਂ', 'ਇਸ ਸਾਲ', 'نیا', 'نئی', 'اس سال', 'புதிய', 'புதுசு', 'புது', 'இந்த ஆண்டு',
  'ఈ సంవత్సరం', 'కొత్త', 'ಹೊಸ', 'ಈ ವರ್ಷ', 'പുതിയ', 'പുതുതായി', 'ഈ വർഷം', 'ନୂଆ', 'ଏହି ବର୍ଷ',
]);

/** A number word with no "years" after it counts only in a short answer ("chhe", "ఆరు"). */
const SHORT_ANSWER = 3;

const isCalendarYear = (p: Phrase, tokens: readonly Token[]): boolean => {
  const tok = tokens[p.start];
  return p.end - p.start === 1 && tok?.kind === 'num' && /^\d{4}$/.test(tok.text);
};

function wholeYears(value: number): number | undefined {
  const n = Math.floor(value);
  return Number.isFinite(n) && n >= 0 && n <= MAX_YEARS ? n : undefined;
}

/**
 * Whole years in business: "6 saal se", "6 years", "६ साल", "dedh saal" (1), "since 2018" / "2018 se"
 * (now's year − 2018), "pichle saal" (1), "6 mahine" / "6 months" (0; "18 months" → 1),
 * "abhi shuru nahi kiya" / "not started" / "new" / "naya" → 0. Ranges give the midpoint, rounded down.
 * Undefined when nothing fits or the answer is above 100 years.
 */
export function parseYears(text: string, now: Date): number | undefined {
  const folded = foldText(text);
  if (NOT_STARTED(folded)) return 0;
  const tokens = tokenize(folded);
  const phrases = findPhrases(tokens).filter((p) => !p.currency);
  const thisYear = new Date(now.getTime() + IST_OFFSET_MS).getUTCFullYear();

  for (const p of phrases) {
    if (unitAt(tokens, p.end) === 'year' && !isCalendarYear(p, tokens)) return wholeYears(p.value);
  }
  for (const p of phrases) {
    if (!isCalendarYear(p, tokens)) continue;
    if (p.value <= thisYear && p.value >= thisYear - MAX_YEARS) return thisYear - p.value;
    if (p.value > thisYear && p.value <= thisYear + PLANNED_AHEAD) return 0;
  }
  for (const p of phrases) {
    if (unitAt(tokens, p.end) === 'month') return wholeYears(p.value / 12);
  }
  if (LAST_YEAR(folded)) return 1;
  if (tokens.some((t, i) => unitAt(tokens, i) === 'month') || NEW(folded)) return 0;

  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'num').length;
  for (const p of phrases) {
    if (p.scaled || unitAt(tokens, p.end) !== undefined) continue;
    if (!p.digits && words > SHORT_ANSWER) continue;
    return wholeYears(p.value);
  }
  return undefined;
}
