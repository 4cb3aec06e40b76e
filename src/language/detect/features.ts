// Hashed character n-gram (1-5), whole-word and word-bigram features, shared by the detector and its training script.

/** Number of hash buckets is 2^bits; feature indices are in [0, 2^bits). */
export interface FeatureSink {
  idx: Int32Array;
  count: number;
}

export function makeSink(capacity = 4096): FeatureSink {
  return { idx: new Int32Array(capacity), count: 0 };
}

const MAX_N = 5;
const WORD_SEED = 0x9e3779b1;
const BIGRAM_SEED = 0x27d4eb2f;

function isLetter(code: number): boolean {
  // ASCII letters, Latin-1/Extended letters, Indic blocks and Arabic; marks count as letters inside words.
  if (code >= 97 && code <= 122) return true;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return true;
  if (code >= 0x0600 && code <= 0x06ff) return true;
  if (code >= 0x0900 && code <= 0x0d7f && !(code >= 0x0964 && code <= 0x096f)) return true;
  if (code >= 0x0370 && code <= 0x052f) return true;
  return false;
}

/** @handles and links name people and places on the web, not a language: they are left out. */
export function stripHandles(text: string): string {
  return text.replace(/(^|[\s(])@[\w.]+/gu, '$1 ').replace(/https?:\/\/\S+|www\.\S+/giu, ' ');
}

/** Lower-cases and squeezes letter runs longer than 2 ("sooooo" -> "soo"); other characters become word breaks. */
export function normalizeWords(text: string): string[] {
  const lower = stripHandles(text).toLowerCase();
  const words: string[] = [];
  let cur = '';
  let last = -1;
  let run = 0;
  for (const ch of lower) {
    const code = ch.codePointAt(0) ?? 0;
    if (isLetter(code) || code === 0x200c || code === 0x200d) {
      if (code === last) {
        run++;
        if (run > 2) continue;
      } else {
        run = 1;
        last = code;
      }
      cur += ch;
    } else {
      if (cur.length > 0) words.push(cur);
      cur = '';
      last = -1;
      run = 0;
    }
  }
  if (cur.length > 0) words.push(cur);
  return words;
}

/** Appends the hashed features of `words` to `sink`; returns the number added. */
export function extractFeatures(words: readonly string[], bits: number, sink: FeatureSink): number {
  const mask = (1 << bits) - 1;
  sink.count = 0;
  let prevWord = 0;
  for (const word of words) {
    const padded = ` ${word} `;
    const len = padded.length;
    if (sink.idx.length < sink.count + len * MAX_N + 3) {
      const grown = new Int32Array((sink.count + len * MAX_N + 3) * 2);
      grown.set(sink.idx.subarray(0, sink.count));
      sink.idx = grown;
    }
    let wh = WORD_SEED;
    for (let i = 0; i < len; i++) {
      const ci = padded.charCodeAt(i);
      wh = Math.imul(wh ^ ci, 0x01000193);
      let h = 0x811c9dc5;
      for (let n = 0; n < MAX_N && i + n < len; n++) {
        const c = padded.charCodeAt(i + n);
        h = Math.imul(h ^ c, 0x01000193);
        if (n === 0 && c === 32) continue;
        const mixed = Math.imul(h ^ (n + 1), 0x85ebca6b);
        sink.idx[sink.count++] = (mixed ^ (mixed >>> 15)) & mask;
      }
    }
    const wm = Math.imul(wh ^ (wh >>> 13), 0xc2b2ae35);
    sink.idx[sink.count++] = (wm ^ (wm >>> 16)) & mask;
    if (prevWord !== 0) {
      const bm = Math.imul((prevWord * 31) ^ wm ^ BIGRAM_SEED, 0x85ebca6b);
      sink.idx[sink.count++] = (bm ^ (bm >>> 13)) & mask;
    }
    prevWord = wm | 1;
  }
  return sink.count;
}
