// In-memory audience index (embedded default): a set of owner ids per token, kept up to date by the
// memory profile store through `track`, answering like the Redis index (same contract suite).
import {
  audienceGroups,
  audienceTokens,
  ALL_TOKEN,
  type Audience,
  type AudienceIndex,
} from '../campaigns/audience.js';
import type { Segment } from '../personalize/segments.js';
import type { ProfileRecord } from '../profile/store.js';

export interface MemoryAudienceIndex extends AudienceIndex {
  /** The owner's record changed (undefined: deleted); called by the profile store with every write. */
  track(ownerId: string, record: ProfileRecord | undefined): void;
}

export function createMemoryAudienceIndex(
  options: { segments?: readonly Segment[] } = {},
): MemoryAudienceIndex {
  const sets = new Map<string, Set<string>>();
  const tokensOf = new Map<string, readonly string[]>();
  const tokens = (record: ProfileRecord): string[] =>
    options.segments ? audienceTokens(record, options.segments) : audienceTokens(record);

  const matching = (a: Audience): string[] => {
    const groups = audienceGroups(a);
    if (groups.length === 0) return [...(sets.get(ALL_TOKEN) ?? [])];
    const unions = groups.map((group) => {
      const union = new Set<string>();
      for (const token of group) for (const id of sets.get(token) ?? []) union.add(id);
      return union;
    });
    unions.sort((x, y) => x.size - y.size);
    const [smallest, ...rest] = unions;
    return [...(smallest ?? [])].filter((id) => rest.every((u) => u.has(id)));
  };

  return {
    track(ownerId, record) {
      for (const token of tokensOf.get(ownerId) ?? []) {
        const set = sets.get(token);
        set?.delete(ownerId);
        if (set?.size === 0) sets.delete(token);
      }
      const next = record ? tokens(record) : [];
      if (next.length === 0) tokensOf.delete(ownerId);
      else tokensOf.set(ownerId, next);
      for (const token of next) {
        const set = sets.get(token) ?? new Set<string>();
        set.add(ownerId);
        sets.set(token, set);
      }
    },
    estimate(a) {
      return Promise.resolve(matching(a).length);
    },
    async *members(a, batchSize) {
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batch size must be a positive integer, not ${batchSize}`);
      const ids = matching(a); // a snapshot, like the stored intersection in Redis
      for (let start = 0; start < ids.length; start += batchSize) {
        yield ids.slice(start, start + batchSize);
        await Promise.resolve();
      }
    },
  };
}
