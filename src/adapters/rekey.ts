// Re-encryption after a key rotation: walks every key under the prefix with SCAN, in batches, and reseals
// with the current key each value (or hash field, list item, set or sorted-set member) that is a sealed
// envelope naming an older key. Safe while the service runs: every rewrite is a compare-and-set in Lua,
// so a value changed in the meantime (always by a writer using the current key) is left as it is. TTLs
// are kept. Values whose key is unknown are counted, never touched. Owner ids (keyed hashes) never change.
import type { Redis } from 'ioredis';
import { isSealed, sealedKeyId, type Sealer } from './sealer.js';

export interface RekeyProgress {
  /** Keys looked at. */
  readonly keys: number;
  /** Sealed values found, of which: */
  readonly sealed: number;
  /** …already under the current key, */
  readonly current: number;
  /** …resealed now, */
  readonly resealed: number;
  /** …changed by someone else between read and write (already current), */
  readonly raced: number;
  /** …in a stream (append-only; left for the stream's own trimming). */
  readonly immutable: number;
}

export interface RekeyOptions {
  readonly redis: Redis;
  /** Seals with the new key and opens with the new and the old ones. */
  readonly sealer: Sealer;
  readonly prefix: string;
  /** SCAN COUNT hint (keys per batch). */
  readonly batch?: number;
  readonly onProgress?: (progress: RekeyProgress) => void;
  /** Count only: `sealed - current` is then what a rotation would reseal. */
  readonly dryRun?: boolean;
}

// Each: KEYS[1] the key; ARGV: where (field / index / -), old value, new value. 1 = swapped, 0 = changed.
const CAS = {
  string: `if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL') return 1`,
  hash: `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1`,
  list: `local at = tonumber(ARGV[1])
if redis.call('LINDEX', KEYS[1], at) ~= ARGV[2] then
  at = redis.call('LPOS', KEYS[1], ARGV[2])
  if not at then return 0 end
end
redis.call('LSET', KEYS[1], at, ARGV[3]) return 1`,
  set: `if redis.call('SISMEMBER', KEYS[1], ARGV[2]) == 0 then return 0 end
redis.call('SREM', KEYS[1], ARGV[2]) redis.call('SADD', KEYS[1], ARGV[3]) return 1`,
  zset: `local score = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not score then return 0 end
redis.call('ZREM', KEYS[1], ARGV[2]) redis.call('ZADD', KEYS[1], score, ARGV[3]) return 1`,
} as const;
type Kind = keyof typeof CAS;

interface Found {
  readonly kind: Kind;
  readonly key: string;
  readonly where: string;
  readonly value: string;
}

/** Reads one batch of keys in two pipelined round trips: their types, then their contents. */
async function readBatch(
  redis: Redis,
  keys: readonly string[],
): Promise<{ found: Found[]; streams: string[][] }> {
  const types = (await redis.pipeline(keys.map((key) => ['type', key])).exec()) ?? [];
  const reads = redis.pipeline();
  const plan: { key: string; type: string }[] = [];
  for (const [index, key] of keys.entries()) {
    const type = String(types[index]?.[1]);
    const command =
      type === 'string'
        ? reads.get(key)
        : type === 'hash'
          ? reads.hgetall(key)
          : type === 'list'
            ? reads.lrange(key, 0, -1)
            : type === 'set'
              ? reads.smembers(key)
              : type === 'zset'
                ? reads.zrange(key, 0, -1)
                : type === 'stream'
                  ? reads.xrange(key, '-', '+')
                  : undefined;
    if (command) plan.push({ key, type });
  }
  const results = plan.length === 0 ? [] : ((await reads.exec()) ?? []);
  const found: Found[] = [];
  const streams: string[][] = [];
  for (const [index, { key, type }] of plan.entries()) {
    const [error, value] = results[index] ?? [null, null];
    if (error) throw error;
    if (value === null || value === undefined) continue; // deleted since the scan
    if (type === 'string') found.push({ kind: 'string', key, where: '-', value: value as string });
    else if (type === 'hash')
      for (const [field, item] of Object.entries(value as Record<string, string>))
        found.push({ kind: 'hash', key, where: field, value: item });
    else if (type === 'list')
      for (const [at, item] of (value as string[]).entries())
        found.push({ kind: 'list', key, where: String(at), value: item });
    else if (type === 'set' || type === 'zset')
      for (const item of value as string[]) found.push({ kind: type, key, where: '-', value: item });
    else
      for (const [, fields] of value as [string, string[]][])
        streams.push(fields.filter((_, i) => i % 2 === 1));
  }
  return { found, streams };
}

export async function rekey(options: RekeyOptions): Promise<RekeyProgress> {
  const { redis, sealer, prefix, batch = 500, onProgress, dryRun = false } = options;
  const progress = { keys: 0, sealed: 0, current: 0, resealed: 0, raced: 0, immutable: 0 };
  const stale = (value: string) => isSealed(value) && sealedKeyId(value) !== sealer.keyId;

  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', batch);
    cursor = next;
    progress.keys += keys.length;
    if (keys.length > 0) {
      const { found, streams } = await readBatch(redis, keys);
      const sealed = found.filter((item) => isSealed(item.value));
      const todo = sealed.filter((item) => stale(item.value));
      progress.sealed += sealed.length;
      progress.current += sealed.length - todo.length;
      progress.immutable += streams.flat().filter(stale).length;
      if (!dryRun && todo.length > 0) {
        // All compare-and-sets of the batch in one round trip; each is atomic on its own.
        const writes = redis.pipeline();
        for (const item of todo)
          writes.eval(
            CAS[item.kind],
            1,
            item.key,
            item.where,
            item.value,
            sealer.seal(sealer.open(item.value)),
          );
        for (const [error, swapped] of (await writes.exec()) ?? []) {
          if (error) throw error;
          if (swapped === 1) progress.resealed++;
          else progress.raced++;
        }
      }
    }
    onProgress?.({ ...progress });
  } while (cursor !== '0');
  return { ...progress };
}
