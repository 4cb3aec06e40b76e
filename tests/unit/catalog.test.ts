// Content catalog: the shipped tips and offers validate, the validator catches bad items, and every
// scheme's eligibility admits an eligible owner and turns away one just outside it.
import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../src/i18n/source-hash.js';
import {
  loadCatalog,
  validateCatalog,
  validateCatalogData,
  type CatalogItem,
} from '../../src/personalize/catalog.js';
import { evaluate } from '../../src/personalize/rules.js';
import type { Profile } from '../../src/profile/profile.js';

const catalog = loadCatalog();

describe('shipped catalog', () => {
  it('validates with zero problems', () => {
    expect(validateCatalog()).toEqual([]);
  });

  it('has enough tips, topics and offers', () => {
    expect(catalog.tips.length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalog.tips.map((t) => t.topic)).size).toBeGreaterThanOrEqual(12);
    expect(catalog.offers.length).toBeGreaterThanOrEqual(15);
    expect(catalog.byId.size).toBe(catalog.items.length);
  });

  it('covers every scheme in DOMAIN.md', () => {
    const schemes = new Set(catalog.offers.map((o) => o.scheme));
    for (const s of [
      'mudra',
      'cgtmse',
      'pmegp',
      'stand-up-india',
      'pm-svanidhi',
      'pm-vishwakarma',
      'mcgs-msme',
    ]) {
      expect(schemes, s).toContain(s);
    }
    for (const s of ['psb-59-minutes', 'treds', 'udyam-credit-card']) expect(schemes, s).toContain(s);
    for (const id of ['mudra-shishu', 'mudra-kishor', 'mudra-tarun', 'mudra-tarun-plus']) {
      expect(catalog.byId.get(id)?.scheme, id).toBe('mudra');
    }
  });

  it('states MUDRA ranges exactly and invents no range for PSB Loans in 59 Minutes', () => {
    const amount = (id: string) => {
      const item = catalog.byId.get(id);
      return item?.kind === 'offer' ? item.amount : undefined;
    };
    expect(amount('mudra-shishu')).toEqual({ max: 50_000 });
    expect(amount('mudra-kishor')).toEqual({ min: 50_000, max: 500_000 });
    expect(amount('mudra-tarun')).toEqual({ min: 500_000, max: 1_000_000 });
    expect(amount('mudra-tarun-plus')).toEqual({ min: 1_000_000, max: 2_000_000 });
    expect(amount('psb-59-minutes')).toBeUndefined();
    expect(catalog.byId.get('psb-59-minutes')?.text.en.body).toMatch(/could not confirm/);
  });

  it('marks example products and keeps them honest', () => {
    const examples = catalog.offers.filter((o) => o.example);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const o of examples) {
      expect(o.text.en.title).toMatch(/\bExample\b/);
      expect(o.text.en.body).toMatch(/KFS/);
      expect(o.amount).toBeUndefined();
      expect(o.text.en.body).not.toMatch(/\d+(\.\d+)?\s*%/);
    }
  });

  it('gives every item a source, a date, short English and a current Hindi translation', () => {
    for (const item of catalog.items) {
      expect(item.source.length, item.id).toBeGreaterThan(10);
      expect(item.asOf, item.id).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(item.text.en.body.length, item.id).toBeLessThanOrEqual(320);
      expect(item.text.hi?.sourceHash, item.id).toBe(sourceHash(item.text.en.title, item.text.en.body));
      expect(item.text.hi?.body, item.id).toMatch(/[\u0900-\u097F]/);
    }
  });

  it('presents announced schemes as announced', () => {
    const card = catalog.byId.get('udyam-credit-card');
    expect(card?.kind === 'offer' && card.status).toBe('announced');
    expect(card?.text.en.body).toMatch(/announced/i);
  });
});

describe('validateCatalogData', () => {
  const good = {
    id: 'a-tip',
    kind: 'tip',
    topic: 'udyam',
    needs: ['learn'],
    source: 'Udyam portal',
    asOf: '2025-11-30',
    text: { en: { title: 'A good title', body: 'A body that is long enough.' } },
  };
  const hashed = { ...good.text.en, sourceHash: sourceHash(good.text.en.title, good.text.en.body) };
  const check = (...items: unknown[]) =>
    validateCatalogData([['tips.json', items]], { requiredLangs: ['en'] }).problems;

  it('accepts a good item', () => {
    expect(check(good)).toEqual([]);
    expect(check({ ...good, text: { en: good.text.en, hi: hashed } })).toEqual([]);
  });

  it.each([
    ['an unknown item field', { ...good, colour: 'red' }, /colour/],
    [
      'an unknown rule field',
      { ...good, eligibility: { field: 'farmSize', min: 1 } },
      /unknown field "farmSize"/,
    ],
    ['an impossible rule', { ...good, eligibility: { field: 'sector', in: ['farming'] } }, /'farming'/],
    ['a missing source', { ...good, source: undefined }, /source: Required/],
    ['a missing asOf', { ...good, asOf: undefined }, /asOf: Required/],
    ['an asOf that is not a date', { ...good, asOf: '2025-02-30' }, /not a real date/],
    ['an asOf with month 13', { ...good, asOf: '2025-13-01' }, /not a real date/],
    ['an asOf in another format', { ...good, asOf: '30/11/2025' }, /YYYY-MM-DD/],
    ['a tip with an amount', { ...good, amount: { max: 5 } }, /amount/],
    ['a body too long', { ...good, text: { en: { title: 'Title', body: 'x'.repeat(321) } } }, /body/],
    ['an unknown language', { ...good, text: { en: good.text.en, xx: hashed } }, /xx/],
  ])('reports %s', (_name, item, message) => {
    expect(check(item).join('\n')).toMatch(message);
  });

  it('reports a stale translation with the language and item', () => {
    const stale = { ...good, text: { en: good.text.en, hi: { ...hashed, sourceHash: '00000000' } } };
    expect(check(stale)).toEqual([
      `tips.json[0] a-tip: hi translation is stale (sourceHash 00000000, English is now ${hashed.sourceHash})`,
    ]);
  });

  it('reports duplicate ids across files, items in the wrong file and missing required languages', () => {
    const offer = { ...good, kind: 'offer', scheme: 'x', example: false, eligibility: { all: [] } };
    const { problems } = validateCatalogData([
      ['tips.json', [good]],
      ['offers.json', [{ ...good, kind: 'tip' }, offer]],
    ]);
    const text = problems.join('\n');
    expect(text).toMatch(/offers.json\[0\] a-tip: duplicate id \(also tips.json\[0\] a-tip\)/);
    expect(text).toMatch(/offers.json\[0\] a-tip: a tip in offers.json/);
    expect(text).toMatch(/hi text is missing/);
  });

  it('requires "Example" in the title of example products and a sane amount', () => {
    const offer = {
      ...good,
      id: 'ex',
      kind: 'offer',
      scheme: 'example',
      example: true,
      amount: { min: 10, max: 5 },
      eligibility: { all: [] },
    };
    const text = validateCatalogData([['offers.json', [offer]]], { requiredLangs: ['en'] }).problems.join(
      '\n',
    );
    expect(text).toMatch(/must say "Example"/);
    expect(text).toMatch(/amount.min 10 > amount.max 5/);
  });

  it('reports a file that is not an array', () => {
    expect(validateCatalogData([['tips.json', { id: 'x' }]]).problems).toEqual([
      'tips.json: must be a JSON array of items',
    ]);
  });
});

/** Monthly sales well inside each size class (×12: ₹1.2 cr, ₹60 cr, ₹120 cr, ₹600 cr a year). */
const SALES = { micro: 1_000_000, small: 50_000_000, medium: 100_000_000, large: 500_000_000 } as const;
/** Monthly sales whose year is just over the micro turnover limit of ₹10 crore. */
const JUST_OVER_MICRO = Math.ceil(10_00_00_000 / 12) + 1;
// prettier-ignore
// The 18 trades map onto 17 business kinds: hammer and toolkit makers are the blacksmith kind.
const TRADES = [
  'carpenter', 'boat_maker', 'armourer', 'blacksmith', 'locksmith', 'goldsmith', 'potter', 'sculptor',
  'cobbler', 'mason', 'basket_weaver', 'toy_maker', 'barber', 'garland_maker', 'washerman', 'tailor',
  'fishing_net_maker',
];

// prettier-ignore
const cases: [string, Profile, Profile][] = [
  ['mudra-shishu', { monthlySales: SALES.micro }, { monthlySales: JUST_OVER_MICRO }],
  ['mudra-kishor', { monthlySales: SALES.micro }, { monthlySales: JUST_OVER_MICRO }],
  ['mudra-tarun', { monthlySales: SALES.micro }, { monthlySales: JUST_OVER_MICRO }],
  ['mudra-tarun-plus', { monthlySales: SALES.micro, amount: 2_000_000, yearsInBusiness: 1 }, { monthlySales: SALES.micro, amount: 2_000_001, yearsInBusiness: 1 }],
  ['mudra-tarun-plus', { monthlySales: SALES.micro, amount: 1_000_000, yearsInBusiness: 4 }, { monthlySales: SALES.micro, amount: 1_000_000, yearsInBusiness: 0 }],
  ['cgtmse', { monthlySales: SALES.small }, { monthlySales: SALES.medium }],
  ['pmegp', { yearsInBusiness: 0, sector: 'manufacturing', amount: 5_000_000 }, { yearsInBusiness: 0, sector: 'manufacturing', amount: 5_000_001 }],
  ['pmegp', { yearsInBusiness: 0, sector: 'services', amount: 2_000_000 }, { yearsInBusiness: 0, sector: 'services', amount: 2_000_001 }],
  ['pmegp', { yearsInBusiness: 0, sector: 'services', amount: 500_000 }, { yearsInBusiness: 1, sector: 'services', amount: 500_000 }],
  ['stand-up-india', { gender: 'female', yearsInBusiness: 0, amount: 1_000_000 }, { gender: 'female', yearsInBusiness: 0, amount: 999_999 }],
  ['stand-up-india', { socialCategory: 'sc', yearsInBusiness: 0, amount: 10_000_000 }, { socialCategory: 'sc', yearsInBusiness: 1, amount: 10_000_000 }],
  ['stand-up-india', { socialCategory: 'st', yearsInBusiness: 0, amount: 5_000_000 }, { gender: 'male', socialCategory: 'general', yearsInBusiness: 0, amount: 5_000_000 }],
  ['pm-svanidhi', { businessKind: 'street_vendor' }, { businessKind: 'kirana' }],
  ['pm-vishwakarma', { businessKind: 'tailor' }, { businessKind: 'kirana' }],
  ['mcgs-msme', { udyam: true, monthlySales: SALES.medium }, { udyam: false, monthlySales: SALES.medium }],
  ['mcgs-msme', { udyam: true, monthlySales: SALES.medium }, { udyam: true, monthlySales: SALES.large }],
  ['psb-59-minutes', { monthlySales: SALES.medium }, { monthlySales: SALES.large }],
  ['treds', { monthlySales: SALES.medium }, { monthlySales: SALES.large }],
  ['udyam-credit-card', { udyam: true, monthlySales: SALES.micro }, { udyam: false, monthlySales: SALES.micro }],
  ['udyam-credit-card', { udyam: true, monthlySales: SALES.micro }, { udyam: true, monthlySales: JUST_OVER_MICRO }],
  ['example-bank-overdraft', { yearsInBusiness: 1 }, { yearsInBusiness: 0 }],
  ['example-sfb-new-shop', { yearsInBusiness: 0 }, { yearsInBusiness: 1 }],
  ['example-aa-cashflow', { yearsInBusiness: 3 }, { yearsInBusiness: 0 }],
  ['example-finance-machinery', { monthlySales: SALES.medium }, { monthlySales: SALES.large }],
];

describe('scheme eligibility', () => {
  const offer = (id: string): CatalogItem => {
    const item = catalog.byId.get(id);
    if (!item) throw new Error(`no item ${id}`);
    return item;
  };

  it.each(cases)('%s: admits %j, turns away %j', (id, eligible, notEligible) => {
    const { eligibility } = offer(id);
    if (!eligibility) throw new Error(`${id} has no eligibility`);
    expect(evaluate(eligibility, eligible)).toBe('yes');
    expect(evaluate(eligibility, notEligible)).toBe('no');
  });

  it('tests every offer', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(catalog.offers.map((o) => o.id)));
  });

  it('admits the business kinds of all 18 PM Vishwakarma trades', () => {
    const { eligibility } = offer('pm-vishwakarma');
    for (const businessKind of TRADES)
      expect(eligibility && evaluate(eligibility, { businessKind })).toBe('yes');
    expect(TRADES).toHaveLength(17);
  });

  it('never excludes an owner who has not answered yet', () => {
    for (const o of catalog.offers) expect(evaluate(o.eligibility, {}), o.id).not.toBe('no');
  });
});
