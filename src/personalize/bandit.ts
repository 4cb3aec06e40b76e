// Thompson sampling for the learning ranker: a Beta posterior of each (segment, item) click rate, drawn
// with a Beta sampler built from two Gamma draws (Marsaglia–Tsang) on an injected, seedable RNG.
import type { ItemStats } from './feedback-store.js';

/** Uniform in [0, 1). Inject a seeded one (seededRandom from personas.ts) for reproducible runs. */
export type Rng = () => number;

export interface BetaParams {
  readonly alpha: number;
  readonly beta: number;
}

/** The flat prior Beta(1, 1): every click rate equally likely before any feedback. */
export const UNIFORM_PRIOR: BetaParams = Object.freeze({ alpha: 1, beta: 1 });

/** Standard normal draw (Box–Muller; `1 − u` keeps the logarithm finite). */
export function sampleNormal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma(shape, 1) draw by Marsaglia and Tsang (2000), "A simple method for generating gamma variables".
 * Shapes below 1 use the boost Gamma(a) = Gamma(a + 1) · U^(1/a).
 */
export function sampleGamma(shape: number, rng: Rng): number {
  if (!(shape > 0) || !Number.isFinite(shape))
    throw new RangeError(`gamma shape must be positive, not ${shape}`);
  if (shape < 1) return sampleGamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(alpha, beta) draw as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(alpha: number, beta: number, rng: Rng): number {
  const x = sampleGamma(alpha, rng);
  const y = sampleGamma(beta, rng);
  const sum = x + y;
  // Both underflow only for tiny shapes; fall back to the mean rather than divide 0 by 0.
  return sum > 0 ? x / sum : alpha / (alpha + beta);
}

/** Posterior of the click rate: Beta(α₀ + positive, β₀ + shown − positive). */
export function posterior(stats: ItemStats, prior: BetaParams = UNIFORM_PRIOR): BetaParams {
  const positive = Math.max(0, stats.positive);
  const misses = Math.max(0, stats.shown - positive);
  return { alpha: prior.alpha + positive, beta: prior.beta + misses };
}

export const betaMean = ({ alpha, beta }: BetaParams): number => alpha / (alpha + beta);

/** One Thompson sample of an item's click rate. */
export function thompson(stats: ItemStats, rng: Rng, prior: BetaParams = UNIFORM_PRIOR): number {
  const { alpha, beta } = posterior(stats, prior);
  return sampleBeta(alpha, beta, rng);
}

/** Pooled click rate of a segment over the given items; undefined before any impression. */
export function pooledRate(stats: Iterable<ItemStats>): number | undefined {
  let shown = 0;
  let positive = 0;
  for (const s of stats) {
    shown += s.shown;
    positive += Math.min(s.positive, s.shown);
  }
  return shown > 0 ? positive / shown : undefined;
}

/**
 * A per-segment (empirical Bayes) prior: centred on the segment's pooled click rate, worth `strength`
 * impressions, so an item nobody in the segment has seen yet starts at the segment's average instead of
 * at 50%. Flat Beta(1, 1) until the segment has any feedback.
 */
export function segmentPrior(stats: Iterable<ItemStats>, strength = 4): BetaParams {
  const rate = pooledRate(stats);
  if (rate === undefined || !(strength > 0)) return UNIFORM_PRIOR;
  const mean = Math.min(0.99, Math.max(0.01, rate));
  return { alpha: mean * strength, beta: (1 - mean) * strength };
}
