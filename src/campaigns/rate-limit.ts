// The send rate shared by every worker and campaign: a GCRA schedule in Redis. Each call reserves the
// next free slot (one per 1/rate s, no bursts) and says how long to wait for it, so sends are smoothed
// and callers are served in the order they asked. Campaign workers run with the same concurrency, so
// concurrent campaigns hold the same number of reservations and share the rate evenly. A campaign's own
// cap is a second schedule taken first. Redis's clock (TIME) is the only clock: workers may disagree.
import type { Redis } from 'ioredis';
import { scriptRunner, type RunScript } from './lua.js';

/** KEYS: schedule. ARGV: interval µs. Returns the wait in µs before the reserved slot. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, tat)
local nextTat = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.floor((nextTat - now) / 1000) + 1000)
return string.format('%.0f', slot - now)`;

export interface RateLimiter {
  /** Waits for a slot under the sender's rate (and the campaign's cap, when it has one). */
  acquire(campaignId: string, campaignCap?: number): Promise<void>;
}

export interface RateLimiterOptions {
  readonly redis: Redis;
  readonly prefix?: string;
  /** Which sender the rate belongs to (e.g. the WhatsApp number, or `calls`). */
  readonly sender: string;
  /** Per second; 0 = no global limit (campaign caps still apply). */
  readonly rate: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { redis, prefix = 'saathi:', sender, rate, sleep = defaultSleep } = options;
  const run: RunScript = scriptRunner(redis);
  const reserve = async (key: string, perSecond: number) => {
    const waitUs = Number(await run(RESERVE, [key], [Math.max(1, Math.round(1_000_000 / perSecond))]));
    if (waitUs >= 1000) await sleep(waitUs / 1000);
  };
  return {
    async acquire(campaignId, campaignCap) {
      if (campaignCap !== undefined && campaignCap > 0)
        await reserve(`${prefix}rate-cmp:${campaignId}`, campaignCap);
      if (rate > 0) await reserve(`${prefix}rate:${sender}`, rate);
    },
  };
}
