// Folds free text to one matching form (ASCII digits, lower case, no nukta / zero-width / vowel-mark
// variants) and splits it into tokens, so word lists match however people type on their phones.
import { normalizeDigits } from './digits.js';

const FOLDS: readonly (readonly [RegExp, string])[] = [
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, ''], // zero-width joiners and soft hyphens
  [/[\u093c\u09bc\u0a3c\u0abc\u0b3c]/g, ''], // nukta: हज़ार = हजार, সাড়ে = সাডে
  [/\u0901/g, '\u0902'], // Devanagari candrabindu → anusvara: पाँच = पांच
  [/\u0981/g, '\u0982'],
  [/\u0a01/g, '\u0a02'],
  [/\u0a70/g, '\u0a02'], // Gurmukhi tippi → bindi
  [/\u0a71/g, ''], // Gurmukhi addak (ਲੱਖ = ਲਖ)
  [/\u0a81/g, '\u0a82'],
  [/\u0b01/g, '\u0b02'],
  [/\u0b35/g, '\u0b71'], // Odia va / wa
  [/\u0d7a/g, '\u0d23\u0d4d'], // Malayalam chillu letters → consonant + virama
  [/\u0d7b/g, '\u0d28\u0d4d'],
  [/\u0d7c/g, '\u0d30\u0d4d'],
  [/\u0d7d/g, '\u0d32\u0d4d'],
  [/\u0d7e/g, '\u0d33\u0d4d'],
  [/\u0d7f/g, '\u0d15\u0d4d'],
  [/[\u064b-\u065f\u0670\u0640]/g, ''], // Arabic harakat and tatweel
  [/\u0643/g, '\u06a9'], // Arabic kaf → keheh
  [/[\u064a\u0649]/g, '\u06cc'], // Arabic yeh → Farsi yeh
  [/[\u0647\u06be\u06c2\u0629]/g, '\u06c1'], // every he → heh goal: لاکھ = لاکه
  [/[\u0622\u0623\u0625]/g, '\u0627'], // alef variants
  [/\u066b/g, '.'], // Arabic decimal separator
  [/\u066c/g, ','], // Arabic thousands separator
  [/[\u0300-\u036f]/g, ''], // Latin diacritics (after NFD below): hazār = hazar
];

/** One canonical form for matching: ASCII digits, lower case, spelling variants merged. */
export function foldText(text: string): string {
  let out = normalizeDigits(text).normalize('NFD');
  for (const [re, to] of FOLDS) out = out.replace(re, to);
  return out.normalize('NFC').toLowerCase();
}

export type TokenKind = 'num' | 'word' | 'sym' | 'brk';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** numeric value of a `num` token */
  readonly value: number;
  /** the token's script is not Latin (native words may stand alone; romanized ones often may not) */
  readonly native: boolean;
}

/** Longest number we read from digits: anything longer is not an amount, a count or a year. */
const MAX_DIGITS = 15;
const TOKEN_RE = /\d+(?:,\d+)*(?:\.\d+)?|[\p{L}\p{M}]+|[₹%+\-–—/&]|[^\s\p{L}\p{M}\d]/gu;
const LATIN_RE = /^[a-z]/;
const GROUPED_RE = /^\d{1,3}(?:,\d{2})*,\d{3}(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

function numToken(text: string): Token {
  const digits = text.replace(/\D/g, '').length;
  const value = digits > MAX_DIGITS ? Number.NaN : Number(text.replace(/,/g, ''));
  return Number.isFinite(value)
    ? { kind: 'num', text, value, native: false }
    : { kind: 'brk', text, value: 0, native: false };
}

function pushNumber(tokens: Token[], text: string): void {
  if (!text.includes(',') || GROUPED_RE.test(text)) {
    tokens.push(numToken(text));
    return;
  }
  // "5,6" is a list, not a grouped number: read each part on its own.
  const parts = text.split(',');
  parts.forEach((part, i) => {
    if (i > 0) tokens.push({ kind: 'brk', text: ',', value: 0, native: false });
    tokens.push(numToken(part));
  });
}

/** Splits folded text into numbers, words, money/range symbols and other punctuation. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN_RE)) {
    const text = match[0];
    const first = text.charCodeAt(0);
    if (first >= 0x30 && first <= 0x39) pushNumber(tokens, text);
    else if (/^[\p{L}\p{M}]/u.test(text)) {
      tokens.push({ kind: 'word', text, value: 0, native: !LATIN_RE.test(text) });
    } else if (/^[₹%+\-–—/&]$/.test(text)) tokens.push({ kind: 'sym', text, value: 0, native: false });
    else tokens.push({ kind: 'brk', text, value: 0, native: false });
  }
  return tokens;
}
