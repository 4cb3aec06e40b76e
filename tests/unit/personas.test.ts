// Personas: the seeded PRNG, k-means recovering well-separated groups, determinism, missing values,
// k larger than the data, centroids back in plain units, and choosing k by silhouette.
import { describe, expect, it } from 'vitest';
import {
  FEATURES,
  chooseK,
  clusterProfiles,
  kMeans,
  profileFeatures,
  seededRandom,
  silhouette,
  standardize,
} from '../../src/personalize/personas.js';
import type { Profile } from '../../src/profile/profile.js';

/** Three kinds of owner, far apart on sales, workers, years and registration; jittered by a seeded PRNG. */
function threeGroups(perGroup: number, seed = 42): { profiles: Profile[]; truth: number[] } {
  const random = seededRandom(seed);
  const jitter = (x: number, spread = 0.15): number => x * (1 + (random() * 2 - 1) * spread);
  const groups: ((i: number) => Profile)[] = [
    () => ({
      monthlySales: jitter(20_000),
      yearsInBusiness: Math.round(jitter(2, 0.5)),
      workers: 0,
      udyam: false,
      gst: false,
      digitalPayments: false,
      area: 'rural',
      amount: jitter(15_000),
    }),
    () => ({
      monthlySales: jitter(5_00_000),
      yearsInBusiness: Math.round(jitter(10)),
      workers: Math.round(jitter(4)),
      udyam: true,
      gst: false,
      digitalPayments: true,
      area: 'urban',
      amount: jitter(5_00_000),
    }),
    () => ({
      monthlySales: jitter(2_00_00_000),
      yearsInBusiness: Math.round(jitter(25)),
      workers: Math.round(jitter(60)),
      udyam: true,
      gst: true,
      digitalPayments: true,
      area: 'urban',
      amount: jitter(1_00_00_000),
    }),
  ];
  const profiles: Profile[] = [];
  const truth: number[] = [];
  for (let i = 0; i < perGroup; i++) {
    groups.forEach((make, g) => {
      profiles.push(make(i));
      truth.push(g);
    });
  }
  return { profiles, truth };
}

/** True when two labelings split the items the same way (up to renaming the clusters). */
function samePartition(a: readonly number[], b: readonly number[]): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  return a.every((x, i) => {
    const y = b[i] ?? -1;
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
    return true;
  });
}

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(seededRandom(8)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('clusterProfiles', () => {
  const { profiles, truth } = threeGroups(40);

  it('recovers three well-separated groups', () => {
    const result = clusterProfiles(profiles, 3, 1);
    expect(result.k).toBe(3);
    expect(samePartition(result.assignments, truth)).toBe(true);
    expect([...result.sizes].sort()).toEqual([40, 40, 40]);
    expect(result.converged).toBe(true);
  });

  it('recovers them from any seed', () => {
    for (const seed of [2, 3, 99, 12345]) {
      expect(samePartition(clusterProfiles(profiles, 3, seed).assignments, truth), `seed ${seed}`).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    const first = clusterProfiles(profiles, 4, 17);
    const again = clusterProfiles(profiles, 4, 17);
    expect(again.assignments).toEqual(first.assignments);
    expect(again.centers).toEqual(first.centers);
    expect(again.inertia).toBe(first.inertia);
  });

  it('gives centroids and medians in plain units', () => {
    const result = clusterProfiles(profiles, 3, 1);
    const small = result.assignments[truth.indexOf(0)] ?? -1;
    const big = result.assignments[truth.indexOf(2)] ?? -1;
    const s = result.centroids[small]!;
    expect(s.monthlySales).toBeGreaterThan(15_000);
    expect(s.monthlySales).toBeLessThan(25_000);
    expect(s.ruralShare).toBeCloseTo(1, 6);
    expect(s.udyamShare).toBeCloseTo(0, 6);
    expect(s.workers).toBeCloseTo(0, 6);
    const b = result.medians[big]!;
    expect(b.monthlySales).toBeGreaterThan(1_50_00_000);
    expect(b.workers).toBeGreaterThan(45);
    expect(b.gstShare).toBe(1);
    expect(b.yearsInBusiness).toBeGreaterThan(20);
  });

  it('has lower inertia with more clusters, and sizes that add up', () => {
    const two = clusterProfiles(profiles, 2, 1);
    const three = clusterProfiles(profiles, 3, 1);
    expect(three.inertia).toBeLessThan(two.inertia);
    expect(two.sizes.reduce((a, b) => a + b, 0)).toBe(profiles.length);
  });

  it('imputes missing values with the feature mean', () => {
    const withGaps: Profile[] = profiles.map((p, i) => {
      const { monthlySales: _sales, ...noSales } = p;
      if (i % 7 === 0) return noSales;
      if (i % 11 === 0) return p.udyam === undefined ? {} : { udyam: p.udyam };
      return p;
    });
    const result = clusterProfiles(withGaps, 3, 1);
    expect(result.assignments).toHaveLength(withGaps.length);
    expect(result.centers.flat().every(Number.isFinite)).toBe(true);
    expect(result.centroids.every((c) => Object.values(c).every(Number.isFinite))).toBe(true);
    // A profile that answered nothing sits at the mean: all zeros once standardized.
    const { rows } = standardize([...profiles, {}].map(profileFeatures));
    expect(rows.at(-1)).toEqual(FEATURES.map(() => 0));
    // The complete profiles still split along the true groups.
    const complete = withGaps
      .map((p, i) => [p, i] as const)
      .filter(([p]) => p.monthlySales !== undefined && p.workers !== undefined);
    expect(
      samePartition(
        complete.map(([, i]) => result.assignments[i] ?? -1),
        complete.map(([, i]) => truth[i] ?? -1),
      ),
    ).toBe(true);
  });

  it('copes with k greater than the number of profiles or of distinct profiles', () => {
    const two = clusterProfiles(profiles.slice(0, 2), 5, 1);
    expect(two.k).toBe(2);
    expect([...two.sizes].sort()).toEqual([1, 1]);
    expect(two.inertia).toBe(0);
    const same = clusterProfiles([profiles[0]!, profiles[0]!, profiles[0]!], 3, 1);
    expect(same.k).toBe(1);
    expect(same.sizes).toEqual([3]);
    const none = clusterProfiles([], 3, 1);
    expect(none).toMatchObject({ k: 0, assignments: [], sizes: [], inertia: 0 });
  });

  it('refuses a k that is not a positive whole number', () => {
    expect(() => kMeans([[0]], 0, 1)).toThrow(RangeError);
    expect(() => kMeans([[0]], 1.5, 1)).toThrow(RangeError);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = clusterProfiles(threeGroups(200, 5).profiles, 7, 3, { maxIterations: 1, tolerance: 0 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });
});

describe('chooseK', () => {
  it('picks 3 for three well-separated groups, by silhouette on a sample', () => {
    const { profiles } = threeGroups(100);
    const { k, scores } = chooseK(profiles, { kMin: 2, kMax: 6, sampleSize: 150, seed: 4 });
    expect(k).toBe(3);
    expect(scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    const best = scores.find((s) => s.k === 3)!;
    expect(best.silhouette).toBeGreaterThan(0.7);
    expect(scores.every((s) => s.silhouette <= best.silhouette)).toBe(true);
  });

  it('is deterministic and never asks for more clusters than distinct profiles', () => {
    const { profiles } = threeGroups(30);
    expect(chooseK(profiles, { seed: 9, sampleSize: 60 })).toEqual(
      chooseK(profiles, { seed: 9, sampleSize: 60 }),
    );
    const twoKinds = [profiles[0]!, profiles[1]!, profiles[0]!, profiles[1]!];
    expect(chooseK(twoKinds, { kMax: 5 }).k).toBe(2);
  });
});

describe('silhouette', () => {
  it('is near 1 for tight, distant clusters and 0 for a single cluster', () => {
    const points = [[0], [0.1], [10], [10.1]];
    expect(silhouette(points, [0, 0, 1, 1], 2)).toBeGreaterThan(0.95);
    expect(silhouette(points, [0, 1, 0, 1], 2)).toBeLessThan(0);
    expect(silhouette(points, [0, 0, 0, 0], 1)).toBe(0);
  });
});
