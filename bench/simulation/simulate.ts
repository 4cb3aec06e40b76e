// Offline simulation of the recommendation loop: every round each synthetic owner is shown a few items by
// a policy, clicks by their hidden preferences, and the policy's feedback store gets the outcomes.
// Reports the click-through rate per round for each policy. Deterministic for a seed.
import { createMemoryFeedbackStore } from '../../src/adapters/memory-feedback-store.js';
import type { Catalog } from '../../src/personalize/catalog.js';
import type { Outcome } from '../../src/personalize/feedback-store.js';
import { seededRandom } from '../../src/personalize/personas.js';
import type { Segment } from '../../src/personalize/segments.js';
import {
  oraclePolicy,
  ownerRulesPolicy,
  randomPolicy,
  saathiPolicy,
  segmentRulesPolicy,
  type Policy,
} from './policies.js';
import { buildWorld, streamSeed, type TasteModel, type World } from './world.js';

export const POLICY_NAMES = ['random', 'segment-rules', 'owner-rules', 'saathi', 'oracle'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface SimulationOptions {
  owners: number;
  rounds: number;
  seed: number;
  catalog: Catalog;
  segments: readonly Segment[];
  /** items shown per owner per round; default 3 */
  perRound?: number;
  /** a round is a day; items seen fewer than this many rounds ago are rested; default 0 (no resting) */
  restRounds?: number;
  model?: TasteModel;
  /** default: all but the oracle */
  policies?: readonly PolicyName[];
  /** Saathi's RankContext.relevanceWeight (ranker default when unset) */
  relevanceWeight?: number;
}

export interface PolicyResult {
  name: string;
  /** click-through rate of each round (clicks / impressions in that round), round 1 first */
  ctr: number[];
  clicks: number;
  impressions: number;
}

export interface SimulationResult {
  results: PolicyResult[];
  owners: number;
  rounds: number;
  /** mean number of eligible items per owner */
  meanEligible: number;
  ms: number;
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function makePolicy(
  name: PolicyName,
  world: World,
  seed: number,
  relevanceWeight: number | undefined,
): Policy {
  const rng = seededRandom(streamSeed(seed, `policy/${name}`));
  switch (name) {
    case 'random':
      return randomPolicy(rng);
    case 'segment-rules':
      return segmentRulesPolicy(world.owners);
    case 'owner-rules':
      return ownerRulesPolicy();
    case 'saathi':
      return saathiPolicy(
        rng,
        [...new Set(world.owners.map((o) => o.segment))].sort(),
        world.items.map((i) => i.id),
        relevanceWeight,
      );
    case 'oracle': {
      const { logits, itemIndex } = world.hidden;
      return oraclePolicy(
        (owner, id) => logits[owner.index * world.items.length + (itemIndex.get(id) ?? 0)] ?? 0,
      );
    }
  }
}

async function run(
  world: World,
  policy: Policy,
  name: PolicyName,
  opts: Required<Pick<SimulationOptions, 'rounds' | 'seed' | 'perRound' | 'restRounds'>>,
): Promise<PolicyResult> {
  const { hidden, owners, items } = world;
  const { model } = hidden;
  const store = createMemoryFeedbackStore();
  const clicksOf = new Uint16Array(owners.length * items.length);
  const ignoresOf = new Uint16Array(owners.length * items.length);
  const chance = seededRandom(streamSeed(opts.seed, `clicks/${name}`));
  const ctr: number[] = [];
  let clicks = 0;
  let impressions = 0;
  for (let round = 0; round < opts.rounds; round++) {
    const now = START + round * DAY_MS;
    await policy.beginRound(store);
    const events: [string, string, Outcome][] = [];
    let roundClicks = 0;
    let roundShown = 0;
    for (const owner of owners) {
      const shown = policy.choose({
        owner,
        dismissed: await store.dismissed(owner.ownerId),
        seen: await store.seen(owner.ownerId),
        now,
        restMs: opts.restRounds * DAY_MS,
        limit: opts.perRound,
      });
      for (const id of shown) {
        const cell = owner.index * items.length + (hidden.itemIndex.get(id) ?? -1);
        const logit = hidden.logits[cell];
        if (logit === undefined || Number.isNaN(logit))
          throw new Error(`${policy.name} showed ineligible item ${id}`);
        const p = sigmoid(
          logit - model.afterClick * (clicksOf[cell] ?? 0) - model.afterIgnore * (ignoresOf[cell] ?? 0),
        );
        events.push([owner.segment, id, 'shown']);
        roundShown++;
        if (chance() < p) {
          roundClicks++;
          clicksOf[cell] = (clicksOf[cell] ?? 0) + 1;
          events.push([owner.segment, id, 'positive']);
        } else {
          ignoresOf[cell] = (ignoresOf[cell] ?? 0) + 1;
          if (chance() < model.dismiss) {
            events.push([owner.segment, id, 'negative']);
            await store.dismiss(owner.ownerId, id);
          }
        }
      }
      await store.markSeen(owner.ownerId, shown, now);
    }
    // Segment feedback reaches the ranker once a round (a daily batch), not while the round runs.
    for (const [segment, id, outcome] of events) await store.record(segment, id, outcome);
    ctr.push(roundShown === 0 ? 0 : roundClicks / roundShown);
    clicks += roundClicks;
    impressions += roundShown;
  }
  return { name: policy.name, ctr, clicks, impressions };
}

export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const started = performance.now();
  const {
    rounds,
    seed,
    perRound = 3,
    restRounds = 0,
    policies = POLICY_NAMES.filter((p) => p !== 'oracle'),
    relevanceWeight,
  } = opts;
  const world = buildWorld({
    owners: opts.owners,
    seed,
    catalog: opts.catalog,
    segments: opts.segments,
    ...(opts.model ? { model: opts.model } : {}),
  });
  const results: PolicyResult[] = [];
  for (const name of policies)
    results.push(
      await run(world, makePolicy(name, world, seed, relevanceWeight), name, {
        rounds,
        seed,
        perRound,
        restRounds,
      }),
    );
  const meanEligible =
    world.owners.reduce((sum, o) => sum + o.candidates.length, 0) / Math.max(1, world.owners.length);
  return { results, owners: opts.owners, rounds, meanEligible, ms: performance.now() - started };
}
