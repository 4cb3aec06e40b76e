// Real-Redis test support: a connection per suite, a unique key prefix per test, and cleanup. Without a
// reachable Redis the suite is skipped with a loud notice locally, and fails under CI=true.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe } from 'vitest';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export const redisUp = await reachable();

if (!redisUp) {
  const notice = `\n!!! No Redis answers at ${REDIS_URL}: Redis-backed tests are ${process.env.CI === 'true' ? 'FAILING (CI=true)' : 'SKIPPED'} !!!\n`;
  console.warn(notice);
}

/** `describe` for suites that need a real Redis. */
export function describeRedis(name: string, body: () => void): void {
  if (redisUp) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`Redis is required under CI=true but none answers at ${REDIS_URL}`);
    });
  } else describe.skip(name, body);
}

export function testPrefix(): string {
  return `test:${randomUUID().slice(0, 12)}:`;
}

export function connect(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
}

/** Deletes every key under `prefix`. */
export { deleteUnder as cleanup } from './redis-cleanup.js';
