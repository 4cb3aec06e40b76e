// Redis failure limiter: one counter per client under `${prefix}authfail:<client>`, expiring with its
// window (fixed windows, shared by every web process).
import type { Redis } from 'ioredis';
import {
  DEFAULT_FAILURE_LIMIT,
  DEFAULT_FAILURE_WINDOW_MS,
  type FailureLimiter,
  type FailureLimiterOptions,
} from '../campaigns/auth-limiter.js';

export function createRedisFailureLimiter(
  options: FailureLimiterOptions & { redis: Redis; prefix?: string },
): FailureLimiter {
  const {
    redis,
    prefix = 'saathi:',
    limit = DEFAULT_FAILURE_LIMIT,
    windowMs = DEFAULT_FAILURE_WINDOW_MS,
  } = options;
  const keyOf = (client: string): string => `${prefix}authfail:${client}`;
  return {
    async blockedFor(client) {
      const [count, ttl] = await Promise.all([redis.get(keyOf(client)), redis.pttl(keyOf(client))]);
      return Number(count ?? 0) >= limit && ttl > 0 ? Math.ceil(ttl / 1000) : 0;
    },
    async fail(client) {
      const results = await redis.multi().incr(keyOf(client)).pexpire(keyOf(client), windowMs, 'NX').exec();
      for (const [error] of results ?? []) if (error) throw error;
    },
  };
}
