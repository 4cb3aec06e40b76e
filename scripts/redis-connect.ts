// For the command-line tools: connect to Redis once, failing fast with the reason instead of retrying.
import { Redis } from 'ioredis';

/** The URL for messages, with its password (if any) replaced by `***`. */
export const redactRedisUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** A connected client, or the error that says why no Redis answers at `url`. */
export async function connectRedis(url: string): Promise<Redis | Error> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    retryStrategy: () => null,
  });
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError = error)); // reported to the caller, not thrown at random
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    return connectionError ?? (error instanceof Error ? error : new Error(String(error)));
  }
}
