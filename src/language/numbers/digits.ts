// Converts the decimal digits of the Indian scripts (and Arabic-Indic / Urdu digits) to ASCII 0-9.

/** Code point of the digit zero in each script whose digits we accept. */
const ZEROS = [
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0a66, // Gurmukhi
  0x0ae6, // Gujarati
  0x0b66, // Odia
  0x0be6, // Tamil
  0x0c66, // Telugu
  0x0ce6, // Kannada
  0x0d66, // Malayalam
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Urdu, Persian)
] as const;

const DIGIT_RE = new RegExp(
  `[${ZEROS.map((z) => `\\u${z.toString(16).padStart(4, '0')}-\\u${(z + 9).toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
);

function toAscii(ch: string): string {
  const code = ch.charCodeAt(0);
  for (const zero of ZEROS) {
    if (code >= zero && code <= zero + 9) return String.fromCharCode(0x30 + code - zero);
  }
  return ch;
}

/** "२.५ लाख" → "2.5 लाख", "۲۵۰۰۰" → "25000". Every other character is left as it is. */
export function normalizeDigits(text: string): string {
  return text.replace(DIGIT_RE, toAscii);
}
