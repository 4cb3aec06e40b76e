// Thompson sampling: Gamma and Beta samplers match their means and variances, posteriors count clicks,
// and the per-segment prior starts unseen items at the segment's average.
import { describe, expect, it } from 'vitest';
import {
  betaMean,
  posterior,
  pooledRate,
  sampleBeta,
  sampleGamma,
  segmentPrior,
  thompson,
  UNIFORM_PRIOR,
} from '../../src/personalize/bandit.js';
import { seededRandom } from '../../src/personalize/personas.js';

const N = 20_000;
const moments = (draw: () => number): { mean: number; variance: number } => {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / N;
  return { mean, variance: sq / N - mean * mean };
};

describe('sampleGamma', () => {
  it.each([0.3, 1, 2.5, 40])('has mean and variance ≈ shape for shape %s', (shape) => {
    const rng = seededRandom(11);
    const { mean, variance } = moments(() => sampleGamma(shape, rng));
    expect(mean).toBeCloseTo(shape, shape < 1 ? 1 : 0);
    expect(Math.abs(variance - shape) / shape).toBeLessThan(0.08);
  });

  it('rejects a shape that is not positive', () => {
    expect(() => sampleGamma(0, Math.random)).toThrow(RangeError);
    expect(() => sampleGamma(Number.NaN, Math.random)).toThrow(RangeError);
  });
});

describe('sampleBeta', () => {
  it.each([
    [1, 1],
    [2, 8],
    [0.5, 0.5],
    [31, 271],
    [300, 100],
  ])('Beta(%s, %s) samples average α/(α+β) and stay in [0, 1]', (alpha, beta) => {
    const rng = seededRandom(3);
    const draws = Array.from({ length: N }, () => sampleBeta(alpha, beta, rng));
    const mean = draws.reduce((a, b) => a + b, 0) / N;
    const variance = draws.reduce((a, x) => a + (x - mean) ** 2, 0) / N;
    const expectedVar = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    expect(Math.abs(mean - alpha / (alpha + beta))).toBeLessThan(0.01);
    expect(Math.abs(variance - expectedVar) / expectedVar).toBeLessThan(0.1);
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 50 }, () => sampleBeta(2, 5, a))).toEqual(
      Array.from({ length: 50 }, () => sampleBeta(2, 5, b)),
    );
  });
});

describe('posterior and thompson', () => {
  it('is Beta(1 + positive, 1 + shown − positive) with the flat prior', () => {
    expect(posterior({ shown: 10, positive: 3, negative: 1 })).toEqual({ alpha: 4, beta: 8 });
    expect(posterior({ shown: 0, positive: 0, negative: 0 })).toEqual(UNIFORM_PRIOR);
  });

  it('samples around the observed rate once there is plenty of feedback', () => {
    const rng = seededRandom(5);
    const stats = { shown: 10_000, positive: 2_000, negative: 10 };
    const { mean } = moments(() => thompson(stats, rng));
    expect(mean).toBeCloseTo(0.2, 2);
  });

  it('prefers the better item almost always once the evidence is clear', () => {
    const rng = seededRandom(9);
    const good = { shown: 500, positive: 100, negative: 0 };
    const bad = { shown: 500, positive: 25, negative: 0 };
    let wins = 0;
    for (let i = 0; i < 1000; i++) if (thompson(good, rng) > thompson(bad, rng)) wins++;
    expect(wins).toBeGreaterThan(990);
  });
});

describe('segment prior', () => {
  it('is flat before any feedback and centred on the pooled rate after', () => {
    expect(segmentPrior([])).toEqual(UNIFORM_PRIOR);
    const stats = [
      { shown: 100, positive: 10, negative: 0 },
      { shown: 300, positive: 30, negative: 2 },
    ];
    expect(pooledRate(stats)).toBeCloseTo(0.1);
    const prior = segmentPrior(stats, 4);
    expect(betaMean(prior)).toBeCloseTo(0.1);
    expect(prior.alpha + prior.beta).toBeCloseTo(4);
  });
});
