// Cleans free text for matching: one Unicode form, lower case, no nukta or zero-width variants, no
// punctuation or decoration (meaningful emoji such as 👍 are kept as words), single spaces.
import { normalizeDigits } from '../numbers.js';
import { rememberRecent } from './recent.js';

/** Emoji that carry an answer (yes / no / like / stop); every other emoji is dropped. */
const KEPT_EMOJI: ReadonlySet<string> = new Set([
  '👍',
  '👎',
  '👌',
  '❤',
  '💯',
  '✅',
  '✔',
  '☑',
  '❌',
  '✖',
  '❎',
  '🛑',
  '✋',
  '🙏',
  '😍',
  '😡',
  '😞',
  '🙂',
  '😊',
  '🙁',
  '☹',
]);

const NUKTA_AND_DIACRITICS = /[\u093c\u09bc\u0a3c\u0abc\u0b3c\u0300-\u036f]/g;
/** Zero-width characters, soft hyphens, emoji variation selectors and skin-tone modifiers. */
const INVISIBLE = /\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad|\ufe0e|\ufe0f|\p{Emoji_Modifier}/gu;
const APOSTROPHE_IN_WORD = /(?<=\p{L})['’‘`´](?=\p{L})/gu;
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*|[₹%]|\p{Extended_Pictographic}/gu;

/** Malayalam atomic chillu letters → consonant + virama (the older spelling), so both forms match. */
const CHILLU: Readonly<Record<string, string>> = {
  '\u0d7a': '\u0d23\u0d4d',
  '\u0d7b': '\u0d28\u0d4d',
  '\u0d7c': '\u0d30\u0d4d',
  '\u0d7d': '\u0d32\u0d4d',
  '\u0d7e': '\u0d33\u0d4d',
  '\u0d7f': '\u0d15\u0d4d',
};

/** Arabic-script letters typed from Arabic or Persian keyboards → the Urdu letters. */
const ARABIC_LETTERS: Readonly<Record<string, string>> = { ك: 'ک', ي: 'ی', ى: 'ی' };

/**
 * One canonical form of a message: NFC, ASCII digits, lower case, nukta and zero-width characters
 * removed (ज़ = ज, ড় = ড), Malayalam chillus spelled one way, punctuation and unknown emoji dropped,
 * apostrophes inside words removed (don't = dont), single spaces. Decimal numbers ("2.5") stay whole.
 */
export function normalizeText(text: string): string {
  return normalizeRecent(text);
}

const normalizeRecent = rememberRecent(normalizeUncached);

function normalizeUncached(text: string): string {
  const cleaned = normalizeDigits(text)
    .normalize('NFD')
    .replace(NUKTA_AND_DIACRITICS, '')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(/[\u0d7a-\u0d7f]/g, (ch) => CHILLU[ch] ?? ch)
    .replace(/[كيى]/g, (ch) => ARABIC_LETTERS[ch] ?? ch)
    .toLowerCase()
    .replace(APOSTROPHE_IN_WORD, '');
  const tokens: string[] = [];
  for (const match of cleaned.matchAll(TOKEN)) {
    const token = match[0];
    if (/^\p{Extended_Pictographic}$/u.test(token) && !KEPT_EMOJI.has(token)) continue;
    tokens.push(token);
  }
  return tokens.join(' ');
}

/** The words of a message after normalizeText. */
export function tokenize(text: string): string[] {
  const normal = normalizeText(text);
  return normal === '' ? [] : normal.split(' ');
}
