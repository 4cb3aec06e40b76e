// Folds one normalized word to a fuzzy key, so spelling variants meet: romanized forms (aa/a, ee/i,
// oo/u, w/v, z/j, ph/f, sh/s, kh/k, doubled letters), Indic vowel-length and nasal variants, and Urdu
// letter variants. Keys are for matching only, never shown.

const LATIN_WORD = /^[a-z]+$/;

/** Romanized spelling variants → one key: "dukaan" = "dukan", "theek" = "thik", "chhodo" = "chodo". */
function foldLatin(word: string): string {
  return word
    .replace(/(.)\1{2,}/g, '$1') // elongation: yesss, nooo, haaan
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/([bcdgjkpst])h+/g, '$1') // aspirates and sh / ch / th: bh→b, chh→c, sh→s
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/(.)\1+/g, '$1') // doubled letters: aa, kk, tt
    .replace(/(?<=[a-z][aeiou])h$/, ''); // final h after a vowel: nah, haanh
}

/** Blocks whose scripts are written with a free choice of long or short i / u on phones. */
const NORTH_BLOCKS = [0x0900, 0x0980, 0x0a00, 0x0a80, 0x0b00] as const;
const INDIC_BLOCKS = [0x0900, 0x0980, 0x0a00, 0x0a80, 0x0b00, 0x0c00, 0x0c80, 0x0d00] as const;

function blockOf(code: number): number {
  return code & ~0x7f;
}

function buildIndicMap(): Map<string, string> {
  const map = new Map<string, string>();
  const set = (from: number, to: string) => map.set(String.fromCharCode(from), to);
  for (const base of INDIC_BLOCKS) set(base + 0x01, String.fromCharCode(base + 0x02)); // candrabindu → anusvara
  for (const base of NORTH_BLOCKS) {
    set(base + 0x40, String.fromCharCode(base + 0x3f)); // ii sign → i sign
    set(base + 0x42, String.fromCharCode(base + 0x41)); // uu sign → u sign
    set(base + 0x08, String.fromCharCode(base + 0x07)); // II → I
    set(base + 0x0a, String.fromCharCode(base + 0x09)); // UU → U
  }
  const pairs: readonly (readonly [string, string])[] = [
    ['\u0949', '\u093e'], // ॉ → ा (डॉक्टर = डाक्टर)
    ['\u0911', '\u0906'], // ऑ → आ
    ['\u0945', '\u0947'], // ॅ → े
    ['\u090d', '\u090f'], // ऍ → ए
    ['\u0972', '\u0905'], // ॲ → अ
    ['\u0ac9', '\u0acb'], // Gujarati candra o
    ['\u0a91', '\u0a93'],
    ['\u0ac5', '\u0ac7'],
    ['\u0a70', '\u0a02'], // Gurmukhi tippi → bindi
    ['\u0a71', ''], // Gurmukhi addak
    ['\u09ce', '\u09a4\u09cd'], // Bengali khanda ta
    ['\u0b35', '\u0b71'], // Odia va / wa
  ];
  for (const [from, to] of pairs) map.set(from, to);
  return map;
}

const INDIC_MAP = buildIndicMap();

/** Nasal consonant + virama before a consonant → anusvara: हिन्दी = हिंदी, বাঙলা = বাংলা. */
function nasalToAnusvara(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const base = blockOf(code);
    const offset = code - base;
    const next = word.charCodeAt(i + 1);
    const after = word.charCodeAt(i + 2);
    const isIndic = (INDIC_BLOCKS as readonly number[]).includes(base) && base !== 0x0b80;
    if (
      isIndic &&
      (offset === 0x19 || offset === 0x1e || offset === 0x23 || offset === 0x28 || offset === 0x2e) &&
      next === base + 0x4d &&
      blockOf(after) === base &&
      after - base >= 0x15 &&
      after - base <= 0x39
    ) {
      out += String.fromCharCode(base + 0x02);
      i += 1;
      continue;
    }
    out += word[i];
  }
  return out;
}

const ARABIC_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/[\u064b-\u065f\u0670\u0640]/g, ''], // harakat and tatweel
  [/[\u0622\u0623\u0625]/g, '\u0627'], // alef variants
  [/[\u0647\u06be\u06c2\u0629]/g, '\u06c1'], // every he → heh goal
  [/\u06d3/g, '\u06d2'],
  [/\u0626/g, '\u06cc'], // ئ → ی
  [/\u0624/g, '\u0648'], // ؤ → و
  [/\u06ba/g, '\u0646'], // noon ghunna → noon
];

function foldNative(word: string): string {
  let out = '';
  for (const ch of word) out += INDIC_MAP.get(ch) ?? ch;
  out = nasalToAnusvara(out);
  if (/[\u0600-\u06ff]/.test(out)) for (const [re, to] of ARABIC_FOLDS) out = out.replace(re, to);
  return out;
}

/** The fuzzy key of one word that has already been through normalizeText. */
export function foldWord(word: string): string {
  if (LATIN_WORD.test(word)) return foldLatin(word);
  if (/^[\p{L}\p{M}]+$/u.test(word)) return foldNative(word);
  return word;
}

export function isLatinKey(key: string): boolean {
  return LATIN_WORD.test(key);
}

/**
 * A word without its inflected ending: trailing vowels for romanized words (kirane → kiran), trailing
 * vowel signs / virama / anusvara for Indic words (किराने → किरान), trailing long vowels for Urdu.
 */
export function stemOf(key: string): string {
  if (LATIN_WORD.test(key)) return key.replace(/[aeiouy]+$/, '');
  if (/[\u0600-\u06ff]/.test(key)) return key.replace(/[\u06cc\u06d2\u0627\u06c1\u0648]+$/, '');
  return key.replace(/\p{M}+$/u, '');
}
