// Redis profile store: each owner's record sealed with AES-256-GCM under `${prefix}profile:<ownerId>`,
// and the owner ids in one sorted set (`${prefix}profiles`, all scores 0) for counting and for scanning
// in id order by lexicographic ranges — exact batches, no duplicates, safe while others write.
// With `indexAudience`, every write also moves the owner between the audience index's bitmaps (see
// redis-audience-keys.ts) in one Lua script, atomically with the record.
import type { ChainableCommander, Redis } from 'ioredis';
import { audienceTokens } from '../campaigns/audience.js';
import type { Segment } from '../personalize/segments.js';
import type { ProfileRecord, ProfileStore } from '../profile/store.js';
import { audienceKeys } from './redis-audience-keys.js';
import type { Sealer } from './sealer.js';

export interface RedisProfileStoreOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  /** Prefix of every key, so tests and tenants never collide. */
  readonly prefix?: string;
  /** Records per pipeline in putMany. */
  readonly chunkSize?: number;
  /** Keep the campaign audience index in step with every write (default false). */
  readonly indexAudience?: boolean;
  /** Segments for owners whose record names none (default content/segments.json). */
  readonly segments?: readonly Segment[];
}

/**
 * Writes (or, with an empty record, deletes) a record and moves its owner between token bitmaps. An owner
 * keeps one ordinal (its bit) for life, drawn from the counter KEYS[4]; the hash KEYS[5] maps ordinals
 * back to owner ids. KEYS: record, id index, owner's ordinal and bitmap names, counter, ordinal → id.
 * ARGV: sealed record or '', owner id, bitmap prefix, new names (space-separated).
 */
const WRITE_INDEXED = `
local old = redis.call('GET', KEYS[3])
local ord
local had = {}
if old then
  local first = true
  for word in string.gmatch(old, '%S+') do
    if first then ord = tonumber(word); first = false else had[word] = true end
  end
end
if ARGV[1] == '' then
  if ord then
    for name in pairs(had) do redis.call('SETBIT', ARGV[3] .. name, ord, 0) end
    redis.call('HDEL', KEYS[5], ord)
  end
  redis.call('DEL', KEYS[1], KEYS[3])
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 1
end
if not ord then
  ord = redis.call('INCR', KEYS[4]) - 1
  redis.call('HSET', KEYS[5], ord, ARGV[2])
end
local now = {}
for name in string.gmatch(ARGV[4], '%S+') do
  now[name] = true
  if not had[name] then redis.call('SETBIT', ARGV[3] .. name, ord, 1) end
end
for name in pairs(had) do
  if not now[name] then redis.call('SETBIT', ARGV[3] .. name, ord, 0) end
end
redis.call('SET', KEYS[3], ord .. ' ' .. ARGV[4])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 0, ARGV[2])
return 1
`;
const WRITE_COMMAND = 'saathiWriteIndexedProfile';
type WriteIndexed = (
  record: string,
  index: string,
  of: string,
  counter: string,
  ordinals: string,
  sealed: string,
  ownerId: string,
  setPrefix: string,
  names: string,
) => unknown;
const writeIndexed = (target: Redis | ChainableCommander): WriteIndexed =>
  (target as unknown as Record<typeof WRITE_COMMAND, WriteIndexed>)[WRITE_COMMAND].bind(target);

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
  const keys = audienceKeys(prefix, sealer);
  if (options.indexAudience && !(WRITE_COMMAND in redis))
    redis.defineCommand(WRITE_COMMAND, { numberOfKeys: 5, lua: WRITE_INDEXED });
  /** The indexed write of one record (undefined: delete) on a client or a pipeline. */
  const indexed = (
    target: Redis | ChainableCommander,
    ownerId: string,
    record: ProfileRecord | undefined,
  ): unknown => {
    const tokens = record
      ? options.segments
        ? audienceTokens(record, options.segments)
        : audienceTokens(record)
      : [];
    const names = tokens.map(keys.name).join(' ');
    return writeIndexed(target)(
      keyOf(ownerId),
      index,
      keys.of(ownerId),
      keys.counter,
      keys.ordinals,
      record ? seal(record) : '',
      ownerId,
      keys.setPrefix,
      names,
    );
  };

  return {
    async put(record) {
      if (options.indexAudience) {
        await indexed(redis, record.ownerId, record);
        return;
      }
      check(
        await redis.multi().set(keyOf(record.ownerId), seal(record)).zadd(index, 0, record.ownerId).exec(),
      );
    },
    async putMany(records) {
      for (let start = 0; start < records.length; start += chunkSize) {
        const chunk = records.slice(start, start + chunkSize);
        const pipeline = redis.pipeline();
        if (options.indexAudience) {
          for (const record of chunk) indexed(pipeline, record.ownerId, record);
          check(await pipeline.exec());
          continue;
        }
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
      if (options.indexAudience) {
        await indexed(redis, ownerId, undefined);
        return;
      }
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
