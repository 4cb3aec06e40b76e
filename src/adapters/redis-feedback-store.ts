// Redis feedback store: segment counts in one hash per segment (`${prefix}fb:<segment>`, fields
// `<item>:s|p|n`, HINCRBY), and per owner (ids are already keyed hashes) a set of dismissed items
// (`${prefix}fbo:<ownerId>:dismissed`) and a hash of last-seen times (`${prefix}fbo:<ownerId>:seen`).
import type { Redis } from 'ioredis';
import type { FeedbackStore, ItemStats, Outcome } from '../personalize/feedback-store.js';

export interface RedisFeedbackStoreOptions {
  readonly redis: Redis;
  /** Prefix of every key, so tests and tenants never collide. */
  readonly prefix?: string;
  /** When set, an owner's keys expire this long after their last write (data minimisation). */
  readonly ownerTtlSeconds?: number;
}

const FIELD: Readonly<Record<Outcome, string>> = { shown: 's', positive: 'p', negative: 'n' };

/** Throws the first error of a pipeline or transaction, which ioredis reports per command. */
function check(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('Redis transaction was aborted');
  for (const [error] of results) if (error) throw error;
}

export function createRedisFeedbackStore(options: RedisFeedbackStoreOptions): FeedbackStore {
  const { redis, prefix = 'saathi:', ownerTtlSeconds } = options;
  const segmentKey = (segment: string): string => `${prefix}fb:${segment}`;
  const dismissedKey = (ownerId: string): string => `${prefix}fbo:${ownerId}:dismissed`;
  const seenKey = (ownerId: string): string => `${prefix}fbo:${ownerId}:seen`;
  const count = (value: string | null | undefined): number => (value == null ? 0 : Number(value));

  return {
    async record(segment, itemId, outcome) {
      await redis.hincrby(segmentKey(segment), `${itemId}:${FIELD[outcome]}`, 1);
    },
    async stats(segment, itemIds) {
      const out = new Map<string, ItemStats>();
      if (itemIds.length === 0) return out;
      const fields = itemIds.flatMap((id) => [`${id}:s`, `${id}:p`, `${id}:n`]);
      const values = await redis.hmget(segmentKey(segment), ...fields);
      itemIds.forEach((id, i) => {
        out.set(id, {
          shown: count(values[3 * i]),
          positive: count(values[3 * i + 1]),
          negative: count(values[3 * i + 2]),
        });
      });
      return out;
    },
    async dismiss(ownerId, itemId) {
      const key = dismissedKey(ownerId);
      const tx = redis.multi().sadd(key, itemId);
      if (ownerTtlSeconds !== undefined) tx.expire(key, ownerTtlSeconds);
      check(await tx.exec());
    },
    async dismissed(ownerId) {
      return (await redis.smembers(dismissedKey(ownerId))).sort();
    },
    async markSeen(ownerId, itemIds, at) {
      if (itemIds.length === 0) return;
      const key = seenKey(ownerId);
      const tx = redis.multi().hset(key, ...itemIds.flatMap((id) => [id, String(at)]));
      if (ownerTtlSeconds !== undefined) tx.expire(key, ownerTtlSeconds);
      check(await tx.exec());
    },
    async seen(ownerId) {
      const found = await redis.hgetall(seenKey(ownerId));
      return new Map(Object.entries(found).map(([id, at]) => [id, Number(at)]));
    },
    async forget(ownerId) {
      await redis.del(dismissedKey(ownerId), seenKey(ownerId));
    },
    async close() {
      await redis.quit();
    },
  };
}
