// Deterministic synthetic owners (seeding, load tests, the ranker's statistics): a population drawn from
// DOMAIN.md's "Who the owners are", each owner a pure function of (seed, index), valid by profileSchema.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import kindsRaw from '../../content/business-kinds.json' with { type: 'json' };
import placesRaw from '../../content/places.json' with { type: 'json' };
import type { Lang } from '../language/langs.js';
import { parsePin, placesSchema } from './places.js';
import { SECTORS, type Need, type Profile, type Sector, type StateCode } from './profile.js';
import type { ProfileRecord } from './store.js';

// ---------- distributions ----------
// Source: /work/shared/DOMAIN.md "Who the owners are" (NSS 73rd round 2015-16; Udyam). Values marked
// ASSUMED are ours, chosen to be plausible, and are not facts to show anyone.
const LAKH = 100_000;
// prettier-ignore
export const DISTRIBUTION = {
  sector: { trade: 0.36, services: 0.33, manufacturing: 0.31 },
  rural: 0.51,
  /** women-owned proprietorships; spread over kinds by FEMALE_AFFINITY, same overall share */
  female: 0.2,
  /** ASSUMED: a few owners answer "other" */
  otherGender: 0.002,
  /** SC, ST, OBC from DOMAIN.md; the remaining 33.7% split general 25.7 / minority 8.0 (ASSUMED) */
  socialCategory: { sc: 0.125, st: 0.041, obc: 0.497, general: 0.257, minority: 0.08 },
  /** percent; UP..AP from DOMAIN.md (60%); the other 40% ASSUMED, roughly by population and Udyam counts */
  state: {
    UP: 14, WB: 14, TN: 8, MH: 8, KA: 6, BR: 5, AP: 5,
    GJ: 5, RJ: 4, MP: 4, TG: 4, OR: 4, KL: 4, JH: 2.5, AS: 2.5, PB: 2, HR: 2, DL: 1.4, CT: 1.44,
    UT: 0.7, JK: 0.7, HP: 0.5, GA: 0.2, TR: 0.2, MN: 0.2, ML: 0.1, NL: 0.1, CH: 0.1, PY: 0.1,
    AR: 0.05, MZ: 0.05, SK: 0.05, DH: 0.05, AN: 0.03, LA: 0.02, LD: 0.01,
  } satisfies Record<StateCode, number>,
  /** ASSUMED: no rural owners here; other states get a higher rural share so the total stays 51% */
  urbanOnly: ['DL', 'CH'] as readonly StateCode[],
  /** ASSUMED: languages of a state by rank (LANGS_OF_STATE); English instead, urban / rural */
  langRank: [0.85, 0.09, 0.04, 0.01, 0.01],
  english: { urban: 0.06, rural: 0.02 },
  /**
   * Monthly sales, log-normal: Φ((ln 8.33 lakh − ln 1.8 lakh) / 1.54) = 84% of trading owners at ≤ ₹1 crore
   * a year; with the 6% not yet trading (₹0) that is ~85% of all (DOMAIN.md); 0.6% above the micro
   * ceiling of ₹10 crore (micro > 99%). Median ₹1.8 lakh ASSUMED (the lowest that keeps both).
   */
  sales: { median: 1.8 * LAKH, sigma: 1.54 },
  /** ASSUMED need shares by sector; start_new (6%) owners have not started: 0 years, ₹0 sales */
  need: {
    trade: { working_capital: 0.45, expand: 0.2, machinery: 0.04, digital: 0.1, learn: 0.15, start_new: 0.06 },
    services: { working_capital: 0.36, expand: 0.18, machinery: 0.12, digital: 0.1, learn: 0.18, start_new: 0.06 },
    manufacturing: { working_capital: 0.34, expand: 0.16, machinery: 0.26, digital: 0.05, learn: 0.13, start_new: 0.06 },
  } satisfies Record<Sector, Record<Need, number>>,
  /** ASSUMED: GST is compulsory above ₹40 lakh (goods) / ₹20 lakh (services) a year (DOMAIN.md tips) */
  gst: { goodsThreshold: 40 * LAKH, servicesThreshold: 20 * LAKH, above: 0.9, below: 0.08 },
  /** ASSUMED Udyam rates by annual turnover ceiling; GST-registered firms 80%; not yet trading 5% */
  udyam: [[10 * LAKH, 0.3], [40 * LAKH, 0.5], [150 * LAKH, 0.7], [Infinity, 0.85]] as const,
  udyamWithGst: 0.8,
  /** ASSUMED */
  digitalPayments: { urban: 0.8, rural: 0.6 },
  /** ASSUMED: running loan by Udyam status (not yet trading 3%); past loan; on time; repaid Tarun */
  loan: { withUdyam: 0.25, withoutUdyam: 0.15, pastLoan: 0.15, onTime: 0.88, tarun: 0.1, tarunMinSales: 2 * LAKH },
  /** ASSUMED: years in business ~ exponential with this mean */
  meanYears: 9,
  marketingConsent: 0.7,
} as const;

/** Relative weight of a kind inside its sector (ASSUMED; unlisted kinds 1). */
// prettier-ignore
const KIND_WEIGHT: Readonly<Record<string, number>> = {
  kirana: 10, street_vendor: 6, vegetable_fruit_seller: 6, clothing_shop: 5, pan_shop: 4, dairy: 3,
  mobile_shop: 3, medical_store: 3, hardware_shop: 3, tailor: 6, tea_stall: 6, barber: 4, beauty_parlour: 4,
  restaurant: 4, auto_repair: 4, transport_taxi: 4, mason: 3, mobile_repair: 3, garment_manufacturing: 4,
  textile_weaving: 3, handloom: 3, embroidery: 3, furniture: 3, carpenter: 3, bakery: 2, food_processing: 2,
  papad_pickle_making: 2, flour_mill: 2, poultry: 2, welding_fabrication: 2, agarbatti_making: 2, goldsmith: 2,
};
/** How much likelier than average a kind is to be run by a woman (ASSUMED; unlisted kinds 1). */
// prettier-ignore
const FEMALE_AFFINITY: Readonly<Record<string, number>> = {
  beauty_parlour: 4, tailor: 2.5, embroidery: 3, papad_pickle_making: 3, agarbatti_making: 2.5, handloom: 2,
  garland_maker: 2, coaching_tuition: 2, basket_weaver: 1.5, garment_manufacturing: 1.5, catering: 1.5,
  cosmetics_shop: 1.5, mason: 0.1, transport_taxi: 0.1, goods_transport: 0.1, auto_repair: 0.1, barber: 0.05,
  welding_fabrication: 0.1, blacksmith: 0.1, electrician: 0.1, plumber: 0.1, locksmith: 0.1, armourer: 0.1,
  boat_maker: 0.1, construction_contractor: 0.2, painter: 0.2, appliance_repair: 0.2, mobile_repair: 0.3,
};

/**
 * Languages of each state, main first: shared/data/india_state_languages.csv filtered to Saathi's 12, in
 * the listed order (Hindi when none is listed). Union territories are not in the file: ASSUMED.
 */
// prettier-ignore
export const LANGS_OF_STATE: Readonly<Record<StateCode, readonly Lang[]>> = {
  AP: ['te', 'ur', 'hi'], AR: ['bn', 'hi'], AS: ['bn', 'hi'], BR: ['hi', 'ur'], CT: ['hi'], GA: ['mr', 'hi', 'kn'],
  GJ: ['gu', 'hi', 'mr'], HR: ['hi', 'pa'], HP: ['hi', 'pa'], JH: ['hi', 'bn', 'ur'], KA: ['kn', 'ur', 'te', 'ta', 'mr'],
  KL: ['ml', 'ta'], MP: ['hi', 'mr', 'ur'], MH: ['mr', 'hi', 'ur', 'gu'], MN: ['hi', 'bn'], ML: ['bn'], MZ: ['en', 'hi'],
  NL: ['en', 'hi'], OR: ['or', 'hi', 'te', 'bn'], PB: ['pa', 'hi'], RJ: ['hi'], SK: ['hi'], TN: ['ta', 'te', 'kn', 'ur'],
  TG: ['te', 'ur', 'mr'], TR: ['bn'], UP: ['hi', 'ur'], UT: ['hi'], WB: ['bn', 'hi', 'ur'],
  AN: ['hi', 'bn', 'ta'], CH: ['hi', 'pa'], DH: ['gu', 'hi'], DL: ['hi', 'pa', 'ur'], JK: ['ur', 'hi'], LA: ['hi'],
  LD: ['ml'], PY: ['ta'],
};

/** Cities of places.json that are not their district's name (the rest are). */
// prettier-ignore
const DISTRICT_OF: Readonly<Record<string, string>> = {
  Secunderabad: 'Hyderabad', Noida: 'Gautam Buddha Nagar', 'Navi Mumbai': 'Thane', Bhiwandi: 'Thane',
  Bhilai: 'Durg', Hosur: 'Krishnagiri', Vapi: 'Valsad', Sivakasi: 'Virudhunagar', Mohali: 'SAS Nagar',
  Haldwani: 'Nainital', Roorkee: 'Haridwar', Rishikesh: 'Dehradun', Rudrapur: 'Udham Singh Nagar',
  Kochi: 'Ernakulam', Mangaluru: 'Dakshina Kannada', Hubballi: 'Dharwad', Siliguri: 'Darjeeling',
  Durgapur: 'Paschim Bardhaman', Asansol: 'Paschim Bardhaman', Kharagpur: 'Paschim Medinipur',
  Bardhaman: 'Purba Bardhaman', Guwahati: 'Kamrup Metropolitan', Bhubaneswar: 'Khordha', Berhampur: 'Ganjam',
  Rourkela: 'Sundargarh', Jamshedpur: 'East Singhbhum', Silchar: 'Cachar', Shillong: 'East Khasi Hills',
  Imphal: 'Imphal West', Agartala: 'West Tripura', Itanagar: 'Papum Pare', Panaji: 'North Goa',
  Margao: 'South Goa', 'Vasco da Gama': 'South Goa', Dharamshala: 'Kangra', Amaravati: 'Guntur',
  Rajamahendravaram: 'East Godavari', 'Sri Vijaya Puram': 'South Andaman', Silvassa: 'Dadra and Nagar Haveli',
};

// ---------- data ----------

const KINDS = z
  .array(z.object({ id: z.string().min(1), sector: z.enum(SECTORS), subSector: z.string().min(1) }))
  .parse(kindsRaw);
const PLACES = placesSchema.parse(placesRaw);

// ---------- seeded randomness ----------

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, then the murmur3 finaliser to spread nearby inputs apart. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A picker over weighted choices, fed one uniform number. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (u: number) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const cumulative = entries.map(([value, w]) => [value, (acc += w / total)] as const);
  const last = entries.at(-1);
  if (last === undefined) throw new Error('nothing to choose from');
  return (u) => cumulative.find(([, c]) => u < c)?.[0] ?? last[0];
}
const entriesOf = <K extends string>(table: Readonly<Record<K, number>>): [K, number][] =>
  Object.entries(table) as [K, number][];

// ---------- derived tables ----------

const pickSector = weighted(entriesOf(DISTRIBUTION.sector));
const pickState = weighted(entriesOf(DISTRIBUTION.state));
const pickCategory = weighted(entriesOf(DISTRIBUTION.socialCategory));
const pickNeed = Object.fromEntries(
  SECTORS.map((s) => [s, weighted(entriesOf(DISTRIBUTION.need[s]))]),
) as Record<Sector, (u: number) => Need>;
const pickKind = Object.fromEntries(
  SECTORS.map((s) => [
    s,
    weighted(KINDS.filter((k) => k.sector === s).map((k) => [k, KIND_WEIGHT[k.id] ?? 1] as const)),
  ]),
) as Record<Sector, (u: number) => (typeof KINDS)[number]>;

/** P(female | kind) = base × affinity, with base set so the population share is DISTRIBUTION.female. */
const FEMALE_BASE = (() => {
  let meanAffinity = 0;
  for (const sector of SECTORS) {
    const kinds = KINDS.filter((k) => k.sector === sector);
    const total = kinds.reduce((sum, k) => sum + (KIND_WEIGHT[k.id] ?? 1), 0);
    for (const k of kinds)
      meanAffinity +=
        (DISTRIBUTION.sector[sector] * (KIND_WEIGHT[k.id] ?? 1) * (FEMALE_AFFINITY[k.id] ?? 1)) / total;
  }
  return DISTRIBUTION.female / meanAffinity;
})();

const stateTotal = Object.values(DISTRIBUTION.state).reduce((sum, w) => sum + w, 0);
const urbanShare = DISTRIBUTION.urbanOnly.reduce((sum, s) => sum + DISTRIBUTION.state[s], 0) / stateTotal;
const RURAL_ELSEWHERE = DISTRIBUTION.rural / (1 - urbanShare);

const CITIES = new Map<StateCode, (typeof PLACES.cities)[number][]>();
for (const c of PLACES.cities) CITIES.set(c.state, [...(CITIES.get(c.state) ?? []), c]);
const PIN_PREFIXES = new Map<StateCode, (u: number) => string>();
for (const state of new Set(Object.values(PLACES.pinPrefixes.prefixes))) {
  // A prefix of length k covers 10^(6-k) PINs: weight by that, so short prefixes are not under-drawn.
  const prefixes = Object.entries(PLACES.pinPrefixes.prefixes).filter(([, s]) => s === state);
  PIN_PREFIXES.set(state, weighted(prefixes.map(([p]) => [p, 10 ** (6 - p.length)] as const)));
}
const LANG_PICKERS = Object.fromEntries(
  Object.entries(LANGS_OF_STATE).map(([s, langs]) => [
    s,
    weighted(langs.map((l, i) => [l, DISTRIBUTION.langRank[i] ?? 0.01] as const)),
  ]),
) as Record<StateCode, (u: number) => Lang>;

/** A PIN whose longest listed prefix (content/places.json) is the state's: draw, check, draw again. */
function pinIn(state: StateCode, random: () => number): string {
  const pick = PIN_PREFIXES.get(state);
  for (let tries = 0; pick !== undefined && tries < 100; tries++) {
    const prefix = pick(random());
    const rest = 6 - prefix.length;
    const pin = rest === 0 ? prefix : prefix + String(Math.floor(random() * 10 ** rest)).padStart(rest, '0');
    if (parsePin(pin)?.state === state) return pin;
  }
  throw new Error(`no PIN prefix for state ${state}`);
}

// ---------- one owner ----------

/** Two significant figures, as people give amounts ("1.8 lakh", "35,000"). */
function roundish(x: number): number {
  if (x < 100) return Math.round(x);
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / unit) * unit;
}

const DAY_MS = 86_400_000;
/** Fixed reference time, so that the same seed gives the same records. */
export const SYNTHETIC_NOW = Date.UTC(2025, 11, 1);

/** The synthetic owner number `index` of population `seed`. */
export function syntheticOwner(seed: number | string, index: number, now = SYNTHETIC_NOW): ProfileRecord {
  const random = mulberry32(hash32(`${seed}/${index}`));
  const chance = (p: number): boolean => random() < p;
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const logNormal = (median: number, sigma: number): number => median * Math.exp(sigma * normal());

  const sector = pickSector(random());
  const kind = pickKind[sector](random());
  const state = pickState(random());
  const area = DISTRIBUTION.urbanOnly.includes(state) ? 'urban' : chance(RURAL_ELSEWHERE) ? 'rural' : 'urban';
  const need = pickNeed[sector](random());
  const trading = need !== 'start_new';

  const cities = CITIES.get(state) ?? [];
  const city = cities[Math.floor(random() * cities.length)];
  if (city === undefined) throw new Error(`no city for state ${state}`);
  const district = DISTRICT_OF[city.name] ?? city.name;
  const spread = area === 'urban' ? 0.04 : 0.25;
  const near = (x: number): number => Math.round((x + (random() * 2 - 1) * spread) * 1e4) / 1e4;
  const pin = pinIn(state, random);

  const monthlySales = trading
    ? Math.min(roundish(logNormal(DISTRIBUTION.sales.median, DISTRIBUTION.sales.sigma)), 1e10)
    : 0;
  const annual = monthlySales * 12;
  const workers = trading
    ? Math.min(Math.floor(Math.exp(0.6 * Math.log(monthlySales / 150_000) + 0.7 * normal())), 5_000)
    : 0;
  const yearsInBusiness = trading
    ? Math.min(Math.floor(-DISTRIBUTION.meanYears * Math.log(1 - random())), 60)
    : 0;
  const { gst: g, udyam: u, loan } = DISTRIBUTION;
  const gst =
    trading &&
    chance(annual > (sector === 'services' ? g.servicesThreshold : g.goodsThreshold) ? g.above : g.below);
  const udyamRate = !trading
    ? 0.05
    : gst
      ? DISTRIBUTION.udyamWithGst
      : (u.find(([ceiling]) => annual <= ceiling)?.[1] ?? 0);
  const udyam = chance(udyamRate);
  const hasLoan = chance(!trading ? 0.03 : udyam ? loan.withUdyam : loan.withoutUdyam);
  const repaysOnTime = (hasLoan || chance(loan.pastLoan)) && chance(loan.onTime);
  const repaidTarun = repaysOnTime && monthlySales >= loan.tarunMinSales && chance(loan.tarun);

  const amount = ((): number => {
    switch (need) {
      case 'working_capital':
        return Math.max(10_000, monthlySales * logNormal(1, 0.5));
      case 'expand':
        return Math.max(25_000, monthlySales * logNormal(3, 0.6));
      case 'machinery':
        return Math.max(20_000, monthlySales * logNormal(2.5, 0.6));
      case 'start_new':
        return Math.min(Math.max(logNormal(3 * LAKH, 0.9), 25_000), 50 * LAKH);
      case 'digital':
        return Math.min(Math.max(logNormal(25_000, 0.7), 3_000), 5 * LAKH);
      case 'learn':
        return 0;
    }
  })();

  const female = chance(Math.min(0.95, FEMALE_BASE * (FEMALE_AFFINITY[kind.id] ?? 1)));
  const gender = female ? 'female' : chance(DISTRIBUTION.otherGender) ? 'other' : 'male';
  const socialCategory = pickCategory(random());
  const lang = chance(DISTRIBUTION.english[area]) ? 'en' : LANG_PICKERS[state](random());

  const profile: Profile = {
    businessKind: kind.id,
    sector,
    subSector: kind.subSector,
    pin,
    state,
    place: area === 'urban' ? city.name : district,
    location: { lat: near(city.lat), lng: near(city.lng) },
    yearsInBusiness,
    monthlySales,
    workers: Math.max(0, workers),
    udyam,
    gst,
    need,
    amount: Math.min(roundish(amount), 1e10),
    district,
    area,
    digitalPayments: trading && chance(DISTRIBUTION.digitalPayments[area]),
    hasLoan,
    repaysOnTime,
    repaidTarun,
    gender,
    socialCategory,
  };
  const ownerId = createHash('sha256').update(`syn-${seed}-${index}`).digest('base64url').slice(0, 32);
  return {
    ownerId,
    profile,
    lang,
    address: syntheticAddress(index),
    marketingConsent: chance(DISTRIBUTION.marketingConsent),
    updatedAt: now - Math.floor(random() * 180 * DAY_MS),
  };
}

/** A made-up WhatsApp address per index (+91 70000 00000 upwards), so campaigns can address owners. */
export function syntheticAddress(index: number): string {
  return `whatsapp:+91${7_000_000_000 + (index % 1_000_000_000)}`;
}

/** `n` synthetic owners of population `seed`; the first k are the same whatever n is. */
export function* generateOwners(
  n: number,
  seed: number | string,
  now = SYNTHETIC_NOW,
): Generator<ProfileRecord> {
  for (let index = 0; index < n; index++) yield syntheticOwner(seed, index, now);
}
