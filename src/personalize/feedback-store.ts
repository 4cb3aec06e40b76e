// The feedback store port: per (segment, item) counts of impressions, clicks and dismissals that the
// learning ranker reads, and per owner the items dismissed and when items were last seen (erasable).
// Adapters: memory and Redis, one contract suite for both.

export const OUTCOMES = ['shown', 'positive', 'negative'] as const;
/** 'shown': one impression; 'positive': the owner acted on it (tapped, asked more, said interested); 'negative': dismissed. */
export type Outcome = (typeof OUTCOMES)[number];

/** Counts for one item within one segment. `positive` and `negative` are subsets of `shown`. */
export interface ItemStats {
  readonly shown: number;
  readonly positive: number;
  readonly negative: number;
}

export const NO_STATS: ItemStats = Object.freeze({ shown: 0, positive: 0, negative: 0 });

export interface FeedbackStore {
  /** Adds one to the (segment, item) count of `outcome`. Segments are ids only, never owners. */
  record(segment: string, itemId: string, outcome: Outcome): Promise<void>;
  /** Counts for each of `itemIds` in `segment` (zeros for items never recorded); one entry per id. */
  stats(segment: string, itemIds: readonly string[]): Promise<Map<string, ItemStats>>;
  /** The owner never wants to see this item again. */
  dismiss(ownerId: string, itemId: string): Promise<void>;
  /** Item ids the owner dismissed, sorted. */
  dismissed(ownerId: string): Promise<string[]>;
  /** The owner was shown these items at epoch ms `at`; the latest call wins for an item. */
  markSeen(ownerId: string, itemIds: readonly string[], at: number): Promise<void>;
  /** When the owner last saw each item (epoch ms). */
  seen(ownerId: string): Promise<Map<string, number>>;
  /** Erases everything kept about the owner (dismissals, seen times). Segment counts hold no owner. */
  forget(ownerId: string): Promise<void>;
  close(): Promise<void>;
}
