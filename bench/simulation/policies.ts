// The policies the simulation compares. Each sees only what Saathi would see (profile, segment, eligible
// items, its own feedback store); all share ranker.ts `arrange` (resting, dismissals, diverse pages), so
// they differ only in how they score items.
import type { Rng } from '../../src/personalize/bandit.js';
import type { FeedbackStore, ItemStats } from '../../src/personalize/feedback-store.js';
import { arrange, rankCandidates, type ArrangeOptions } from '../../src/personalize/ranker.js';
import type { SimOwner } from './world.js';

export interface Choice extends Required<Pick<ArrangeOptions, 'now' | 'restMs' | 'limit'>> {
  readonly owner: SimOwner;
  readonly dismissed: readonly string[];
  readonly seen: ReadonlyMap<string, number>;
}

export interface Policy {
  readonly name: string;
  /** Called before each round, after the previous round's feedback reached the store. */
  beginRound(store: FeedbackStore): Promise<void>;
  /** Item ids to show, best first. */
  choose(choice: Choice): string[];
}

const options = (c: Choice): ArrangeOptions => ({
  exclude: c.dismissed,
  seen: c.seen,
  now: c.now,
  restMs: c.restMs,
  limit: c.limit,
});

/** (a) Random eligible items. */
export function randomPolicy(rng: Rng): Policy {
  return {
    name: 'random eligible',
    beginRound: () => Promise.resolve(),
    choose: (c) =>
      arrange(
        c.owner.candidates.map((candidate) => ({ candidate, score: rng() })),
        options(c),
      ).map((s) => s.candidate.item.id),
  };
}

/** (b) Fixed rules per segment: one ordering per segment by mean rule relevance over its owners. */
export function segmentRulesPolicy(owners: readonly SimOwner[]): Policy {
  const sums = new Map<string, { total: number; n: number }>();
  for (const o of owners)
    for (const c of o.candidates) {
      const key = `${o.segment}/${c.item.id}`;
      const s = sums.get(key) ?? { total: 0, n: 0 };
      sums.set(key, { total: s.total + c.relevance, n: s.n + 1 });
    }
  const mean = (segment: string, id: string): number => {
    const s = sums.get(`${segment}/${id}`);
    return s ? s.total / s.n : 0;
  };
  return {
    name: 'fixed rules (segment)',
    beginRound: () => Promise.resolve(),
    choose: (c) =>
      arrange(
        c.owner.candidates.map((candidate) => ({
          candidate,
          score: mean(c.owner.segment, candidate.item.id),
        })),
        options(c),
      ).map((s) => s.candidate.item.id),
  };
}

/** (b') Fixed rules per owner: today's recommend() order (defaultRanker relevance), no learning. */
export function ownerRulesPolicy(): Policy {
  return {
    name: 'fixed rules (owner)',
    beginRound: () => Promise.resolve(),
    choose: (c) =>
      arrange(
        c.owner.candidates.map((candidate) => ({ candidate, score: candidate.relevance })),
        options(c),
      ).map((s) => s.candidate.item.id),
  };
}

/** (c) Saathi's learning ranker: per-segment Thompson sampling over the feedback store's counts. */
export function saathiPolicy(
  rng: Rng,
  segments: readonly string[],
  itemIds: readonly string[],
  relevanceWeight?: number,
): Policy {
  let stats = new Map<string, Map<string, ItemStats>>();
  const none = new Map<string, ItemStats>();
  return {
    name: 'Saathi (learning)',
    async beginRound(store) {
      stats = new Map(
        await Promise.all(segments.map(async (s) => [s, await store.stats(s, itemIds)] as const)),
      );
    },
    choose: (c) =>
      rankCandidates(c.owner.candidates, {
        segment: c.owner.segment,
        stats: stats.get(c.owner.segment) ?? none,
        rng,
        ...options(c),
        ...(relevanceWeight === undefined ? {} : { relevanceWeight }),
      }).map((r) => r.item.id),
  };
}

/** Reference ceiling only: the hidden click log-odds themselves (no real policy can see them). */
export function oraclePolicy(logitOf: (owner: SimOwner, itemId: string) => number): Policy {
  return {
    name: 'oracle (knows hidden)',
    beginRound: () => Promise.resolve(),
    choose: (c) =>
      arrange(
        c.owner.candidates.map((candidate) => ({ candidate, score: logitOf(c.owner, candidate.item.id) })),
        options(c),
      ).map((s) => s.candidate.item.id),
  };
}
