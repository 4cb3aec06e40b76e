// Rule language: schema, derived fields, three-valued evaluation, the impossible-rule checker and explain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profile/profile.js';
import {
  TURNOVER_LIMITS,
  checkRule,
  evaluate,
  explain,
  fieldValue,
  ruleSchema,
  sizeClassOf,
  type Rule,
} from '../../src/personalize/rules.js';

describe('rule schema', () => {
  it('accepts every rule form', () => {
    const rules: unknown[] = [
      { all: [{ field: 'sector', in: ['trade'] }, { any: [{ field: 'amount', min: 1 }] }] },
      { not: { field: 'udyam', eq: true } },
      { field: 'yearsInBusiness', max: 3 },
      { field: 'isNewBusiness', eq: true },
      { field: 'pin', known: false },
      { field: 'sizeClass', in: ['micro', 'small'] },
      { field: 'annualTurnover', min: 0, max: 1e8 },
    ];
    for (const rule of rules) expect(ruleSchema.safeParse(rule).success, JSON.stringify(rule)).toBe(true);
  });

  it('rejects unknown fields, unknown keys and ranges without bounds', () => {
    expect(ruleSchema.safeParse({ field: 'farmSize', min: 1 }).success).toBe(false);
    expect(ruleSchema.safeParse({ field: 'sector', in: ['trade'], also: 1 }).success).toBe(false);
    expect(ruleSchema.safeParse({ field: 'amount' }).success).toBe(false);
    expect(ruleSchema.safeParse({ every: [] }).success).toBe(false);
    expect(ruleSchema.safeParse({ field: 'amount', min: 1, eq: 2 }).success).toBe(false);
  });
});

describe('derived fields', () => {
  it('classifies size by the 2025 Udyam turnover limits, inclusive', () => {
    expect(sizeClassOf(0)).toBe('micro');
    expect(sizeClassOf(TURNOVER_LIMITS.micro)).toBe('micro');
    expect(sizeClassOf(TURNOVER_LIMITS.micro + 1)).toBe('small');
    expect(sizeClassOf(100_00_00_000)).toBe('small');
    expect(sizeClassOf(100_00_00_001)).toBe('medium');
    expect(sizeClassOf(500_00_00_000)).toBe('medium');
    expect(sizeClassOf(500_00_00_001)).toBe('large');
  });

  it('derives annualTurnover, sizeClass and isNewBusiness from the answers', () => {
    const p: Profile = { monthlySales: 250_000, yearsInBusiness: 0 };
    expect(fieldValue(p, 'annualTurnover')).toBe(3_000_000);
    expect(fieldValue(p, 'sizeClass')).toBe('micro');
    expect(fieldValue(p, 'isNewBusiness')).toBe(true);
    expect(fieldValue({ yearsInBusiness: 6 }, 'isNewBusiness')).toBe(false);
    expect(fieldValue({}, 'annualTurnover')).toBeUndefined();
    expect(fieldValue({}, 'sizeClass')).toBeUndefined();
    expect(fieldValue({}, 'isNewBusiness')).toBeUndefined();
  });
});

describe('evaluate (three-valued)', () => {
  const micro: Rule = { field: 'sizeClass', in: ['micro'] };
  const trader: Rule = { field: 'sector', in: ['trade'] };

  it('answers unknown for unanswered fields and yes/no otherwise', () => {
    expect(evaluate(micro, {})).toBe('unknown');
    expect(evaluate(micro, { monthlySales: 100_000 })).toBe('yes');
    expect(evaluate(micro, { monthlySales: 10_000_000 })).toBe('no');
    expect(evaluate({ field: 'amount', min: 50_000, max: 500_000 }, { amount: 500_000 })).toBe('yes');
    expect(evaluate({ field: 'amount', min: 50_000, max: 500_000 }, { amount: 500_001 })).toBe('no');
    expect(evaluate({ field: 'udyam', eq: false }, { udyam: false })).toBe('yes');
  });

  it('combines with Kleene logic', () => {
    expect(evaluate({ all: [micro, trader] }, { sector: 'trade' })).toBe('unknown');
    expect(evaluate({ all: [micro, trader] }, { sector: 'services' })).toBe('no');
    expect(evaluate({ any: [micro, trader] }, { sector: 'trade' })).toBe('yes');
    expect(evaluate({ any: [micro, trader] }, { sector: 'services' })).toBe('unknown');
    expect(evaluate({ not: micro }, {})).toBe('unknown');
    expect(evaluate({ not: trader }, { sector: 'services' })).toBe('yes');
    expect(evaluate({ all: [] }, {})).toBe('yes');
    expect(evaluate({ any: [] }, {})).toBe('no');
  });

  it('known tests whether a field was answered', () => {
    expect(evaluate({ field: 'udyam', known: true }, {})).toBe('no');
    expect(evaluate({ field: 'udyam', known: false }, {})).toBe('yes');
    expect(evaluate({ field: 'location', known: true }, { location: { lat: 26.8, lng: 80.9 } })).toBe('yes');
  });

  it('obeys De Morgan for any profile', () => {
    const leaf = fc.constantFrom<Rule>(
      micro,
      trader,
      { field: 'udyam', eq: true },
      { field: 'yearsInBusiness', min: 2 },
      { field: 'isNewBusiness', eq: true },
    );
    const profile = fc.record(
      {
        sector: fc.constantFrom('manufacturing', 'trade', 'services'),
        monthlySales: fc.integer({ min: 0, max: 100_000_000 }),
        udyam: fc.boolean(),
        yearsInBusiness: fc.integer({ min: 0, max: 40 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(leaf, leaf, profile, (a, b, p) => {
        const lhs = evaluate({ all: [a, b] }, p);
        expect(evaluate({ not: { any: [{ not: a }, { not: b }] } }, p)).toBe(lhs);
      }),
    );
  });
});

describe('checkRule', () => {
  it('passes sound rules', () => {
    expect(
      checkRule({
        all: [
          { field: 'sizeClass', in: ['micro'] },
          { field: 'amount', min: 1e6, max: 2e6 },
        ],
      }),
    ).toEqual([]);
    expect(
      checkRule({
        any: [
          { field: 'amount', max: 5 },
          { field: 'amount', min: 10 },
        ],
      }),
    ).toEqual([]);
  });

  it('reports unknown fields and malformed rules', () => {
    expect(checkRule({ field: 'farmSize', min: 1 }).join()).toMatch(/unknown field "farmSize"/);
    expect(checkRule({ field: 'sector', in: ['trade'], extra: true }).join()).toMatch(/extra/);
    expect(checkRule({ field: 'amount' }).join()).toMatch(/min or max/);
  });

  it.each([
    [{ field: 'amount', min: 5, max: 1 }, /min 5 > max 1/],
    [{ field: 'sector', in: [] }, /empty 'in'/],
    [{ any: [] }, /empty 'any'/],
    [{ field: 'sector', in: ['farming'] }, /sector has no value 'farming'/],
    [{ field: 'need', eq: 'loan' }, /need has no value 'loan'/],
    [{ field: 'udyam', eq: 'yes' }, /udyam is boolean/],
    [{ field: 'sector', min: 1 }, /need a number field/],
    [{ field: 'amount', max: -1 }, /never negative/],
    [
      {
        all: [
          { field: 'amount', min: 10 },
          { field: 'amount', max: 5 },
        ],
      },
      /contradictory conditions on amount/,
    ],
    [
      { all: [{ field: 'amount', min: 10 }, { all: [{ field: 'amount', max: 5 }] }] },
      /contradictory conditions on amount/,
    ],
    [
      {
        all: [
          { field: 'sector', in: ['trade'] },
          { field: 'sector', eq: 'services' },
        ],
      },
      /contradictory.*sector/,
    ],
    [
      {
        all: [
          { field: 'udyam', eq: true },
          { field: 'udyam', eq: false },
        ],
      },
      /contradictory.*udyam/,
    ],
    [
      {
        all: [
          { field: 'isNewBusiness', eq: true },
          { field: 'yearsInBusiness', min: 1 },
        ],
      },
      /contradictory conditions on yearsInBusiness/,
    ],
    [
      {
        all: [
          { field: 'sizeClass', in: ['micro'] },
          { field: 'annualTurnover', min: 2e9 },
        ],
      },
      /contradictory conditions on monthlySales/,
    ],
    [
      {
        all: [
          { field: 'gst', known: false },
          { field: 'gst', eq: true },
        ],
      },
      /gst is required both unknown and known/,
    ],
  ])('catches the impossible rule %j', (rule, message) => {
    const problems = checkRule(rule);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });

  it('does not flag ranges that only touch or sit in different branches', () => {
    expect(
      checkRule({
        all: [
          { field: 'amount', min: 5 },
          { field: 'amount', max: 5 },
        ],
      }),
    ).toEqual([]);
    expect(
      checkRule({
        all: [
          { field: 'isNewBusiness', eq: false },
          { field: 'yearsInBusiness', min: 1 },
        ],
      }),
    ).toEqual([]);
    expect(
      checkRule({
        all: [
          { field: 'sizeClass', in: ['small'] },
          { field: 'annualTurnover', min: 2e8 },
        ],
      }),
    ).toEqual([]);
  });

  it('checks businessKind ids only when the known list is given', () => {
    const rule = { field: 'businessKind', in: ['street_vendor', 'space_pilot'] };
    expect(checkRule(rule)).toEqual([]);
    expect(checkRule(rule, { businessKinds: ['street_vendor'] }).join()).toMatch(/'space_pilot'/);
  });

  it('names where the problem is', () => {
    const problems = checkRule({
      all: [{ field: 'sector', in: ['trade'] }, { any: [{ field: 'amount', min: 3, max: 2 }] }],
    });
    expect(problems).toEqual(['rule.all[1].any[0]: impossible range on amount: min 3 > max 2']);
  });
});

describe('explain', () => {
  const rule: Rule = {
    all: [
      { field: 'sizeClass', in: ['micro'] },
      { not: { field: 'sector', in: ['manufacturing'] } },
      {
        any: [
          { field: 'amount', min: 1_000_000 },
          { field: 'udyam', eq: true },
        ],
      },
      { field: 'yearsInBusiness', min: 1 },
    ],
  };

  it('lists the leaves that held with the profile values they held on', () => {
    const profile: Profile = {
      monthlySales: 200_000,
      sector: 'trade',
      amount: 300_000,
      udyam: true,
      yearsInBusiness: 6,
    };
    expect(evaluate(rule, profile)).toBe('yes');
    expect(explain(rule, profile)).toEqual([
      { field: 'sizeClass', condition: { in: ['micro'] }, value: 'micro', negated: false },
      { field: 'sector', condition: { in: ['manufacturing'] }, value: 'trade', negated: true },
      { field: 'udyam', condition: { eq: true }, value: true, negated: false },
      { field: 'yearsInBusiness', condition: { min: 1 }, value: 6, negated: false },
    ]);
  });

  it('leaves out unanswered fields and branches that did not hold', () => {
    const held = explain(rule, { sector: 'services', udyam: false, amount: 2_000_000 });
    expect(held.map((h) => h.field)).toEqual(['sector', 'amount']);
    expect(held.find((h) => h.field === 'amount')?.value).toBe(2_000_000);
  });
});
