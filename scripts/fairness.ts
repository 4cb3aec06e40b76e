// `npm run fairness -- [--profiles 20000] [--seed 1] [--min-group 30] [--alpha 0.05] [--json]`: exposure
// fairness of the current recommender on synthetic owners: for owners equally eligible for an offer, the
// share shown it (top 3) by gender, social category, rural/urban and state, judged by the four-fifths rule.
// Exits 1 when a judged offer fails. With --alpha, a low ratio fails only when it is beyond chance.
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/personalize/catalog.js';
import {
  fairnessReport,
  type AttributeExposure,
  type FairnessReport,
  type GroupExposure,
  type OfferFairness,
} from '../src/personalize/fairness.js';
import { recommend } from '../src/personalize/recommend.js';
import { generateOwners } from '../src/profile/synthetic.js';

function fail(message: string): never {
  process.stderr.write(`fairness: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    'min-group': { type: 'string', default: '30' },
    alpha: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.profiles);
if (!Number.isInteger(count) || count < 1) fail('--profiles must be a positive whole number');
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
const minGroupSize = Number(values['min-group']);
if (!Number.isInteger(minGroupSize) || minGroupSize < 1) fail('--min-group must be a positive whole number');
// Default: a ratio under four-fifths counts only when it is beyond chance (family-wise α = 0.05);
// `--alpha 0` applies the bare rule to observed rates, sampling noise and all.
const alphaArg = values.alpha === undefined ? 0.05 : Number(values.alpha);
if (!(alphaArg >= 0 && alphaArg < 1)) fail('--alpha must be at least 0 and below 1');
const alpha = alphaArg === 0 ? undefined : alphaArg;

const catalog = loadCatalog();
const owners = generateOwners(count, seed);
const report = fairnessReport(owners, catalog, (profile) => recommend(profile, catalog, { limit: 3 }), {
  minGroupSize,
  ...(alpha === undefined ? {} : { alpha }),
});

// ---------- formatting ----------
const int = (n: number): string => n.toLocaleString('en-IN');
const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
const p = (value: number | null): string =>
  value === null ? '' : value < 0.001 ? 'p<0.001' : `p=${value.toFixed(3)}`;
const VERDICT = { pass: 'PASS', fail: 'FAIL', aimed: 'AIMED (not judged)', 'too-few': 'too few to judge' };

function groupText(g: GroupExposure): string {
  return `${g.group} ${pct(g.rate)} (${g.shown}/${int(g.eligible)}${g.judged ? '' : ', not judged'})`;
}

function attributeLine(a: AttributeExposure): string {
  const head = `  ${a.attribute.padEnd(15)}`;
  const ratio = a.ratio === null ? '' : `ratio ${a.ratio.toFixed(2)} ${p(a.pValue)}`;
  const tail = `${ratio}  ${VERDICT[a.verdict]}`.trim();
  const small = a.groups.filter((g) => !g.judged).length;
  // Many groups (states): the extremes only; few groups: every one.
  const body =
    a.groups.length > 6
      ? `${a.groups.length} groups, ${a.groups.length - small} judged; lowest ${a.lowest ? groupText(a.lowest) : '-'}; highest ${a.highest ? groupText(a.highest) : '-'}`
      : a.groups.map(groupText).join(' · ');
  return `${head}${body}  →  ${tail}`;
}

function offerBlock(o: OfferFairness): string {
  const aimed =
    o.aimedAt.length > 0
      ? `  [aimed by rule: ${o.aimedAt.join(', ')}]`
      : o.aimedByText.length > 0
        ? `  [text names ${o.aimedByText.join(', ')}; rule does not read them, so judged]`
        : '';
  const rate = o.eligible === 0 ? '-' : pct(o.shown / o.eligible);
  const head = `${o.offerId} (${o.scheme}): eligible ${int(o.eligible)}, unknown ${int(o.unknown)}, shown ${rate}  ${VERDICT[o.verdict]}${aimed}`;
  return [head, ...o.attributes.map(attributeLine)].join('\n');
}

function summary(r: FairnessReport): string[] {
  const judged = r.offers.filter((o) => o.verdict === 'pass' || o.verdict === 'fail').length;
  const rule =
    r.alpha === null
      ? `four-fifths on observed rates (lowest judged group ≥ ${r.threshold} × highest)`
      : `four-fifths, a failure counted only when the groups differ beyond chance (chi-square, family-wise α=${r.alpha}, Bonferroni over ${r.comparisons} comparisons)`;
  const withinChance = r.offers
    .filter(
      (o) => o.verdict === 'pass' && o.attributes.some((a) => a.ratio !== null && a.ratio < r.threshold),
    )
    .map((o) => o.offerId);
  return [
    `Rule: ${rule}; groups under ${r.minGroupSize} eligible owners are not judged.`,
    ...(r.alpha === null
      ? []
      : [`Below four-fifths on observed rates, but within chance: ${withinChance.join(', ') || 'none'}`]),
    `Aimed at a group by rule (not judged): ${r.aimed.join(', ') || 'none'}`,
    `Text names women or SC/ST but rule does not read it: ${r.aimedByText.filter((id) => !r.aimed.includes(id)).join(', ') || 'none'}`,
    `Judged offers: ${judged} of ${r.offers.length}; failing: ${r.failing.join(', ') || 'none'}`,
    `Verdict: ${r.pass ? 'PASS' : 'FAIL'}`,
  ];
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const out = [
    `Owners: ${int(report.owners)} synthetic (src/profile/synthetic.ts, seed ${seed}); recommender: recommend() top ${report.shownPerOwner}`,
    'Exposure rate = eligible owners (rule says yes) shown the offer / eligible owners, per group.',
    '',
    ...report.offers.map((o) => `${offerBlock(o)}\n`),
    ...summary(report),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exitCode = report.pass ? 0 : 1;
