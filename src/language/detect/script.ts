// Counts letters per Unicode script to tell native-script text from Latin text.
import type { Script } from '../langs.js';

export type ScriptCounts = Partial<Record<Script | 'Other', number>>;

const RANGES: ReadonlyArray<readonly [number, number, Script]> = [
  [0x0900, 0x097f, 'Deva'],
  [0x0980, 0x09ff, 'Beng'],
  [0x0a00, 0x0a7f, 'Guru'],
  [0x0a80, 0x0aff, 'Gujr'],
  [0x0b00, 0x0b7f, 'Orya'],
  [0x0b80, 0x0bff, 'Taml'],
  [0x0c00, 0x0c7f, 'Telu'],
  [0x0c80, 0x0cff, 'Knda'],
  [0x0d00, 0x0d7f, 'Mlym'],
  [0x0600, 0x06ff, 'Arab'],
  [0x0750, 0x077f, 'Arab'],
  [0xfb50, 0xfdff, 'Arab'],
  [0xfe70, 0xfeff, 'Arab'],
];

function scriptOf(code: number): Script | 'Other' | null {
  if (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  )
    return 'Latn';
  if (code < 0x370) return null;
  for (const [lo, hi, s] of RANGES) if (code >= lo && code <= hi) return s;
  // Indic digits and dandas, punctuation, symbols and emoji carry no script.
  if (code >= 0x2000 && code <= 0x2bff) return null;
  if (code >= 0x1f000) return null;
  if (code >= 0xfe00 && code <= 0xfe0f) return null;
  if (code === 0x200c || code === 0x200d) return null;
  // Other letters (Cyrillic, Greek, CJK, Thai, ...) count as a foreign script.
  return /\p{L}/u.test(String.fromCodePoint(code)) ? 'Other' : null;
}

/** Letter counts per script, ignoring digits, punctuation, symbols and emoji. */
export function countScripts(text: string): {
  counts: ScriptCounts;
  letters: number;
  top: Script | 'Other' | null;
} {
  const counts: ScriptCounts = {};
  let letters = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x0964 && code <= 0x096f) continue;
    const s = scriptOf(code);
    if (s === null) continue;
    counts[s] = (counts[s] ?? 0) + 1;
    letters++;
  }
  let top: Script | 'Other' | null = null;
  let best = 0;
  for (const [s, n] of Object.entries(counts) as Array<[Script | 'Other', number]>) {
    // Native scripts win ties and near-ties against Latin: "मुझे loan चाहिए" is Hindi.
    const weight = s === 'Latn' ? n * 0.5 : n;
    if (weight > best) {
      best = weight;
      top = s;
    }
  }
  return { counts, letters, top };
}
