// Redis adapter of the voice call store: the call state sealed with AES-256-GCM (it holds the caller's
// number and spoken answers) for a day, and the call status in a hash that a Lua script only moves forward.
import type { Redis } from 'ioredis';
import type { Sealer } from '../adapters/sealer.js';
import {
  callStatusRank,
  keepRecentReceipts,
  type CallState,
  type CallStatus,
  type CallStatusUpdate,
  type VoiceCallStore,
} from './voice-store.js';

export interface RedisVoiceCallStoreOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  readonly prefix?: string;
}

/** A call lasts minutes; its state is of no use after a day. */
const CALL_TTL_SECONDS = 24 * 3600;
const STATUS_TTL_SECONDS = 30 * 24 * 3600;

const STATUS = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
if tonumber(ARGV[1]) < current then return 0 end
redis.call('HSET', KEYS[1], 'rank', ARGV[1], 'status', ARGV[2], 'at', ARGV[3], 'duration', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return 1`;

export function createRedisVoiceCallStore({
  redis,
  sealer,
  prefix = 'saathi:',
}: RedisVoiceCallStoreOptions): VoiceCallStore {
  const scripts = redis as Redis & { saathiCallStatus(...args: string[]): Promise<number> };
  if (!('saathiCallStatus' in redis))
    redis.defineCommand('saathiCallStatus', { numberOfKeys: 1, lua: STATUS });
  // Call SIDs are opaque provider ids, not personal data.
  const key = {
    call: (callSid: string) => `${prefix}call:${callSid}`,
    status: (callSid: string) => `${prefix}callstatus:${callSid}`,
  };
  return {
    async load(callSid) {
      const sealed = await redis.get(key.call(callSid));
      return sealed === null ? undefined : (JSON.parse(sealer.open(sealed)) as CallState);
    },
    async save(state) {
      const plain = JSON.stringify({ ...state, receipts: keepRecentReceipts(state.receipts) });
      await redis.set(key.call(state.callSid), sealer.seal(plain), 'EX', CALL_TTL_SECONDS);
    },
    async recordStatus(update) {
      const stored = await scripts.saathiCallStatus(
        key.status(update.callSid),
        String(callStatusRank(update.status)),
        update.status,
        String(update.at),
        update.duration === undefined ? '' : String(update.duration),
        String(STATUS_TTL_SECONDS),
      );
      return stored === 1;
    },
    async status(callSid) {
      const hash = await redis.hgetall(key.status(callSid));
      if (!hash.status) return undefined;
      const update: CallStatusUpdate = {
        callSid,
        status: hash.status as CallStatus,
        at: Number(hash.at),
        ...(hash.duration ? { duration: Number(hash.duration) } : {}),
      };
      return update;
    },
  };
}
