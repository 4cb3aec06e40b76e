// Where the owner's business is: a PIN code, a place name (any script, misspelt) or a shared WhatsApp
// location, turned into a state (and a city when we know it). Data: content/places.json.
import { z } from 'zod';
import raw from '../../content/places.json' with { type: 'json' };
import { foldText, normalizeDigits } from '../language/numbers.js';
import { STATE_CODES, type StateCode } from './profile.js';

const stateCode = z.enum(STATE_CODES);
const dated = { source: z.string().min(1), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) };

export const placesSchema = z
  .object({
    ...dated,
    pinPrefixes: z.object({ ...dated, prefixes: z.record(z.string().regex(/^[1-8]\d{1,5}$/), stateCode) }),
    states: z.array(
      z.object({
        code: stateCode,
        name: z.string().min(1),
        aliases: z.array(z.string().min(1)),
        abbreviations: z.array(z.string().min(2)).optional(),
      }),
    ),
    cities: z.array(
      z.object({
        name: z.string().min(1),
        state: stateCode,
        lat: z.number().min(6).max(37.5),
        lng: z.number().min(68).max(97.5),
        aliases: z.array(z.string().min(1)),
        /** names that are also everyday words (गया "went", sagar, mandi): only a whole answer counts */
        strict: z.array(z.string().min(1)).optional(),
      }),
    ),
  })
  .strict();

const PLACES = placesSchema.parse(raw);

// ---------- PIN codes ----------

const PIN_RE = /(?<![\d.,])([1-9]\d{2})[ \u00a0]?(\d{3})(?!\d|[.,]\d)/g;

function stateOfPin(pin: string): StateCode | undefined {
  for (let len = 6; len >= 2; len--) {
    const state = PLACES.pinPrefixes.prefixes[pin.slice(0, len)];
    if (state !== undefined) return state;
  }
  return undefined;
}

/** The first 6-digit Indian PIN in the text ("226001", "110 001", "४११००१") and its state, from the
 * India Post prefix table. Army Post Office PINs (9…) and unknown prefixes give undefined. */
export function parsePin(text: string): { pin: string; state: StateCode } | undefined {
  for (const match of normalizeDigits(text).matchAll(PIN_RE)) {
    const pin = `${match[1] ?? ''}${match[2] ?? ''}`;
    const state = stateOfPin(pin);
    if (state !== undefined) return { pin, state };
  }
  return undefined;
}

// ---------- place names ----------

interface Entry {
  readonly state: StateCode;
  /** English city name; undefined for a state name */
  readonly city?: string;
  /** the alias as written in the data, to echo back a place the user named */
  readonly alias: string;
  readonly strict: boolean;
}

interface Hit {
  readonly entry: Entry;
  readonly pos: number;
  readonly len: number;
  /** 0 exact, 1 native stem with a case ending, 2 one typo */
  readonly quality: number;
}

const WORD_RE = /[\p{L}\p{M}]+/gu;
const words = (folded: string): string[] => folded.match(WORD_RE) ?? [];
const keyOf = (alias: string): string => words(foldText(alias)).join('');
const isLatin = (key: string): boolean => /^[a-z]/.test(key);

const MAX_WORDS = 4;
const FUZZY_MIN = 5;
const SUBSTITUTION_MIN = 6;
const STEM_MIN = 3;
/** Everyday words one typo away from a place name (prayog ~ Prayag, amhala ~ Ambala, andha ~ Andhra). */
const NEVER_FUZZY = new Set(['prayog', 'amhala', 'aamhala', 'andha', 'andhera', 'thanne', 'bhalai']);
/** Words that may stand beside a strict name or a lower-case abbreviation ("gaya se", "up se"). */
// prettier-ignore
const FILLER = new Set(
  ['se', 'from', 'in', 'mein', 'me', 'city', 'shahar', 'sheher', 'shehar', 'zila', 'jila', 'district',
    'dist', 'near', 'state', 'से', 'में', 'शहर', 'जिला', 'ज़िला'].map(foldText),
);

const exact = new Map<string, Entry[]>();
/** keys of names written as several words ("tamil nadu"): only these may be read across words */
const multiWord = new Set<string>();
const stems = new Map<string, string>();
const deletions = new Map<string, string[]>();
const abbreviations: { re: RegExp; key: string; state: StateCode }[] = [];

function deletionsOf(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

function add(alias: string, entry: Omit<Entry, 'alias'>): void {
  const key = keyOf(alias);
  if (key === '') return;
  if (words(foldText(alias)).length > 1) multiWord.add(key);
  const list = exact.get(key) ?? [];
  list.push({ ...entry, alias });
  exact.set(key, list);
  if (entry.strict) return;
  if (!isLatin(key)) {
    if (key.length >= STEM_MIN) stems.set(key, key);
    const bare = key.replace(/\p{M}$/u, '');
    if (bare !== key && bare.length > STEM_MIN) stems.set(bare, key);
  }
  if (key.length >= FUZZY_MIN) {
    for (const d of deletionsOf(key)) deletions.set(d, [...(deletions.get(d) ?? []), key]);
  }
}

for (const s of PLACES.states) {
  for (const alias of [s.name, ...s.aliases]) add(alias, { state: s.code, strict: false });
  for (const abbr of s.abbreviations ?? []) {
    const body = [...abbr].map((ch) => (/[A-Z&]/.test(ch) ? ch : `\\${ch}`)).join('\\.?');
    const re = new RegExp(`(?<![\\p{L}\\p{M}\\d])${body}\\.?(?![\\p{L}\\p{M}\\d])`, 'u');
    abbreviations.push({ re, key: keyOf(abbr), state: s.code });
  }
}
for (const c of PLACES.cities) {
  const strict = new Set((c.strict ?? []).map(keyOf));
  for (const alias of [c.name, ...c.aliases]) {
    if (!strict.has(keyOf(alias))) add(alias, { state: c.state, city: c.name, strict: false });
  }
  for (const alias of c.strict ?? []) add(alias, { state: c.state, city: c.name, strict: true });
}

/** One typo (optimal string alignment distance 1) that spares the first and last letter. A changed
 * letter only counts in names of 6+ letters: in five-letter words it mostly turns one everyday word into
 * another (bahar ~ Bihar, dekhi ~ Delhi, kabhi ~ Kashi). */
function oneTypo(a: string, b: string): boolean {
  if (a === b || a[0] !== b[0] || a.at(-1) !== b.at(-1) || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return a.length >= SUBSTITUTION_MIN;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function fuzzyKeys(q: string): string[] {
  if (q.length < FUZZY_MIN || NEVER_FUZZY.has(q)) return [];
  const found = new Set<string>(deletions.get(q) ?? []);
  for (const d of deletionsOf(q)) {
    if (d.length >= FUZZY_MIN && exact.has(d)) found.add(d);
    for (const k of deletions.get(d) ?? []) found.add(k);
  }
  return [...found].filter((k) => oneTypo(q, k));
}

function collectHits(ws: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const push = (key: string, pos: number, len: number, quality: number): void => {
    for (const entry of exact.get(key) ?? []) {
      if (quality === 0 || !entry.strict) hits.push({ entry, pos, len, quality });
    }
  };
  for (let i = 0; i < ws.length; i++) {
    for (let n = Math.min(MAX_WORDS, ws.length - i); n >= 1; n--) {
      const key = ws.slice(i, i + n).join('');
      if (n === 1 || multiWord.has(key)) push(key, i, n, 0);
    }
    const word = ws[i] ?? '';
    if (!isLatin(word)) {
      for (let len = word.length - 1; len >= STEM_MIN; len--) {
        const key = stems.get(word.slice(0, len));
        if (key !== undefined) {
          push(key, i, 1, 1);
          break;
        }
      }
    }
    for (let n = 1; n <= Math.min(2, ws.length - i); n++) {
      for (const key of fuzzyKeys(ws.slice(i, i + n).join('')))
        if (n === 1 || multiWord.has(key)) push(key, i, n, 2);
    }
  }
  return hits;
}

const better = (a: Hit, b: Hit): boolean =>
  a.quality !== b.quality ? a.quality < b.quality : a.pos !== b.pos ? a.pos < b.pos : a.len > b.len;

function best(hits: readonly Hit[]): Hit | undefined {
  let top: Hit | undefined;
  for (const h of hits) if (top === undefined || better(h, top)) top = h;
  return top;
}

/** Everything except the hit is filler: the answer is just the place ("Gaya", "up se"). */
function standsAlone(ws: readonly string[], hit: Hit, stateKeys: ReadonlySet<number>): boolean {
  return ws.every((w, i) => (i >= hit.pos && i < hit.pos + hit.len) || FILLER.has(w) || stateKeys.has(i));
}

const titleCase = (s: string): string => s.replace(/(^|\s)\p{Ll}/gu, (m) => m.toUpperCase());

/**
 * The state (and city) a free-text answer names: state names and abbreviations ("UP", "Tamil Nadu",
 * "tamilnadu", "उत्तर प्रदेश", "পশ্চিমবঙ্গ"), ~200 cities in English, old names and native scripts
 * ("Bombay", "bangalore", "लखनऊ", "மதுரையில்", "কলকাতা"), one typo allowed in names of 5+ letters.
 * A city wins over a bare state; if the user names a city and a different state ("Bilaspur, Himachal"),
 * the state they named wins and the city is kept as `place`.
 */
export function parsePlace(text: string): { state: StateCode; place?: string } | undefined {
  const ws = words(foldText(text));
  const hits = collectHits(ws);
  const cityKeys = new Set(hits.filter((h) => h.entry.city !== undefined).map((h) => `${h.pos}:${h.len}`));
  const stateHits = hits.filter((h) => h.entry.city === undefined && !cityKeys.has(`${h.pos}:${h.len}`));
  const stateWords = new Set(stateHits.flatMap((h) => Array.from({ length: h.len }, (_, k) => h.pos + k)));

  for (const { re, key, state } of abbreviations) {
    const pos = ws.indexOf(key);
    const hit: Hit = {
      entry: { state, alias: key, strict: true },
      pos: Math.max(pos, 0),
      len: 1,
      quality: 0,
    };
    if (re.test(text) || (pos >= 0 && standsAlone(ws, hit, stateWords))) stateHits.push(hit);
  }
  const inside = (h: Hit): boolean =>
    stateHits.some(
      (s) => s.len > h.len && s.quality <= h.quality && s.pos <= h.pos && h.pos + h.len <= s.pos + s.len,
    );
  const cityHits = hits.filter(
    (h) => h.entry.city !== undefined && !inside(h) && (!h.entry.strict || standsAlone(ws, h, stateWords)),
  );
  const state = best(stateHits);
  const city =
    best(cityHits.filter((h) => state === undefined || h.entry.state === state.entry.state)) ??
    best(cityHits);
  if (city?.entry.city !== undefined) {
    if (state === undefined || state.entry.state === city.entry.state || state.quality > city.quality) {
      return { state: city.entry.state, place: city.entry.city };
    }
    return { state: state.entry.state, place: titleCase(city.entry.alias) };
  }
  return state === undefined ? undefined : { state: state.entry.state };
}

// ---------- shared location ----------

const EARTH_KM = 6371;
const NEAR_KM = 150;
const rad = (deg: number): number => (deg * Math.PI) / 180;

function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** State of the nearest listed city within ~150 km of a shared location; undefined farther away. */
export function stateFromLocation(lat: number, lng: number): StateCode | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return undefined;
  let nearest: { state: StateCode; km: number } | undefined;
  for (const c of PLACES.cities) {
    const km = distanceKm(lat, lng, c.lat, c.lng);
    if (km <= NEAR_KM && (nearest === undefined || km < nearest.km)) nearest = { state: c.state, km };
  }
  return nearest?.state;
}

const NAMES = new Map(PLACES.states.map((s) => [s.code, s.name]));

/** English name of a state or union territory: "UP" → "Uttar Pradesh". */
export function stateName(code: StateCode): string {
  return NAMES.get(code) ?? code;
}
