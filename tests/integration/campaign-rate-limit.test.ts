// The shared send rate (GCRA reservations in Redis): slots one interval apart, shared by every limiter
// on the same sender, and a campaign's cap taken on top. Waits are read from the injected sleep, not timed.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRateLimiter } from '../../src/campaigns/rate-limit.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

let redis: Redis;
let prefix: string;
beforeEach(() => {
  redis = connect();
  prefix = testPrefix();
});
afterEach(async () => {
  await cleanup(redis, prefix);
  redis.disconnect();
});

describeRedis('send rate limiter', () => {
  it('reserves slots 1/rate apart across limiters of the same sender', async () => {
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const one = createRateLimiter({ redis, prefix, sender: 'wa', rate: 10, sleep });
    const two = createRateLimiter({ redis, prefix, sender: 'wa', rate: 10, sleep });
    const started = Date.now();
    for (let i = 0; i < 6; i++) await (i % 2 === 0 ? one : two).acquire('c1');
    const elapsed = Date.now() - started;
    // The first slot is now; each later one is 100 ms after the previous (less the real time gone by).
    expect(waits.length).toBeGreaterThanOrEqual(5);
    const last = waits[waits.length - 1] ?? 0;
    expect(last).toBeLessThanOrEqual(500);
    expect(last + elapsed).toBeGreaterThanOrEqual(500 - 1);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1] ?? 0);
  });

  it('keeps senders apart and applies a campaign cap on top of the global rate', async () => {
    const waits: Record<string, number[]> = { a: [], b: [] };
    const make = (name: 'a' | 'b', sender: string) =>
      createRateLimiter({
        redis,
        prefix,
        sender,
        rate: 1000,
        sleep: (ms) => Promise.resolve(void waits[name]?.push(ms)),
      });
    const a = make('a', 'wa-1');
    const b = make('b', 'wa-2');
    await a.acquire('c1');
    await b.acquire('c2');
    expect(waits.b).toEqual([]); // another sender's schedule is empty
    for (let i = 0; i < 3; i++) await a.acquire('capped', 2); // 2 per second for this campaign
    expect(Math.max(...(waits.a ?? []))).toBeGreaterThan(900);
  });
});
