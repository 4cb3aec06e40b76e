// Owner segments: the shipped file is valid in all languages, every segment is reachable, first match by
// priority wins, 'unknown' never matches, the catch-all takes the rest, and the validator catches mistakes.
import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../src/i18n/source-hash.js';
import { LANGS, NATIVE_SCRIPT } from '../../src/language/langs.js';
import { listBusinessKinds } from '../../src/language/understand.js';
import {
  explainSegment,
  isCatchAll,
  loadSegments,
  segmentOf,
  segmentText,
  validateSegmentData,
  validateSegments,
} from '../../src/personalize/segments.js';
import { evaluate, leaves } from '../../src/personalize/rules.js';
import { SENSITIVE_FIELDS, type Profile } from '../../src/profile/profile.js';

const segments = loadSegments();
const businessKinds = listBusinessKinds().map((k) => k.id);

/** A running micro business that matches none of the specific segments on its own. */
const base: Profile = {
  businessKind: 'clothing_shop',
  sector: 'trade',
  yearsInBusiness: 5,
  monthlySales: 2_00_000,
  workers: 2,
  udyam: true,
  gst: true,
  need: 'learn',
  gender: 'male',
  area: 'urban',
  digitalPayments: true,
};

/** One profile per segment, each landing in it. */
const EXAMPLES: Record<string, Profile> = {
  'beyond-micro': { ...base, monthlySales: 1_00_00_000 },
  'street-vendor': { ...base, businessKind: 'street_vendor', yearsInBusiness: 0, udyam: false },
  'vishwakarma-artisan': { ...base, businessKind: 'potter', sector: 'manufacturing', need: 'machinery' },
  'starting-up': { ...base, need: 'start_new', yearsInBusiness: 0, monthlySales: 0 },
  'manufacturer-machinery': {
    ...base,
    businessKind: 'furniture',
    sector: 'manufacturing',
    need: 'machinery',
  },
  'manufacturer-working-capital': {
    ...base,
    businessKind: 'bakery',
    sector: 'manufacturing',
    need: 'working_capital',
  },
  'shop-working-capital': { ...base, businessKind: 'kirana', need: 'working_capital', yearsInBusiness: 3 },
  'shop-expanding': { ...base, need: 'expand' },
  'service-going-digital': {
    ...base,
    businessKind: 'mobile_repair',
    sector: 'services',
    digitalPayments: false,
  },
  'service-needing-loan': { ...base, businessKind: 'clinic', sector: 'services', need: 'expand' },
  'not-on-udyam': { ...base, udyam: false },
  other: base,
};

describe('content/segments.json', () => {
  it('is valid: schema, rules, business kinds, all 12 languages, fresh hashes, catch-all last', () => {
    expect(validateSegments({ businessKinds })).toEqual([]);
    expect(segments.length).toBeGreaterThanOrEqual(10);
    expect(segments.length).toBeLessThanOrEqual(14);
  });

  it('is sorted by priority, with the catch-all last and only last', () => {
    const priorities = segments.map((s) => s.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(segments.map((s) => isCatchAll(s.rule))).toEqual(
      segments.map((_, i) => i === segments.length - 1),
    );
  });

  it('has every translation in its own script, hashed from the current English', () => {
    for (const seg of segments) {
      const hash = sourceHash(seg.text.en.name, seg.text.en.description);
      for (const lang of LANGS) {
        const text = segmentText(seg, lang);
        expect(
          new RegExp(`\\p{Script=${NATIVE_SCRIPT[lang]}}`, 'u').test(text.name),
          `${seg.id} ${lang}`,
        ).toBe(true);
        if (lang !== 'en') expect(seg.text[lang]?.sourceHash).toBe(hash);
      }
    }
  });

  it('never reads gender or social category: segments are ranking priors, and those fields never rank', () => {
    const readers = segments.filter((s) =>
      leaves(s.rule).some((l) => (SENSITIVE_FIELDS as readonly string[]).includes(l.field)),
    );
    expect(readers.map((s) => s.id)).toEqual([]);
  });

  it('cites a source and date where the text names a scheme or threshold', () => {
    for (const id of [
      'beyond-micro',
      'street-vendor',
      'vishwakarma-artisan',
      'starting-up',
      'not-on-udyam',
    ]) {
      const seg = segments.find((s) => s.id === id);
      expect(seg?.source, id).toBeTruthy();
      expect(seg?.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('segmentOf', () => {
  it('has an example for every segment, and each lands where expected', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(segments.map((s) => s.id).sort());
    for (const [id, profile] of Object.entries(EXAMPLES))
      expect(segmentOf(profile, segments).id, id).toBe(id);
  });

  it('picks the first matching segment by priority: no earlier segment says yes', () => {
    for (const profile of Object.values(EXAMPLES)) {
      const chosen = segmentOf(profile, segments);
      const earlier = segments.filter((s) => s.priority < chosen.priority);
      expect(earlier.filter((s) => evaluate(s.rule, profile) === 'yes').map((s) => s.id)).toEqual([]);
    }
  });

  it('resolves overlaps by priority', () => {
    const womanVendor = { ...EXAMPLES['street-vendor'], gender: 'female' as const };
    expect(segmentOf(womanVendor, segments).id).toBe('street-vendor');
    const womanShop = { ...EXAMPLES['shop-working-capital'], gender: 'female' as const };
    expect(segmentOf(womanShop, segments).id).toBe('shop-working-capital');
    const bigArtisan = { ...EXAMPLES['vishwakarma-artisan'], monthlySales: 5_00_00_000 };
    expect(segmentOf(bigArtisan, segments).id).toBe('beyond-micro');
    const startingArtisan = { ...EXAMPLES['vishwakarma-artisan'], need: 'start_new' as const };
    expect(segmentOf(startingArtisan, segments).id).toBe('vishwakarma-artisan');
    expect(segmentOf({ ...base, udyam: false, need: 'expand' }, segments).id).toBe('shop-expanding');
  });

  it("treats 'unknown' as not matching", () => {
    // A trader needing working capital, years unanswered: not provably established.
    const p: Profile = { sector: 'trade', need: 'working_capital' };
    expect(evaluate(segments.find((s) => s.id === 'shop-working-capital')!.rule, p)).toBe('unknown');
    expect(segmentOf(p, segments).id).toBe('other');
    // A service owner who has not said whether they take UPI, and needs nothing digital.
    expect(segmentOf({ sector: 'services', need: 'learn' }, segments).id).toBe('other');
  });

  it('puts an empty profile in the catch-all, whatever order the list is in', () => {
    expect(segmentOf({}, segments).id).toBe('other');
    expect(segmentOf(EXAMPLES['street-vendor']!, [...segments].reverse()).id).toBe('street-vendor');
  });

  it('throws when nothing matches and there is no catch-all', () => {
    expect(() => segmentOf({}, segments.slice(0, -1))).toThrow(/catch-all/);
  });
});

describe('explainSegment', () => {
  it('lists the conditions that put a profile in its segment', () => {
    const p = EXAMPLES['shop-working-capital']!;
    const why = explainSegment(p, segmentOf(p, segments));
    expect(why.segment).toBe('shop-working-capital');
    expect(why.verdict).toBe('yes');
    expect(why.catchAll).toBe(false);
    expect(why.held.map((h) => [h.field, h.value])).toEqual([
      ['sector', 'trade'],
      ['need', 'working_capital'],
      ['yearsInBusiness', 3],
    ]);
  });

  it('says when a profile is in the catch-all only', () => {
    const why = explainSegment({}, segmentOf({}, segments));
    expect(why).toEqual({ segment: 'other', verdict: 'yes', catchAll: true, held: [] });
  });
});

describe('validateSegmentData', () => {
  const raw = (): Record<string, unknown>[] =>
    JSON.parse(JSON.stringify(segments)) as Record<string, unknown>[];
  const problemsOf = (data: unknown): string[] => validateSegmentData(data, { businessKinds }).problems;

  it('accepts the shipped segments', () => {
    expect(problemsOf(raw())).toEqual([]);
  });

  it('catches an unknown field in a rule', () => {
    const data = raw();
    data[1]!.rule = { field: 'shoeSize', eq: 9 };
    expect(problemsOf(data).join('\n')).toMatch(/street-vendor.*unknown field "shoeSize"/);
  });

  it('catches an unknown business kind', () => {
    const data = raw();
    data[1]!.rule = { field: 'businessKind', in: ['unicorn_farm'] };
    expect(problemsOf(data).join('\n')).toMatch(/businessKind has no value 'unicorn_farm'/);
  });

  it('catches a missing translation', () => {
    const data = raw();
    delete (data[2]!.text as Record<string, unknown>).ta;
    expect(problemsOf(data)).toEqual([expect.stringMatching(/vishwakarma-artisan: ta text is missing/)]);
    expect(validateSegmentData(data, { requiredLangs: ['en', 'hi'] }).problems).toEqual([]);
  });

  it('catches a stale translation when the English changes', () => {
    const data = raw();
    (data[3]!.text as { en: { description: string } }).en.description = 'Plans to start a business soon.';
    const problems = problemsOf(data);
    expect(problems).toHaveLength(11);
    expect(problems[0]).toMatch(/starting-up: hi translation is stale/);
  });

  it('catches a missing catch-all, a catch-all too early, duplicate ids and priorities', () => {
    expect(problemsOf(raw().slice(0, -1)).join('\n')).toMatch(
      /last segment by priority \(not-on-udyam\) must match everyone/,
    );
    const early = raw();
    early[0]!.rule = { all: [] };
    expect(problemsOf(early).join('\n')).toMatch(/beyond-micro matches everyone/);
    const dup = raw();
    dup[2]!.id = 'street-vendor';
    dup[2]!.priority = 20;
    const problems = problemsOf(dup).join('\n');
    expect(problems).toMatch(/duplicate id/);
    expect(problems).toMatch(/priority 20 is also used/);
  });

  it('refuses gender outside a segment aimed at a group, and aimedAt without a group field', () => {
    const data = raw();
    data[7]!.rule = {
      all: [
        { field: 'gender', in: ['male'] },
        { field: 'sector', in: ['trade'] },
      ],
    };
    expect(problemsOf(data).join('\n')).toMatch(/shop-expanding: the rule reads gender/);
    const aimless = raw();
    aimless[4]!.aimedAt = { group: 'women', why: 'a segment kept only to test the validator' };
    expect(problemsOf(aimless).join('\n')).toMatch(/'aimedAt' names a group/);
  });

  it('rejects unknown keys, bad ids and a source without a date', () => {
    const data = raw();
    data[0]!.colour = 'blue';
    data[5]!.id = 'Not Kebab';
    delete data[6]!.source;
    data[6]!.asOf = '2025-02-30';
    const problems = problemsOf(data).join('\n');
    expect(problems).toMatch(/Unrecognized key\(s\) in object: 'colour'/);
    expect(problems).toMatch(/id must be kebab-case/);
    expect(problems).toMatch(/asOf is not a real date/);
    expect(problemsOf({ segments: [] })).toEqual(['segments.json: must be a JSON array of segments']);
  });
});
