// WhatsApp's 24-hour customer service window: free-form text may go to an owner only within 24 hours of
// their last message; outside it, only an approved template. Every inbound WhatsApp message touches it:
// on Redis in the webhook's first script (adapters/redis-turn-start.ts, with TOUCH_WINDOW below);
// campaigns ask `isOpen` before choosing session text over a template.
import type { Redis } from 'ioredis';
import { scriptRunner } from './lua.js';

export const SESSION_WINDOW_MS = 24 * 60 * 60_000;
/** The last inbound time is kept a day past the window, so a clock slightly behind still finds it. */
export const SESSION_KEEP_MS = 2 * SESSION_WINDOW_MS;

/** The key holding the owner's last inbound time (epoch ms). */
export const sessionWindowKey = (prefix: string, ownerId: string) => `${prefix}wa-in:${ownerId}`;

/**
 * Lua: `touchWindow(key, at, keepMs)` records an inbound message at `at`; an older time never wins. A
 * script that touches the window starts with this text.
 */
export const TOUCH_WINDOW = `
local function touchWindow(key, at, keepMs)
  local old = tonumber(redis.call('GET', key) or '0')
  if tonumber(at) > old then redis.call('SET', key, at, 'PX', keepMs) end
end`;

const TOUCH = `${TOUCH_WINDOW}
touchWindow(KEYS[1], ARGV[1], ARGV[2])
return 1`;

export interface SessionWindow {
  /** Records an inbound message from the owner at `at` (epoch ms); an older time never wins. */
  touch(ownerId: string, at: number): Promise<void>;
  lastInbound(ownerId: string): Promise<number | undefined>;
  isOpen(ownerId: string, now: number): Promise<boolean>;
  /** Erasure: forgets the owner's last inbound time. */
  forget(ownerId: string): Promise<void>;
}

export function createSessionWindow({
  redis,
  prefix = 'saathi:',
}: {
  redis: Redis;
  prefix?: string;
}): SessionWindow {
  const key = (ownerId: string) => sessionWindowKey(prefix, ownerId);
  const script = scriptRunner(redis);
  const lastInbound = async (ownerId: string) => {
    const value = await redis.get(key(ownerId));
    return value === null ? undefined : Number(value);
  };
  return {
    async touch(ownerId, at) {
      await script(TOUCH, [key(ownerId)], [String(at), String(SESSION_KEEP_MS)]);
    },
    lastInbound,
    async isOpen(ownerId, now) {
      const last = await lastInbound(ownerId);
      return last !== undefined && now >= last && now - last < SESSION_WINDOW_MS;
    },
    async forget(ownerId) {
      await redis.del(key(ownerId));
    },
  };
}
