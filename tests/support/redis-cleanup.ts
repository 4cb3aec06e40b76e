// Deletes every key under a prefix: what a test or a benchmark wrote under its own, so repeated runs do
// not fill the shared Redis. Free of side effects, so benchmarks import it too (tests/support/redis.ts
// probes Redis when loaded).
import { Redis } from 'ioredis';

export async function deleteUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5_000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/** deleteUnder on a connection of its own (for callers that only hand a URL to the runtime). */
export async function deleteUnderUrl(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await deleteUnder(redis, prefix);
  } finally {
    await redis.quit();
  }
}
