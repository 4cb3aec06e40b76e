// Redis profile store: each owner's record sealed with AES-256-GCM under `${prefix}profile:<ownerId>`,
// and the owner ids in one sorted set (`${prefix}profiles`, all scores 0) for counting and for scanning
// in id order by lexicographic ranges — exact batches, no duplicates, safe while others write.
import type { Redis } from 'ioredis';
import type { ProfileRecord, ProfileStore } from '../profile/store.js';
import type { Sealer } from './sealer.js';

export interface RedisProfileStoreOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  /** Prefix of every key, so tests and tenants never collide. */
  readonly prefix?: string;
  /** Records per pipeline in putMany. */
  readonly chunkSize?: number;
}

const DEFAULT_BATCH = 500;
const DEFAULT_CHUNK = 1_000;

/** Throws the first error of a pipeline or transaction, which ioredis reports per command. */
function check(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('Redis transaction was aborted');
  for (const [error] of results) if (error) throw error;
}

export function createRedisProfileStore(options: RedisProfileStoreOptions): ProfileStore {
  const { redis, sealer, prefix = 'saathi:', chunkSize = DEFAULT_CHUNK } = options;
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunk size must be a positive integer, not ${chunkSize}`);
  const index = `${prefix}profiles`;
  const keyOf = (ownerId: string): string => `${prefix}profile:${ownerId}`;
  const seal = (record: ProfileRecord): string => sealer.seal(JSON.stringify(record));
  const open = (sealed: string): ProfileRecord => JSON.parse(sealer.open(sealed)) as ProfileRecord;

  return {
    async put(record) {
      check(
        await redis.multi().set(keyOf(record.ownerId), seal(record)).zadd(index, 0, record.ownerId).exec(),
      );
    },
    async putMany(records) {
      for (let start = 0; start < records.length; start += chunkSize) {
        const chunk = records.slice(start, start + chunkSize);
        const pipeline = redis.pipeline();
        const members: (string | number)[] = [];
        for (const record of chunk) {
          pipeline.set(keyOf(record.ownerId), seal(record));
          members.push(0, record.ownerId);
        }
        // The index after the values: a crash in between leaves values to overwrite, never ids without one.
        pipeline.zadd(index, ...members);
        check(await pipeline.exec());
      }
    },
    async get(ownerId) {
      const sealed = await redis.get(keyOf(ownerId));
      return sealed === null ? undefined : open(sealed);
    },
    async delete(ownerId) {
      check(await redis.multi().del(keyOf(ownerId)).zrem(index, ownerId).exec());
    },
    count() {
      return redis.zcard(index);
    },
    async *scan(batchSize = DEFAULT_BATCH) {
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batch size must be a positive integer, not ${batchSize}`);
      let from = '-';
      for (;;) {
        const ids = await redis.zrangebylex(index, from, '+', 'LIMIT', 0, batchSize);
        const last = ids.at(-1);
        if (last === undefined) return;
        const values = await redis.mget(ids.map(keyOf));
        // A value deleted between the two reads is simply left out.
        const batch = values.filter((value): value is string => value !== null).map(open);
        if (batch.length > 0) yield batch;
        if (ids.length < batchSize) return;
        from = `(${last}`;
      }
    },
    async close() {
      await redis.quit();
    },
  };
}
