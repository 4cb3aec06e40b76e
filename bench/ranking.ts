// Ranking benchmark: the offline simulation (bench/simulation/) — click-through rate after rounds 1, 5
// and 20 for random, fixed rules and Saathi's learning ranker, the round-20 ratios, and a sensitivity table.
import { loadCatalog } from '../src/personalize/catalog.js';
import { loadSegments } from '../src/personalize/segments.js';
import { simulate, type PolicyName, type SimulationResult } from './simulation/simulate.js';
import { DEFAULT_TASTES, FATIGUE, type TasteModel } from './simulation/world.js';

export interface RankingBench {
  headline: SimulationResult;
  /** Saathi's round-20 CTR over random's and over the better fixed-rules policy's */
  vsRandom: number;
  vsRules: number;
}

const ROUNDS = [1, 5, 20] as const;
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`.padStart(8);
const at = (ctr: readonly number[], round: number): number => ctr[round - 1] ?? Number.NaN;

function ratios(result: SimulationResult): { vsRandom: number; vsRules: number } {
  const last = (name: string): number =>
    at(result.results.find((r) => r.name.startsWith(name))?.ctr ?? [], result.rounds);
  const rules = Math.max(last('fixed rules (segment)'), last('fixed rules (owner)'));
  return { vsRandom: last('Saathi') / last('random'), vsRules: last('Saathi') / rules };
}

function table(result: SimulationResult): void {
  console.log(`${'policy'.padEnd(24)}${ROUNDS.map((r) => `round ${r}`.padStart(9)).join('')}   overall`);
  for (const r of result.results) {
    console.log(
      `${r.name.padEnd(24)}${ROUNDS.map((n) => ` ${pct(at(r.ctr, n))}`).join('')}  ${pct(r.clicks / r.impressions)}`,
    );
  }
}

export async function benchRanking(
  opts: { owners?: number; rounds?: number; seed?: number; sensitivityOwners?: number } = {},
): Promise<RankingBench> {
  const { owners = 5000, rounds = 20, seed = 7, sensitivityOwners = 1000 } = opts;
  const catalog = loadCatalog();
  const segments = loadSegments();
  const base = { rounds, seed, catalog, segments };
  const all: PolicyName[] = ['random', 'segment-rules', 'owner-rules', 'saathi'];

  const headline = await simulate({ ...base, owners, policies: all });
  console.log(
    `${owners} synthetic owners × ${rounds} rounds × 3 items; ${headline.meanEligible.toFixed(1)} eligible items per owner; ${(headline.ms / 1000).toFixed(1)} s`,
  );
  table(headline);
  const { vsRandom, vsRules } = ratios(headline);
  console.log(
    `round ${rounds}: Saathi / random = ${vsRandom.toFixed(2)}× (target ≥ 3)   Saathi / best fixed rules = ${vsRules.toFixed(2)}× (target ≥ 1.5)`,
  );

  if (sensitivityOwners > 0) {
    console.log(
      `\nSensitivity (${sensitivityOwners} owners, round ${rounds} ratios; README.md explains each world):`,
    );
    const worlds: [string, TasteModel, number][] = [
      ['headline world', DEFAULT_TASTES, 0],
      ['group tastes halved', { ...DEFAULT_TASTES, sectorTaste: 0.5, needTaste: 0.5, areaTaste: 0.2 }, 0],
      ['fatigue + 3-day rest', { ...DEFAULT_TASTES, ...FATIGUE }, 3],
    ];
    for (const [name, model, restRounds] of worlds) {
      const r = await simulate({ ...base, owners: sensitivityOwners, policies: all, model, restRounds });
      const q = ratios(r);
      const saathi = at(r.results.find((p) => p.name.startsWith('Saathi'))?.ctr ?? [], rounds);
      console.log(
        `  ${name.padEnd(22)} Saathi ${pct(saathi)}   vs random ${q.vsRandom.toFixed(2)}×   vs fixed rules ${q.vsRules.toFixed(2)}×`,
      );
    }
  }
  return { headline, vsRandom, vsRules };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await benchRanking();
