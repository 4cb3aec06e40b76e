// `npm run segments -- [--source auto|redis|synthetic] [--prefix saathi:] [--profiles 20000] [--seed 1] [--k auto|N]`:
// reads every owner profile from the Redis profile store at REDIS_URL (or, when none answers or it is empty,
// generates synthetic owners) and prints segment sizes and k-means personas in plain units.
import { parseArgs } from 'node:util';
import { connectRedis, redactRedisUrl as redact } from './redis-connect.js';
import { createRedisProfileStore } from '../src/adapters/redis-profile-store.js';
import { createSealer } from '../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { chooseK, clusterProfiles, type KScore, type PersonaCentroid } from '../src/personalize/personas.js';
import { countSegments, loadSegments, segmentOf, type Segment } from '../src/personalize/segments.js';
import type { Profile } from '../src/profile/profile.js';
import type { ProfileStore } from '../src/profile/store.js';
import { generateOwners } from '../src/profile/synthetic.js';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function fail(message: string): never {
  process.stderr.write(`segments: ${message}\n`);
  process.exit(1);
}
const note = (message: string): void => void process.stderr.write(`segments: ${message}\n`);

/** Every profile in a store, through the ProfileStore port only. */
async function readProfiles(store: ProfileStore, batchSize = 1_000): Promise<Profile[]> {
  const out: Profile[] = [];
  for await (const batch of store.scan(batchSize)) for (const record of batch) out.push(record.profile);
  return out;
}

/** A Redis profile store if one answers at `url`, else the reason it could not be reached. */
async function openRedisStore(
  url: string,
  prefix: string,
  dataKey: Buffer | undefined,
): Promise<ProfileStore | Error> {
  const redis = await connectRedis(url);
  if (redis instanceof Error) return redis;
  return createRedisProfileStore({ redis, sealer: createSealer(dataKey), prefix });
}

// ---------- formatting ----------
const int = (n: number): string => Math.round(n).toLocaleString('en-IN');
const pct = (share: number): string => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
function rupees(n: number): string {
  if (n >= 1e7) return `₹${(n / 1e7).toFixed(n >= 1e8 ? 0 : 1)} crore`;
  if (n >= 1e5) return `₹${(n / 1e5).toFixed(n >= 1e6 ? 0 : 1)} lakh`;
  return `₹${int(Math.round(n / 100) * 100)}`;
}
function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number>,
): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function segmentTable(profiles: readonly Profile[], segments: readonly Segment[]): string {
  const counts = countSegments(profiles, segments);
  const rows = segments.map((s) => {
    const n = counts.get(s.id) ?? 0;
    return [String(s.priority), s.id, s.text.en.name, int(n), pct(n / Math.max(profiles.length, 1))];
  });
  return table(['prio', 'segment', 'name', 'owners', 'share'], rows, new Set([0, 3, 4]));
}

function personaRow(i: number, size: number, total: number, c: PersonaCentroid, top: string): string[] {
  return [
    String(i + 1),
    int(size),
    pct(size / Math.max(total, 1)),
    rupees(c.monthlySales),
    c.yearsInBusiness.toFixed(1),
    c.workers.toFixed(1),
    pct(c.udyamShare),
    pct(c.gstShare),
    pct(c.digitalShare),
    pct(c.ruralShare),
    rupees(c.amount),
    top,
  ];
}

// ---------- main ----------
const { values } = parseArgs({
  options: {
    source: { type: 'string', default: 'auto' },
    prefix: { type: 'string', default: 'saathi:' },
    profiles: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    k: { type: 'string', default: 'auto' },
  },
});
if (!['auto', 'redis', 'synthetic'].includes(values.source))
  fail('--source must be auto, redis or synthetic');
const syntheticCount = Number(values.profiles);
if (!Number.isInteger(syntheticCount) || syntheticCount < 1)
  fail('--profiles must be a positive whole number');
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
const fixedK = values.k === 'auto' ? undefined : Number(values.k);
if (fixedK !== undefined && (!Number.isInteger(fixedK) || fixedK < 1))
  fail('--k must be auto or a positive whole number');

let config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

let profiles: Profile[] = [];
let origin = '';
if (values.source !== 'synthetic') {
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const store = await openRedisStore(url, values.prefix, config.dataKey);
  if (store instanceof Error) {
    if (values.source === 'redis') fail(`no Redis answers at ${redact(url)} (${store.message})`);
    note(`no Redis answers at ${redact(url)} (${store.message}); using synthetic owners instead.`);
  } else {
    try {
      profiles = await readProfiles(store);
    } catch (error) {
      fail(
        `could not read profiles from ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await store.close();
    }
    origin = `Redis profile store at ${redact(url)} (prefix ${values.prefix})`;
    if (profiles.length === 0 && values.source === 'redis')
      fail(`the profile store at ${redact(url)} is empty; run npm run seed first`);
    if (profiles.length === 0)
      note(`the profile store at ${redact(url)} is empty; using synthetic owners instead.`);
  }
}
if (profiles.length === 0) {
  profiles = [...generateOwners(syntheticCount, seed)].map((record) => record.profile);
  origin = `${int(syntheticCount)} synthetic owners (src/profile/synthetic.ts, seed ${seed})`;
}

const segments = loadSegments();
const out: string[] = [
  `Profiles: ${int(profiles.length)} from ${origin}`,
  '',
  'Segments (first match by priority)',
  segmentTable(profiles, segments),
];

let k = fixedK;
let scores: KScore[] = [];
if (k === undefined) {
  ({ k, scores } = chooseK(profiles, { seed, kMin: 2, kMax: 8 }));
}
const personas = clusterProfiles(profiles, k, seed);
const segmentIds = profiles.map((p) => segmentOf(p, segments).id);
const mains = personas.centers.map((_, c) => {
  const tally = new Map<string, number>();
  personas.assignments.forEach((a, i) => {
    const id = segmentIds[i];
    if (a === c && id !== undefined) tally.set(id, (tally.get(id) ?? 0) + 1);
  });
  const [id, n] = [...tally].sort((x, y) => y[1] - x[1])[0] ?? ['-', 0];
  return `${id} (${pct(n / Math.max(personas.sizes[c] ?? 1, 1))})`;
});
out.push(
  '',
  fixedK === undefined
    ? `Personas: k = ${personas.k}, chosen by mean silhouette on a sample (${scores.map((s) => `k=${s.k}: ${s.silhouette.toFixed(3)}`).join(', ')})`
    : `Personas: k = ${personas.k}`,
  `k-means++ seed ${seed}, ${personas.iterations} iterations, ${personas.converged ? 'converged' : 'NOT converged'}, inertia ${personas.inertia.toFixed(0)} (standardized units)`,
  'Each persona in plain units: medians of sales, years, workers and amount; yes/no answers as shares of the persona.',
  table(
    [
      '#',
      'owners',
      'share',
      'sales/month',
      'years',
      'workers',
      'Udyam',
      'GST',
      'digital',
      'rural',
      'amount needed',
      'main segment',
    ],
    personas.medians.map((c, i) =>
      personaRow(i, personas.sizes[i] ?? 0, profiles.length, c, mains[i] ?? '-'),
    ),
    new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  ),
);
process.stdout.write(`${out.join('\n')}\n`);
