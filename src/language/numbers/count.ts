// parseCount: how many people work in the business ("5", "पाँच", "panch log", "koi nahi" → 0).
import { foldText, tokenize } from './fold.js';
import { findPhrases } from './phrase.js';
import { phraseMatcher, unitAt } from './units.js';

export const MAX_COUNT = 100_000;

/** "Nobody but me": the owner works alone, so zero workers. */
// prettier-ignore
const NOBODY = phraseMatcher([
  'koi nahi', 'koi nhi', 'koi nahin', 'koi bhi nahi', 'koi bhi nhi', 'kisi ko nahi', 'ek bhi nahi',
  'ek bhi nhi', 'none', 'no one', 'noone', 'nobody', 'no workers', 'no worker', 'no employees',
  'no employee', 'no staff', 'not any', 'zero', 'nil', 'akela', 'akeli', 'akele', 'sirf main', 'sirf mai',
  'sirf me', 'bas main', 'only me', 'just me', 'only myself', 'myself', 'alone', 'khud', 'main hi',
  'mai hi', 'keu nei', 'keu na', 'koni nahi', 'koi nathi', 'yaarum illa', 'yarum illai', 'evaru leru',
  'yaru illa', 'aarumilla', 'aarum illa', 'kehi nahanti', 'kehi nahi', 'naanu obbane', 'nenu okkadine',
  'ami eka', 'mi ekta', 'mi ekata', 'hu ekla',
  'कोई नहीं', 'कोई भी नहीं', 'एक भी नहीं', 'अकेला', 'अकेली', 'अकेले', 'सिर्फ मैं', 'केवल मैं', 'बस मैं',
  'खुद', 'कोणी नाही', 'कोणीही नाही', 'मी एकटा', 'मी एकटी', 'एकटाच', 'एकटीच', 'কেউ নেই', 'কেউ না',
  'আমি একা', 'একাই', 'કોઈ નથી', 'કોઈ નહીં', 'હું એકલો', 'હું એકલી', 'એકલો', 'એકલી', 'ਕੋਈ ਨਹੀਂ', 'ਇਕੱਲਾ',
  'ਇਕੱਲੀ', 'ਸਿਰਫ਼ ਮੈਂ', 'کوئی نہیں', 'اکیلا', 'اکیلی', 'صرف میں', 'யாரும் இல்லை', 'நான் மட்டும்',
  'ఎవరూ లేరు', 'నేను ఒక్కడినే', 'నేను ఒక్కదాన్నే', 'నేనొక్కడినే', 'ಯಾರೂ ಇಲ್ಲ', 'ನಾನೊಬ್ಬನೇ', 'ನಾನು ಒಬ್ಬನೇ',
  'ನಾನು ಒಬ್ಬಳೇ', 'ആരുമില്ല', 'ആരും ഇല്ല', 'ഞാൻ മാത്രം', 'ഞാൻ ഒറ്റയ്ക്ക്', 'କେହି ନାହାଁନ୍ତି', 'କେହି ନାହିଁ',
  'ମୁଁ ଏକା',
]);

/** A bare "no" as the whole answer to "how many people work with you?". */
// prettier-ignore
const JUST_NO = new Set(
  ['no', 'nahi', 'nahin', 'nhi', 'nai', 'na', 'नहीं', 'नही', 'नाही', 'না', 'নেই', 'નથી', 'નહીં', 'ਨਹੀਂ',
    'نہیں', 'இல்லை', 'లేదు', 'లేరు', 'ಇಲ್ಲ', 'ഇല്ല', 'ନାହିଁ'].map(foldText),
);

/** A number word with no people word after it counts only in a short answer ("panch", "पाँच ही"). */
const SHORT_ANSWER = 3;

/**
 * A count of people: "5", "5 workers", "पाँच", "panch log", "৫ জন", "ஐந்து பேர்"; "2-3" → 3 (rounded
 * midpoint). "koi nahi", "none", "akela", "sirf main", "কেউ নেই", "யாரும் இல்லை" → 0 (the owner alone).
 * A number followed by a people word wins ("khud ka kaam hai, paanch log" → 5); numbers of years,
 * months, rupees or percent are skipped. Undefined when there is no count or it is above 100 000.
 */
export function parseCount(text: string): number | undefined {
  const folded = foldText(text);
  const tokens = tokenize(folded);
  const phrases = findPhrases(tokens);
  const counted = phrases.find((p) => unitAt(tokens, p.end) === 'people');
  if (counted !== undefined) return bounded(counted.value);
  if (!tokens.some((t) => t.kind === 'num') && NOBODY(folded)) return 0;
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'num').length;
  const fallback = phrases.find(
    (p) => unitAt(tokens, p.end) === undefined && !p.currency && (p.digits || words <= SHORT_ANSWER),
  );
  if (fallback !== undefined) return bounded(fallback.value);
  const only = tokens.filter((t) => t.kind === 'word');
  if (only.length === 1 && JUST_NO.has(only[0]?.text ?? '')) return 0;
  return undefined;
}

function bounded(value: number): number | undefined {
  const n = Math.round(value);
  return Number.isFinite(n) && n >= 0 && n <= MAX_COUNT ? n : undefined;
}
