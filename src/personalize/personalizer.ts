// What the conversation asks of personalization: a page of ranked items with reasons (eligible →
// relevance → Thompson sample of the segment's feedback → diversity and resting), feedback that updates
// the (segment, item) counts, dismissals that never return, and "why this?". One object built by the
// composition root over a FeedbackStore (memory or Redis).
import type { Msg, ShownItem } from '../dialogue/types.js';
import type { Profile } from '../profile/profile.js';
import type { Rng } from './bandit.js';
import type { Catalog, CatalogItem } from './catalog.js';
import { explainItem } from './explain.js';
import type { FeedbackStore, Outcome } from './feedback-store.js';
import { candidates, rankCandidates } from './ranker.js';
import { segmentOf, type Segment } from './segments.js';

export interface PageRequest {
  readonly ownerId: string;
  readonly profile: Profile;
  /** Items not to show now: dismissed in the conversation, or shown on an earlier page. */
  readonly exclude: readonly string[];
  readonly limit: number;
  readonly now: number;
}

export interface PageItem {
  readonly item: CatalogItem;
  readonly reasons: readonly Msg[];
}

export interface Personalizer {
  /** The owner's primary segment id. */
  segmentOf(profile: Profile): string;
  /** The next items to show, best first; records nothing (see `shown`). */
  page(request: PageRequest): Promise<PageItem[]>;
  /** The items were shown: counts an impression per (segment, item) and rests them for this owner. */
  shown(ownerId: string, profile: Profile, itemIds: readonly string[], now: number): Promise<void>;
  /** Feedback on one item; `dismiss` hides it from this owner for good. */
  feedback(
    ownerId: string,
    profile: Profile,
    itemId: string,
    outcome: Exclude<Outcome, 'shown'>,
    dismiss?: boolean,
  ): Promise<void>;
  /** Why an item was suggested to this owner. */
  explain(profile: Profile, itemId: string, shown?: ShownItem): Msg[];
  /** Erasure: the owner's dismissals and rest times (segment counts hold no owner data). */
  forget(ownerId: string): Promise<void>;
}

export interface PersonalizerOptions {
  readonly catalog: Catalog;
  readonly segments: readonly Segment[];
  readonly feedback: FeedbackStore;
  /** Random numbers for Thompson sampling; tests pass a seeded one. */
  readonly rng?: Rng;
  /** How long a shown item rests before it may lead a page again; default 3 days. */
  readonly restMs?: number;
}

export function createPersonalizer(options: PersonalizerOptions): Personalizer {
  const { catalog, segments, feedback, rng = Math.random, restMs } = options;
  const segmentId = (profile: Profile): string => segmentOf(profile, segments).id;

  return {
    segmentOf: segmentId,
    async page({ ownerId, profile, exclude, limit, now }) {
      const segment = segmentId(profile);
      const pool = candidates(profile, catalog);
      const [stats, dismissed, seen] = await Promise.all([
        feedback.stats(
          segment,
          pool.map((c) => c.item.id),
        ),
        feedback.dismissed(ownerId),
        feedback.seen(ownerId),
      ]);
      const ranked = rankCandidates(pool, {
        segment,
        stats,
        rng,
        exclude: [...exclude, ...dismissed],
        seen,
        now,
        limit,
        ...(restMs === undefined ? {} : { restMs }),
      });
      return ranked.map(({ item, reasons }) => ({
        item,
        reasons: reasons.map((reason): Msg =>
          Object.keys(reason.params).length > 0
            ? { key: reason.key, params: reason.params }
            : { key: reason.key },
        ),
      }));
    },
    async shown(ownerId, profile, itemIds, now) {
      const segment = segmentId(profile);
      await Promise.all([
        feedback.markSeen(ownerId, itemIds, now),
        ...itemIds.map((id) => feedback.record(segment, id, 'shown')),
      ]);
    },
    async feedback(ownerId, profile, itemId, outcome, dismiss = false) {
      if (!catalog.byId.has(itemId)) return;
      await Promise.all([
        feedback.record(segmentId(profile), itemId, outcome),
        dismiss ? feedback.dismiss(ownerId, itemId) : undefined,
      ]);
    },
    explain(profile, itemId, shown) {
      const item = catalog.byId.get(itemId);
      return item ? explainItem(item, profile, shown?.reasons) : [];
    },
    forget: (ownerId) => feedback.forget(ownerId),
  };
}
