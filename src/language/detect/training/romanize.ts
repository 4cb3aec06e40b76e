// Romanizes Brahmic-script text the way Indians type on phones, with random spelling variants (training data only).
import type { Lang } from '../../langs.js';

/** Deterministic random source: returns a float in [0, 1). */
export type Rng = () => number;

export function makeRng(seed: number): Rng {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const BLOCK_BASE: Readonly<Record<string, number>> = {
  hi: 0x0900,
  mr: 0x0900,
  bn: 0x0980,
  pa: 0x0a00,
  gu: 0x0a80,
  or: 0x0b00,
  ta: 0x0b80,
  te: 0x0c00,
  kn: 0x0c80,
  ml: 0x0d00,
};

// Consonants by offset from the block base (Devanagari layout), as [plain spelling, alternatives...].
const CONS: Readonly<Record<number, readonly string[]>> = {
  0x15: ['k'],
  0x16: ['kh'],
  0x17: ['g'],
  0x18: ['gh'],
  0x19: ['ng', 'n'],
  0x1a: ['ch', 'c'],
  0x1b: ['chh', 'ch'],
  0x1c: ['j'],
  0x1d: ['jh'],
  0x1e: ['ny', 'n'],
  0x1f: ['t'],
  0x20: ['th'],
  0x21: ['d'],
  0x22: ['dh'],
  0x23: ['n'],
  0x24: ['t', 'th'],
  0x25: ['th'],
  0x26: ['d'],
  0x27: ['dh'],
  0x28: ['n'],
  0x29: ['n'],
  0x2a: ['p'],
  0x2b: ['ph', 'f'],
  0x2c: ['b'],
  0x2d: ['bh'],
  0x2e: ['m'],
  0x2f: ['y'],
  0x30: ['r'],
  0x31: ['r', 'rr'],
  0x32: ['l'],
  0x33: ['l', 'll'],
  0x34: ['zh', 'l'],
  0x35: ['v', 'w'],
  0x36: ['sh', 's'],
  0x37: ['sh', 's'],
  0x38: ['s'],
  0x39: ['h'],
  0x58: ['q', 'k'],
  0x59: ['kh'],
  0x5a: ['gh', 'g'],
  0x5b: ['z', 'j'],
  0x5c: ['r', 'd'],
  0x5d: ['rh', 'dh'],
  0x5e: ['f', 'ph'],
  0x5f: ['y'],
};
// Nukta applied to a consonant offset gives another consonant offset.
const NUKTA: Readonly<Record<number, number>> = {
  0x15: 0x58,
  0x16: 0x59,
  0x17: 0x5a,
  0x1c: 0x5b,
  0x21: 0x5c,
  0x22: 0x5d,
  0x2b: 0x5e,
  0x2f: 0x5f,
  0x38: 0x5b,
};
// Independent vowels and vowel signs, as vowel keys.
const IND_VOWEL: Readonly<Record<number, string>> = {
  0x05: 'a',
  0x06: 'aa',
  0x07: 'i',
  0x08: 'ii',
  0x09: 'u',
  0x0a: 'uu',
  0x0b: 'ri',
  0x0d: 'e',
  0x0e: 'e',
  0x0f: 'ee',
  0x10: 'ai',
  0x11: 'o',
  0x12: 'o',
  0x13: 'oo',
  0x14: 'au',
  0x60: 'ri',
};
const SIGN_VOWEL: Readonly<Record<number, string>> = {
  0x3e: 'aa',
  0x3f: 'i',
  0x40: 'ii',
  0x41: 'u',
  0x42: 'uu',
  0x43: 'ri',
  0x44: 'ri',
  0x45: 'e',
  0x46: 'e',
  0x47: 'ee',
  0x48: 'ai',
  0x49: 'o',
  0x4a: 'o',
  0x4b: 'oo',
  0x4c: 'au',
  0x57: 'au',
  0x62: 'li',
  0x63: 'li',
};
const DRAVIDIAN = new Set(['ta', 'te', 'kn', 'ml']);
const MALAYALAM_CHILLU: Readonly<Record<number, string>> = {
  0x0d7a: 'n',
  0x0d7b: 'n',
  0x0d7c: 'r',
  0x0d7d: 'l',
  0x0d7e: 'l',
  0x0d7f: 'k',
};

interface Syl {
  cons: number[];
  vowel: string | null /* null = virama, 'A' = inherent */;
  nasal: boolean;
  candra?: boolean;
  lit?: string;
}

function pick<T>(rng: Rng, xs: readonly T[], pFirst = 0.7): T {
  if (xs.length === 1 || rng() < pFirst) return xs[0] as T;
  return xs[1 + Math.floor(rng() * (xs.length - 1))] as T;
}

function parseWord(word: string, base: number): Syl[] {
  const out: Syl[] = [];
  let cur: Syl | null = null;
  let pendingGem = false;
  for (const ch of word) {
    const cp = ch.codePointAt(0) ?? 0;
    const chillu = MALAYALAM_CHILLU[cp];
    if (chillu !== undefined) {
      out.push({ cons: [], vowel: '', nasal: false, lit: chillu });
      cur = null;
      continue;
    }
    if (cp === 0x09ce) {
      out.push({ cons: [], vowel: '', nasal: false, lit: 't' });
      cur = null;
      continue;
    }
    const off = cp - base;
    if (off < 0 || off > 0x7f) {
      out.push({ cons: [], vowel: '', nasal: false, lit: ch });
      cur = null;
      continue;
    }
    if (CONS[off] !== undefined) {
      if (cur !== null && cur.vowel === null) {
        cur.cons.push(off);
        cur.vowel = 'A';
      } else {
        cur = { cons: pendingGem ? [off, off] : [off], vowel: 'A', nasal: false };
        out.push(cur);
      }
      pendingGem = false;
    } else if (off === 0x3c && cur !== null) {
      const last = cur.cons[cur.cons.length - 1];
      const mapped = last === undefined ? undefined : NUKTA[last];
      if (mapped !== undefined) cur.cons[cur.cons.length - 1] = mapped;
    } else if (off === 0x4d) {
      if (cur !== null) cur.vowel = null;
    } else if (SIGN_VOWEL[off] !== undefined && cur !== null) {
      cur.vowel = SIGN_VOWEL[off] ?? 'A';
    } else if (IND_VOWEL[off] !== undefined) {
      cur = { cons: [], vowel: IND_VOWEL[off] ?? 'a', nasal: false };
      out.push(cur);
    } else if (off === 0x01 || off === 0x02 || off === 0x70) {
      if (cur !== null) {
        cur.nasal = true;
        cur.candra = off === 0x01;
      }
    } else if (off === 0x03) {
      out.push({ cons: [], vowel: '', nasal: false, lit: 'h' });
      cur = null;
    } else if (off === 0x71) {
      pendingGem = true;
      cur = null;
    } else if (off === 0x72 || off === 0x73) {
      cur = { cons: [], vowel: off === 0x72 ? 'i' : 'u', nasal: false };
      out.push(cur); // Gurmukhi vowel bearers, refined by signs
    } else if (off >= 0x66 && off <= 0x6f) {
      out.push({ cons: [], vowel: '', nasal: false, lit: String(off - 0x66) });
      cur = null;
    }
  }
  return out;
}

/** Hindi-style schwa deletion: final schwa, and medial schwa in V C _ C V. */
function deleteSchwas(syls: Syl[], lang: Lang): void {
  const n = syls.length;
  for (let i = n - 1; i >= 0; i--) {
    const s = syls[i];
    if (s === undefined || s.vowel !== 'A' || s.cons.length === 0) continue;
    const isLast = i === n - 1 || syls.slice(i + 1).every((x) => x.lit !== undefined);
    if (isLast) {
      if (n > 1 && s.cons.length === 1 && !(lang === 'or')) s.vowel = 'X';
      continue;
    }
    const prev = syls[i - 1];
    const next = syls[i + 1];
    if (
      i >= 1 &&
      prev !== undefined &&
      prev.vowel !== 'X' &&
      prev.vowel !== null &&
      s.cons.length === 1 &&
      next !== undefined &&
      next.cons.length > 0 &&
      next.vowel !== null &&
      next.vowel !== 'X' &&
      i + 1 < n - 0
    ) {
      if (lang === 'bn' || lang === 'or') continue;
      if (i + 1 === n - 1 && next.vowel === 'A') continue;
      s.vowel = 'X';
    }
  }
}

function vowelText(v: string, lang: Lang, rng: Rng, final: boolean): string {
  const drav = DRAVIDIAN.has(lang);
  switch (v) {
    case 'A':
      return lang === 'bn' ? pick(rng, ['o', 'a'], 0.55) : 'a';
    case 'X':
      return '';
    case 'a':
      return 'a';
    case 'aa':
      return final ? pick(rng, ['a', 'aa'], 0.75) : pick(rng, ['a', 'aa'], 0.6);
    case 'i':
      return 'i';
    case 'ii':
      return final ? pick(rng, ['i', 'ee'], 0.75) : pick(rng, ['ee', 'i'], 0.5);
    case 'u':
      return 'u';
    case 'uu':
      return pick(rng, ['oo', 'u'], 0.5);
    case 'ri':
      return drav || lang === 'or' ? pick(rng, ['ru', 'ri'], 0.6) : pick(rng, ['ri', 'ru'], 0.85);
    case 'e':
      return 'e';
    case 'ee':
      return drav
        ? pick(rng, ['e', 'ee'], 0.65)
        : final && (lang === 'hi' || lang === 'pa')
          ? pick(rng, ['e', 'ey', 'y', 'ay'], 0.75)
          : pick(rng, ['e', 'a'], 0.9);
    case 'ai':
      return lang === 'bn' || lang === 'or'
        ? pick(rng, ['oi', 'ai'], 0.6)
        : pick(rng, ['ai', 'ae', 'e', 'ei'], 0.6);
    case 'o':
      return 'o';
    case 'oo':
      return drav ? pick(rng, ['o', 'oo'], 0.75) : 'o';
    case 'au':
      return lang === 'bn' || lang === 'or'
        ? pick(rng, ['ou', 'au'], 0.6)
        : pick(rng, ['au', 'ou', 'o'], 0.6);
    default:
      return v;
  }
}

function consText(
  off: number,
  lang: Lang,
  rng: Rng,
  pos: { initial: boolean; intervocalic: boolean; afterNasal: boolean },
): string {
  const base = CONS[off] ?? [''];
  if (lang === 'bn' || lang === 'or') {
    if (off === 0x2f) return pos.initial ? 'j' : pick(rng, ['y', 'j', ''], 0.5);
    if (off === 0x35) return 'b';
    if (lang === 'bn' && (off === 0x36 || off === 0x37 || off === 0x38)) return pick(rng, ['sh', 's'], 0.6);
  }
  if (lang === 'ta') {
    const soft = pos.intervocalic || pos.afterNasal;
    if (off === 0x15) return soft ? pick(rng, ['g', 'k', 'h'], 0.6) : 'k';
    if (off === 0x1a)
      return pos.initial ? pick(rng, ['s', 'ch'], 0.6) : soft ? pick(rng, ['s', 'ch'], 0.6) : 'ch';
    if (off === 0x1f) return soft ? pick(rng, ['d', 't'], 0.7) : 't';
    if (off === 0x24) return soft ? pick(rng, ['dh', 'th', 'd'], 0.5) : pick(rng, ['th', 't'], 0.7);
    if (off === 0x2a) return soft ? pick(rng, ['b', 'p'], 0.5) : 'p';
    if (off === 0x31) return pick(rng, ['r', 'tr', 'rr'], 0.7);
    if (off === 0x34) return pick(rng, ['zh', 'l', 'z'], 0.55);
  }
  if ((lang === 'te' || lang === 'kn' || lang === 'ml') && off === 0x24) return pick(rng, ['th', 't'], 0.6);
  if ((lang === 'ml' || lang === 'ta') && off === 0x1e) return pick(rng, ['nj', 'ny', 'n'], 0.7);
  if ((lang === 'ml' || lang === 'kn' || lang === 'te') && off === 0x1f && pos.intervocalic)
    return pick(rng, ['d', 't'], 0.6);
  if (lang === 'ml' && off === 0x34) return pick(rng, ['zh', 'l', 'z'], 0.6);
  if (lang === 'ml' && off === 0x31) return pick(rng, ['r', 'tt'], 0.8);
  if ((lang === 'hi' || lang === 'mr' || lang === 'pa' || lang === 'gu') && off === 0x35)
    return pick(rng, ['v', 'w'], 0.55);
  if ((lang === 'hi' || lang === 'mr') && (off === 0x36 || off === 0x37)) return pick(rng, ['sh', 's'], 0.75);
  return pick(rng, base, 0.8);
}

function romanizeWord(word: string, lang: Lang, rng: Rng): string {
  const base = BLOCK_BASE[lang];
  if (base === undefined) return word;
  const syls = parseWord(word, base);
  if (!DRAVIDIAN.has(lang)) deleteSchwas(syls, lang);
  let lastReal = -1;
  syls.forEach((s, i) => {
    if (s.lit === undefined || /[a-z]/.test(s.lit)) lastReal = i;
  });
  if (lang === 'mr' || lang === 'gu') {
    const last = syls[lastReal];
    if (last !== undefined && last.nasal && last.vowel === 'X') {
      last.vowel = 'A';
      last.nasal = rng() < 0.2;
    }
  }
  if (lang === 'or') {
    const last = syls[lastReal];
    if (last !== undefined && last.vowel === 'A' && last.cons.length === 1 && lastReal > 0 && rng() < 0.55)
      last.vowel = 'X';
  }
  let out = '';
  syls.forEach((s, i) => {
    if (s.lit !== undefined) {
      out += s.lit;
      return;
    }
    const prevVowel = out.length > 0 && /[aeiou]$/.test(out);
    s.cons.forEach((c, j) => {
      const prevC = j > 0 ? s.cons[j - 1] : undefined;
      if (prevC !== undefined && (lang === 'bn' || lang === 'or') && c === 0x2f) {
        out +=
          i === 0
            ? 'y'
            : consText(prevC, lang, rng, { initial: false, intervocalic: false, afterNasal: false }).charAt(
                0,
              );
        return;
      }
      if (lang === 'ml' && prevC === 0x28 && c === 0x31) {
        out += pick(rng, ['t', 'd'], 0.8);
        return;
      }
      if (prevC === c && j === 1) {
        const full = consText(c, lang, rng, { initial: false, intervocalic: false, afterNasal: false });
        if (rng() < 0.35) return;
        out = out.slice(0, out.length - full.length) + full.charAt(0) + full;
        return;
      }
      const prevNasal =
        j > 0
          ? s.cons[j - 1] === 0x28 || s.cons[j - 1] === 0x23 || s.cons[j - 1] === 0x2e
          : /n$|m$/.test(out);
      out += consText(c, lang, rng, {
        initial: out.length === 0 && j === 0,
        intervocalic:
          j === 0 && prevVowel && (s.cons.length === 1 || s.cons[1] === 0x2f || s.cons[1] === 0x30),
        afterNasal: prevNasal,
      });
    });
    const final = i >= lastReal;
    let v: string;
    if (s.vowel === null) {
      v = lang === 'ml' && final ? pick(rng, ['u', ''], 0.7) : '';
    } else v = vowelText(s.vowel, lang, rng, final);
    out += v;
    if (s.nasal) {
      const next = syls[i + 1];
      const nc = next?.cons[0];
      const labial = nc === 0x2a || nc === 0x2b || nc === 0x2c || nc === 0x2d || nc === 0x2e;
      if (s.candra === true) out += pick(rng, ['', 'n'], 0.6);
      else if (final || next === undefined)
        out +=
          DRAVIDIAN.has(lang) || lang === 'bn'
            ? 'm'
            : lang === 'or'
              ? pick(rng, ['n', 'm'], 0.5)
              : pick(rng, ['n', ''], 0.6);
      else out += labial ? 'm' : 'n';
    }
  });
  return out;
}

// Everyday spellings of frequent Hindi words, which letter-by-letter rules get wrong ("में" is typed "mein", "me", "main").
const HINDI_WORDS: Readonly<Record<string, readonly string[]>> = {
  में: ['mein', 'me', 'main', 'men', 'mai', 'mei'],
  हैं: ['hain', 'hai', 'hein', 'he', 'hn'],
  है: ['hai', 'he', 'h', 'hei', 'hay'],
  नहीं: ['nahi', 'nahin', 'nhi', 'nai', 'nahee'],
  भी: ['bhi', 'bhee', 'b'],
  क्या: ['kya', 'kyaa', 'kia'],
  यह: ['yeh', 'ye', 'yah', 'yha'],
  वह: ['woh', 'wo', 'vah', 'vo'],
  और: ['aur', 'or', 'aor'],
  मैं: ['main', 'mai', 'mein', 'me'],
  के: ['ke', 'k', 'ka'],
  की: ['ki', 'kee', 'ki'],
  कि: ['ki', 'ke', 'k'],
  से: ['se', 'say', 'sey'],
  पर: ['par', 'pe', 'pr'],
  तो: ['to', 'toh', 'tho'],
  हूँ: ['hoon', 'hun', 'hu', 'hu'],
  हूं: ['hoon', 'hun', 'hu'],
  कर: ['kar', 'kr', 'ker'],
  ये: ['ye', 'yeh'],
  वो: ['wo', 'woh', 'vo'],
};

/** Romanizes one line of native-script text written in `lang`. Non-Brahmic characters pass through. */
export function romanize(text: string, lang: Lang, rng: Rng): string {
  return text
    .split(/(\s+)/)
    .map((w) => {
      if (/\s/.test(w)) return w;
      const common = lang === 'hi' ? HINDI_WORDS[w] : undefined;
      return common !== undefined ? pick(rng, common, 0.55) : romanizeWord(w, lang, rng);
    })
    .join('')
    .replace(/[।॥]/g, '.');
}

/** Chat-style noise: drop medial vowels, shorten doubled letters, lowercase or capitalise. */
export function chatNoise(text: string, rng: Rng): string {
  let t = text;
  if (rng() < 0.25)
    t = t.replace(/\b(\w)(\w+)(\w)\b/g, (m, a: string, mid: string, z: string) =>
      m.length > 3 && rng() < 0.35 ? a + mid.replace(/[aeiou]/g, (v) => (rng() < 0.5 ? '' : v)) + z : m,
    );
  if (rng() < 0.3) t = t.replace(/([aeiou])\1/g, '$1');
  if (rng() < 0.08) t = t.toUpperCase();
  else if (rng() < 0.3) t = t.charAt(0).toUpperCase() + t.slice(1);
  if (rng() < 0.15) t = t.replace(/([aeiou])\b/g, (m) => (rng() < 0.3 ? m.repeat(3) : m));
  return t;
}
