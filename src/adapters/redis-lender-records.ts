// Redis lender records: `${prefix}lender:<id>` (JSON), the set `${prefix}lenders`, `${prefix}apikey:<id>`
// (JSON with the secret's SHA-256, never the secret), the set `${prefix}lender:<id>:keys`, and last-use
// times apart in the hash `${prefix}apikeys:used` so a touch never races a rotation's write.
import type { Redis } from 'ioredis';
import type { Lender, LenderRecords, StoredKey } from '../campaigns/lenders.js';

export function createRedisLenderRecords(options: { redis: Redis; prefix?: string }): LenderRecords {
  const { redis, prefix = 'saathi:' } = options;
  const lenderKey = (id: string): string => `${prefix}lender:${id}`;
  const keysOf = (lenderId: string): string => `${prefix}lender:${lenderId}:keys`;
  const apiKey = (id: string): string => `${prefix}apikey:${id}`;
  const used = `${prefix}apikeys:used`;
  const parse = <T>(json: string | null): T | undefined =>
    json === null ? undefined : (JSON.parse(json) as T);
  const withUse = (key: StoredKey, at: string | null): StoredKey =>
    at === null ? key : { ...key, lastUsedAt: Number(at) };

  const readKeys = async (ids: string[]): Promise<StoredKey[]> => {
    if (ids.length === 0) return [];
    const [values, uses] = await Promise.all([redis.mget(ids.map(apiKey)), redis.hmget(used, ...ids)]);
    return values.flatMap((json, i) => {
      const key = parse<StoredKey>(json);
      return key ? [withUse(key, uses[i] ?? null)] : [];
    });
  };

  return {
    async putLender(lender) {
      await redis
        .multi()
        .set(lenderKey(lender.id), JSON.stringify(lender))
        .sadd(`${prefix}lenders`, lender.id)
        .exec();
    },
    async getLender(id) {
      return parse<Lender>(await redis.get(lenderKey(id)));
    },
    async lenders() {
      const ids = await redis.smembers(`${prefix}lenders`);
      if (ids.length === 0) return [];
      return (await redis.mget(ids.map(lenderKey))).flatMap((json) => parse<Lender>(json) ?? []);
    },
    async putKey(key) {
      const { lastUsedAt: _ignored, ...rest } = key;
      await redis.multi().set(apiKey(key.id), JSON.stringify(rest)).sadd(keysOf(key.lenderId), key.id).exec();
    },
    async getKey(id) {
      return (await readKeys([id]))[0];
    },
    async keysOf(lenderId) {
      return readKeys(await redis.smembers(keysOf(lenderId)));
    },
    async touchKey(id, at) {
      await redis.hset(used, id, String(at));
    },
  };
}
