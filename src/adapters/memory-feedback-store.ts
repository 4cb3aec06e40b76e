// In-memory feedback store: the embedded default (nothing survives a restart), passing the same contract
// suite as the Redis feedback store. Also what the offline ranking simulation learns from.
import { NO_STATS, type FeedbackStore, type ItemStats, type Outcome } from '../personalize/feedback-store.js';

interface Counts {
  shown: number;
  positive: number;
  negative: number;
}

export function createMemoryFeedbackStore(): FeedbackStore {
  /** segment → item → counts */
  const counts = new Map<string, Map<string, Counts>>();
  const dismissals = new Map<string, Set<string>>();
  const seenAt = new Map<string, Map<string, number>>();

  return {
    record(segment, itemId, outcome: Outcome) {
      let items = counts.get(segment);
      if (!items) counts.set(segment, (items = new Map<string, Counts>()));
      let c = items.get(itemId);
      if (!c) items.set(itemId, (c = { shown: 0, positive: 0, negative: 0 }));
      c[outcome] += 1;
      return Promise.resolve();
    },
    stats(segment, itemIds) {
      const items = counts.get(segment);
      const out = new Map<string, ItemStats>();
      for (const id of itemIds) {
        const c = items?.get(id);
        out.set(id, c ? { shown: c.shown, positive: c.positive, negative: c.negative } : NO_STATS);
      }
      return Promise.resolve(out);
    },
    dismiss(ownerId, itemId) {
      let set = dismissals.get(ownerId);
      if (!set) dismissals.set(ownerId, (set = new Set()));
      set.add(itemId);
      return Promise.resolve();
    },
    dismissed(ownerId) {
      return Promise.resolve([...(dismissals.get(ownerId) ?? [])].sort());
    },
    markSeen(ownerId, itemIds, at) {
      if (itemIds.length === 0) return Promise.resolve();
      let map = seenAt.get(ownerId);
      if (!map) seenAt.set(ownerId, (map = new Map<string, number>()));
      for (const id of itemIds) map.set(id, at);
      return Promise.resolve();
    },
    seen(ownerId) {
      return Promise.resolve(new Map(seenAt.get(ownerId) ?? []));
    },
    forget(ownerId) {
      dismissals.delete(ownerId);
      seenAt.delete(ownerId);
      return Promise.resolve();
    },
    close() {
      return Promise.resolve();
    },
  };
}
