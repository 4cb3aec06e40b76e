// WhatsApp's 24-hour customer service window: free-form text may go to an owner only within 24 hours of
// their last message; outside it, only an approved template. The WhatsApp webhook calls `touch` on every
// inbound message; campaigns ask `isOpen` before choosing session text over a template.
import type { Redis } from 'ioredis';
import { scriptRunner } from './lua.js';

export const SESSION_WINDOW_MS = 24 * 60 * 60_000;

export interface SessionWindow {
  /** Records an inbound message from the owner at `at` (epoch ms); an older time never wins. */
  touch(ownerId: string, at: number): Promise<void>;
  /**
   * `touch`, and in the same script the string at `alsoRead` (another key of this Redis), so the webhook
   * learns what else it needs about the owner in the same round trip.
   */
  touchAndRead(ownerId: string, at: number, alsoRead: string): Promise<string | undefined>;
  lastInbound(ownerId: string): Promise<number | undefined>;
  isOpen(ownerId: string, now: number): Promise<boolean>;
  /** Erasure: forgets the owner's last inbound time. */
  forget(ownerId: string): Promise<void>;
}

const TOUCH_ONLY = `
local old = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > old then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end`;
const TOUCH = `${TOUCH_ONLY}
return 1`;
const TOUCH_AND_READ = `${TOUCH_ONLY}
return redis.call('GET', KEYS[2])`;

export function createSessionWindow({
  redis,
  prefix = 'saathi:',
}: {
  redis: Redis;
  prefix?: string;
}): SessionWindow {
  const key = (ownerId: string) => `${prefix}wa-in:${ownerId}`;
  const script = scriptRunner(redis);
  const lastInbound = async (ownerId: string) => {
    const value = await redis.get(key(ownerId));
    return value === null ? undefined : Number(value);
  };
  return {
    async touch(ownerId, at) {
      // Kept a day past the window so a clock slightly behind still finds it.
      await script(TOUCH, [key(ownerId)], [String(at), String(2 * SESSION_WINDOW_MS)]);
    },
    async touchAndRead(ownerId, at, alsoRead) {
      const value = await script(
        TOUCH_AND_READ,
        [key(ownerId), alsoRead],
        [String(at), String(2 * SESSION_WINDOW_MS)],
      );
      return typeof value === 'string' ? value : undefined;
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
