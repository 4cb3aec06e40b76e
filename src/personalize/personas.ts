// Personas: k-means (k-means++ start, seeded, deterministic) over standardized numeric features of owner
// profiles, with centroids turned back into plain units, and a silhouette-based helper to choose k.
import type { Profile } from '../profile/profile.js';

export const FEATURES = [
  'logMonthlySales',
  'yearsInBusiness',
  'logWorkers',
  'udyam',
  'gst',
  'digitalPayments',
  'rural',
  'logAmount',
] as const;
export type Feature = (typeof FEATURES)[number];

const flag = (value: boolean | undefined): number | undefined =>
  value === undefined ? undefined : value ? 1 : 0;
const log1p = (value: number | undefined): number | undefined =>
  value === undefined ? undefined : Math.log1p(value);

/**
 * A profile's features in FEATURES order; undefined where the owner has not answered. Sales, workers and
 * amount are log-scaled (log1p, so ₹0 and 0 workers are fine) because they span several orders of magnitude.
 */
export function profileFeatures(p: Profile): (number | undefined)[] {
  return [
    log1p(p.monthlySales),
    p.yearsInBusiness,
    log1p(p.workers),
    flag(p.udyam),
    flag(p.gst),
    flag(p.digitalPayments),
    p.area === undefined ? undefined : p.area === 'rural' ? 1 : 0,
    log1p(p.amount),
  ];
}

/** Per-feature mean and standard deviation over the answered values (missing values are left out). */
export interface Scaling {
  means: number[];
  stds: number[];
}

/** Standardized rows: missing values imputed with the feature mean (so they become 0), then z-scored. */
export function standardize(raw: readonly (readonly (number | undefined)[])[]): {
  rows: number[][];
  scaling: Scaling;
} {
  const dims = FEATURES.length;
  const means: number[] = [];
  const stds: number[] = [];
  for (let d = 0; d < dims; d++) {
    const values = raw.map((r) => r[d]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const mean = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
    const variance =
      values.length === 0 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    means.push(mean);
    stds.push(variance > 0 ? Math.sqrt(variance) : 1);
  }
  const rows = raw.map((r) =>
    means.map((mean, d) => {
      const v = r[d];
      return v === undefined || !Number.isFinite(v) ? 0 : (v - mean) / (stds[d] ?? 1);
    }),
  );
  return { rows, scaling: { means, stds } };
}

/** Mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). Same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dist2(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return sum;
}

function nearest(point: readonly number[], centers: readonly number[][]): [index: number, d2: number] {
  let best = 0;
  let bestD = Infinity;
  centers.forEach((c, i) => {
    const d = dist2(point, c);
    if (d < bestD) [best, bestD] = [i, d];
  });
  return [best, bestD];
}

/** Picks an index with probability proportional to its weight (weights sum to total > 0). */
function weightedPick(weights: readonly number[], total: number, random: () => number): number {
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  // Rounding left r ≥ 0: the last index with weight.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
  return 0;
}

/**
 * k-means++ seeding: the first center uniformly, each next one with probability ∝ squared distance to the
 * nearest chosen center. Stops early when every point already sits on a center (fewer distinct points
 * than k), so the result may have fewer than k centers.
 */
function seedCenters(points: readonly number[][], k: number, random: () => number): number[][] {
  const first = points[Math.floor(random() * points.length)];
  if (!first) return [];
  const centers = [[...first]];
  const d2 = points.map((p) => dist2(p, first));
  while (centers.length < k) {
    const total = d2.reduce((a, b) => a + b, 0);
    if (total <= 0) break;
    const next = points[weightedPick(d2, total, random)];
    if (!next) break;
    centers.push([...next]);
    points.forEach((p, i) => (d2[i] = Math.min(d2[i] ?? Infinity, dist2(p, next))));
  }
  return centers;
}

export interface KMeansOptions {
  /** Lloyd iterations at most; default 100. */
  maxIterations?: number;
  /** Stop when no center moves more than this (standardized units); default 1e-6. */
  tolerance?: number;
}

export interface KMeansResult {
  centers: number[][];
  assignments: number[];
  sizes: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** Lloyd's k-means on already standardized rows. An emptied cluster takes the point farthest from its center. */
export function kMeans(
  points: readonly number[][],
  k: number,
  seed: number,
  opts: KMeansOptions = {},
): KMeansResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, not ${k}`);
  const { maxIterations = 100, tolerance = 1e-6 } = opts;
  const random = seededRandom(seed);
  let centers = seedCenters(points, Math.min(k, points.length), random);
  const assignments = points.map(() => -1);
  let iterations = 0;
  let converged = points.length === 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const d2 = points.map((p, i) => {
      const [c, d] = nearest(p, centers);
      assignments[i] = c;
      return d;
    });
    const sums = centers.map((c) => c.map(() => 0));
    const counts = centers.map(() => 0);
    points.forEach((p, i) => {
      const c = assignments[i] ?? 0;
      const sum = sums[c];
      if (!sum) return;
      counts[c] = (counts[c] ?? 0) + 1;
      p.forEach((v, d) => (sum[d] = (sum[d] ?? 0) + v));
    });
    const next = centers.map((old, c) => {
      const n = counts[c] ?? 0;
      const sum = sums[c];
      if (n > 0 && sum) return sum.map((s) => s / n);
      // Empty cluster: move it to the point worst served now, and give that point to it.
      const far = d2.reduce((best, d, i) => (d > (d2[best] ?? -1) ? i : best), 0);
      const point = points[far];
      if (!point) return old;
      d2[far] = 0;
      assignments[far] = c;
      return [...point];
    });
    const shift = Math.max(...next.map((c, i) => Math.sqrt(dist2(c, centers[i] ?? c))));
    centers = next;
    converged = shift <= tolerance;
  }
  // Final assignment against the final centers, so assignments, sizes and inertia agree.
  const sizes = centers.map(() => 0);
  let inertia = 0;
  points.forEach((p, i) => {
    const [c, d] = nearest(p, centers);
    assignments[i] = c;
    sizes[c] = (sizes[c] ?? 0) + 1;
    inertia += d;
  });
  return { centers, assignments, sizes, inertia, iterations, converged };
}

/** A persona's center in plain units. Yes/no features are shares (0–1) of the cluster. */
export interface PersonaCentroid {
  /** rupees a month (log-mean: a typical value, not the arithmetic mean) */
  monthlySales: number;
  yearsInBusiness: number;
  workers: number;
  udyamShare: number;
  gstShare: number;
  digitalShare: number;
  ruralShare: number;
  /** rupees needed (log-mean) */
  amount: number;
}

export interface Personas extends KMeansResult {
  /** number of clusters found: min(k, distinct profiles) */
  k: number;
  /** the k-means centers turned back into plain units */
  centroids: PersonaCentroid[];
  /** per persona: medians of the answered numbers and shares among answered yes/no (easiest to read) */
  medians: PersonaCentroid[];
  scaling: Scaling;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** A standardized center back in plain units. */
export function toPlainUnits(center: readonly number[], scaling: Scaling): PersonaCentroid {
  const raw = (d: number): number => (center[d] ?? 0) * (scaling.stds[d] ?? 1) + (scaling.means[d] ?? 0);
  const exp = (d: number): number => Math.max(0, Math.expm1(raw(d)));
  return {
    monthlySales: exp(0),
    yearsInBusiness: Math.max(0, raw(1)),
    workers: exp(2),
    udyamShare: clamp01(raw(3)),
    gstShare: clamp01(raw(4)),
    digitalShare: clamp01(raw(5)),
    ruralShare: clamp01(raw(6)),
    amount: exp(7),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

/** Medians and shares of one group of profiles, in plain units; NaN where nobody answered. */
export function summarize(profiles: readonly Profile[]): PersonaCentroid {
  const nums = (pick: (p: Profile) => number | undefined): number[] =>
    profiles.map(pick).filter((v): v is number => v !== undefined);
  const share = (pick: (p: Profile) => boolean | undefined): number => {
    const answered = profiles.map(pick).filter((v): v is boolean => v !== undefined);
    return answered.length === 0 ? Number.NaN : answered.filter(Boolean).length / answered.length;
  };
  return {
    monthlySales: median(nums((p) => p.monthlySales)),
    yearsInBusiness: median(nums((p) => p.yearsInBusiness)),
    workers: median(nums((p) => p.workers)),
    udyamShare: share((p) => p.udyam),
    gstShare: share((p) => p.gst),
    digitalShare: share((p) => p.digitalPayments),
    ruralShare: share((p) => (p.area === undefined ? undefined : p.area === 'rural')),
    amount: median(nums((p) => p.amount)),
  };
}

/** Clusters owner profiles into k personas (fewer when there are fewer distinct profiles than k). */
export function clusterProfiles(
  profiles: readonly Profile[],
  k: number,
  seed: number,
  opts: KMeansOptions = {},
): Personas {
  const { rows, scaling } = standardize(profiles.map(profileFeatures));
  const result = kMeans(rows, k, seed, opts);
  const members = result.centers.map((): Profile[] => []);
  result.assignments.forEach((c, i) => {
    const p = profiles[i];
    if (p) members[c]?.push(p);
  });
  return {
    ...result,
    k: result.centers.length,
    centroids: result.centers.map((c) => toPlainUnits(c, scaling)),
    medians: members.map(summarize),
    scaling,
  };
}

/** Mean silhouette of a clustering: near 1 tight and apart, near 0 overlapping. O(n²): use a sample. */
export function silhouette(points: readonly number[][], assignments: readonly number[], k: number): number {
  if (k < 2 || points.length < 2) return 0;
  let total = 0;
  points.forEach((p, i) => {
    const sum = new Array<number>(k).fill(0);
    const count = new Array<number>(k).fill(0);
    points.forEach((q, j) => {
      if (i === j) return;
      const c = assignments[j] ?? 0;
      sum[c] = (sum[c] ?? 0) + Math.sqrt(dist2(p, q));
      count[c] = (count[c] ?? 0) + 1;
    });
    const own = assignments[i] ?? 0;
    if ((count[own] ?? 0) === 0) return; // a singleton scores 0
    const a = (sum[own] ?? 0) / (count[own] ?? 1);
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (count[c] ?? 0) > 0) b = Math.min(b, (sum[c] ?? 0) / (count[c] ?? 1));
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b);
  });
  return total / points.length;
}

export interface ChooseKOptions extends KMeansOptions {
  /** smallest and largest k tried; defaults 2 and 8 */
  kMin?: number;
  kMax?: number;
  /** profiles scored (silhouette is quadratic); default 1,500 */
  sampleSize?: number;
  seed?: number;
}

export interface KScore {
  k: number;
  silhouette: number;
  inertia: number;
}

/**
 * Chooses k by the best mean silhouette on a seeded random sample. Silhouette, not the elbow: it gives a
 * maximum to pick instead of a bend to eyeball, and it penalizes splitting one real group in two. The
 * inertia of each k is reported too, for an elbow plot.
 */
export function chooseK(
  profiles: readonly Profile[],
  opts: ChooseKOptions = {},
): { k: number; scores: KScore[] } {
  const { kMin = 2, kMax = 8, sampleSize = 1_500, seed = 1 } = opts;
  const random = seededRandom(seed ^ 0x9e3779b9);
  const pool = [...profiles];
  const n = Math.min(sampleSize, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const [a, b] = [pool[i], pool[j]];
    if (a && b) [pool[i], pool[j]] = [b, a];
  }
  const { rows } = standardize(pool.slice(0, n).map(profileFeatures));
  const scores: KScore[] = [];
  for (let k = Math.max(2, kMin); k <= Math.min(kMax, n); k++) {
    const result = kMeans(rows, k, seed, opts);
    if (result.centers.length < k) break; // fewer distinct profiles than k
    scores.push({ k, silhouette: silhouette(rows, result.assignments, k), inertia: result.inertia });
  }
  const best = scores.reduce<KScore | undefined>(
    (b, s) => (!b || s.silhouette > b.silhouette ? s : b),
    undefined,
  );
  return { k: best?.k ?? Math.min(Math.max(1, kMin), Math.max(1, n)), scores };
}
