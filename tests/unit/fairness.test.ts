// Exposure fairness: a recommender biased by gender fails the four-fifths rule and an even one passes;
// small groups are reported but not judged; offers aimed at a group by their rule are not judged; the
// shipped catalog with the current recommender passes on synthetic owners.
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog, type Catalog, type CatalogItem } from '../../src/personalize/catalog.js';
import {
  aimedByText,
  aimedFields,
  fairnessReport,
  homogeneityPValue,
  type FairnessReport,
  type Recommender,
} from '../../src/personalize/fairness.js';
import { recommend, type Recommendation } from '../../src/personalize/recommend.js';
import type { Rule } from '../../src/personalize/rules.js';
import type { Profile } from '../../src/profile/profile.js';
import { generateOwners } from '../../src/profile/synthetic.js';

function offer(id: string, eligibility: Rule, body = 'A loan for a small business, from a bank branch.') {
  return {
    id,
    kind: 'offer',
    scheme: id,
    topic: 'credit',
    example: false,
    needs: ['working_capital'],
    eligibility,
    source: 'test',
    asOf: '2025-11-30',
    text: { en: { title: 'A test offer', body } },
  };
}

const micro: Rule = { field: 'sizeClass', in: ['micro'] };
const catalog: Catalog = parseCatalog(
  [
    [
      'offers.json',
      [
        offer('open', micro),
        offer('for-women', { all: [micro, { field: 'gender', in: ['female'] }] }),
        offer('named-women', micro, 'Only for women and SC/ST entrepreneurs starting a first enterprise.'),
      ],
    ],
  ],
  { requiredLangs: ['en'] },
);

/** `n` owners of one gender; `workers` numbers them so a recommender can pick every k-th. */
function owners(n: number, gender: Profile['gender'], extra: Profile = {}): { profile: Profile }[] {
  return Array.from({ length: n }, (_, i) => ({
    profile: { monthlySales: 100_000, workers: i, gender, area: 'urban', state: 'UP', ...extra },
  }));
}
const population = [...owners(200, 'male'), ...owners(200, 'female'), ...owners(10, 'other')];

/** Shows the listed offers to the owners `pick` chooses. */
function showing(ids: readonly string[], pick: (p: Profile) => boolean): Recommender {
  const items = ids.map((id) => catalog.byId.get(id)).filter((i): i is CatalogItem => i !== undefined);
  return (profile) =>
    pick(profile) ? items.map((item): Recommendation => ({ item, score: 1, reasons: [] })) : [];
}
const everyOther = (p: Profile): boolean => (p.workers ?? 0) % 2 === 0;

const offerOf = (report: FairnessReport, id: string) => {
  const found = report.offers.find((o) => o.offerId === id);
  if (!found) throw new Error(`no offer ${id} in the report`);
  return found;
};
const attributeOf = (report: FairnessReport, id: string, attribute: string) => {
  const found = offerOf(report, id).attributes.find((a) => a.attribute === attribute);
  if (!found) throw new Error(`no ${attribute} for ${id}`);
  return found;
};

describe('fairnessReport on a constructed catalog', () => {
  it('fails an offer shown to men twice as often as to equally eligible women', () => {
    const biased = showing(['open'], (p) => p.gender === 'male' || everyOther(p));
    const report = fairnessReport(population, catalog, biased, { attributes: ['gender'] });
    const gender = attributeOf(report, 'open', 'gender');
    expect(gender.groups.find((g) => g.group === 'male')).toMatchObject({
      eligible: 200,
      shown: 200,
      rate: 1,
    });
    expect(gender.groups.find((g) => g.group === 'female')).toMatchObject({
      eligible: 200,
      shown: 100,
      rate: 0.5,
    });
    expect(gender.ratio).toBeCloseTo(0.5);
    expect(gender.verdict).toBe('fail');
    expect(report.failing).toEqual(['open']);
    expect(report.pass).toBe(false);
    // A bias this large on 200 owners a side is far beyond chance: it fails with a significance test too.
    expect(fairnessReport(population, catalog, biased, { attributes: ['gender'], alpha: 0.05 }).pass).toBe(
      false,
    );
  });

  it('passes an offer shown at the same rate whatever the gender', () => {
    const report = fairnessReport(population, catalog, showing(['open'], everyOther));
    const gender = attributeOf(report, 'open', 'gender');
    expect(gender.lowest?.rate).toBeCloseTo(0.5);
    expect(gender.highest?.rate).toBeCloseTo(0.5);
    expect(gender.ratio).toBe(1);
    expect(offerOf(report, 'open').verdict).toBe('pass');
    expect(report.pass).toBe(true);
  });

  it('reports groups expected to see an offer fewer than minExpectedShown times without judging them', () => {
    // 10 'other' owners at an overall rate near 1 expect ~10 showings; a bar of 11 leaves them unjudged.
    const report = fairnessReport(
      population,
      catalog,
      showing(['open'], (p) => p.gender !== 'other'),
      {
        attributes: ['gender'],
        minGroupSize: 5,
        minExpectedShown: 11,
      },
    );
    expect(attributeOf(report, 'open', 'gender').groups.find((g) => g.group === 'other')?.judged).toBe(false);
    expect(attributeOf(report, 'open', 'gender').verdict).toBe('pass');
  });

  it('reports groups under minGroupSize without judging them', () => {
    // 'other' (10 owners) is never shown the offer; men and women always are.
    const report = fairnessReport(
      population,
      catalog,
      showing(['open'], (p) => p.gender !== 'other'),
      {
        attributes: ['gender'],
        minGroupSize: 30,
        minExpectedShown: 0,
      },
    );
    const gender = attributeOf(report, 'open', 'gender');
    expect(gender.groups.find((g) => g.group === 'other')).toEqual({
      group: 'other',
      eligible: 10,
      shown: 0,
      rate: 0,
      judged: false,
    });
    expect(gender.ratio).toBe(1);
    expect(gender.verdict).toBe('pass');
    // With a smaller bar the same 10 owners are judged, and the offer fails.
    const strict = fairnessReport(
      population,
      catalog,
      showing(['open'], (p) => p.gender !== 'other'),
      {
        attributes: ['gender'],
        minGroupSize: 5,
        minExpectedShown: 0,
      },
    );
    expect(attributeOf(strict, 'open', 'gender').verdict).toBe('fail');
  });

  it('does not judge an offer whose rule aims it at a group, and lists it as aimed', () => {
    const mixed = [...owners(100, 'female', { area: 'rural' }), ...owners(100, 'female', { area: 'urban' })];
    const ruralOnly = showing(['for-women', 'open'], (p) => p.area === 'rural' || p.gender === 'male');
    const report = fairnessReport([...mixed, ...owners(100, 'male')], catalog, ruralOnly);
    const aimed = offerOf(report, 'for-women');
    expect(aimed.aimedAt).toEqual(['gender']);
    expect(aimed.verdict).toBe('aimed');
    expect(aimed.attributes.every((a) => a.verdict === 'aimed')).toBe(true);
    // Its rates are still reported: only women are eligible, and only the rural ones were shown it.
    expect(attributeOf(report, 'for-women', 'area').ratio).toBe(0);
    expect(aimed.eligible).toBe(200);
    expect(report.aimed).toEqual(['for-women']);
    // The same bias on an offer for everyone fails.
    expect(report.failing).toEqual(['open']);
  });

  it('lists offers whose English text names women or SC/ST, but judges them unless the rule reads it', () => {
    const named = catalog.offers.find((o) => o.id === 'named-women');
    expect(named && aimedByText(named)).toEqual(['women', 'SC/ST']);
    expect(named && aimedFields(named)).toEqual([]);
    const report = fairnessReport(population, catalog, showing(['named-women'], everyOther));
    expect(report.aimedByText).toEqual(['named-women']);
    expect(offerOf(report, 'named-women').verdict).toBe('pass');
  });

  it('leaves out owners whose eligibility is unknown', () => {
    // No sales answer: the size class, and so eligibility, is unknown.
    const unanswered = owners(50, 'female').map(({ profile: { monthlySales: _unknown, ...rest } }) => ({
      profile: rest,
    }));
    const report = fairnessReport([...population, ...unanswered], catalog, showing(['open'], everyOther));
    expect(offerOf(report, 'open')).toMatchObject({ eligible: 410, unknown: 50 });
    expect(attributeOf(report, 'open', 'gender').groups.find((g) => g.group === 'female')?.eligible).toBe(
      200,
    );
  });

  it('with alpha, lets a low ratio on a few owners pass when it is within chance', () => {
    const few = [...owners(40, 'male'), ...owners(40, 'female')];
    // 4 of 40 men, 2 of 40 women: ratio 0.5, but p ≈ 0.40.
    const noisy = showing(['open'], (p) => (p.workers ?? 99) < (p.gender === 'male' ? 4 : 2));
    const bare = fairnessReport(few, catalog, noisy, { attributes: ['gender'], minExpectedShown: 0 });
    expect(attributeOf(bare, 'open', 'gender').ratio).toBeCloseTo(0.5);
    expect(bare.pass).toBe(false);
    const tested = fairnessReport(few, catalog, noisy, {
      attributes: ['gender'],
      alpha: 0.05,
      minExpectedShown: 0,
    });
    expect(attributeOf(tested, 'open', 'gender').pValue).toBeCloseTo(0.39591, 4);
    expect(tested.pass).toBe(true);
  });
});

describe('homogeneityPValue', () => {
  it('matches the chi-square test of independence', () => {
    // scipy.stats.chi2_contingency(..., correction=False)
    const two = [
      { eligible: 100, shown: 60 },
      { eligible: 100, shown: 40 },
    ];
    expect(homogeneityPValue(two)).toBeCloseTo(0.004677735, 8);
    const three = [
      { eligible: 50, shown: 10 },
      { eligible: 50, shown: 20 },
      { eligible: 50, shown: 30 },
    ];
    expect(homogeneityPValue(three)).toBeCloseTo(0.000240369, 8);
    const many = Array.from({ length: 36 }, (_, i) => ({ eligible: 100, shown: i % 2 ? 12 : 8 }));
    expect(homogeneityPValue(many)).toBeCloseTo(0.99754981, 6);
    expect(
      homogeneityPValue([
        { eligible: 10, shown: 0 },
        { eligible: 20, shown: 0 },
      ]),
    ).toBe(1);
  });
});

describe('the shipped catalog with the current recommender', () => {
  const shipped = loadCatalog();
  const current: Recommender = (profile) => recommend(profile, shipped, { limit: 3 });
  const report = fairnessReport(generateOwners(3_000, 1), shipped, current);

  it('reports Stand-Up India, whose rule reads gender and social category, as aimed and leaves it unjudged', () => {
    const standUp = offerOf(report, 'stand-up-india');
    expect(standUp.aimedByText).toEqual(['women', 'SC/ST']);
    expect(standUp.aimedAt).toEqual(['gender', 'socialCategory']);
    expect(report.aimed).toContain('stand-up-india');
    expect(report.offers).toHaveLength(shipped.offers.length);
  });

  it('passes the four-fifths rule where the gap is beyond chance (family-wise alpha 0.05)', () => {
    const tested = fairnessReport(generateOwners(3_000, 1), shipped, current, { alpha: 0.05 });
    expect(tested.comparisons).toBeGreaterThan(0);
    expect(tested.failing).toEqual([]);
  });
});
