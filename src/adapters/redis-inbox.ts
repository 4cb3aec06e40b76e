// Redis inbox: entries sealed (they hold the owner's number and text) in the hash `${prefix}inbox:msg`,
// their due times in the sorted set `${prefix}inbox:due`, REST progress in `${prefix}inbox:sent`, and the
// per-minute flood counters `${prefix}flood:<ownerId>:<minute>`. Admission (count + record) and claiming
// (read + lease) are single Lua scripts, so they are atomic and cost one round trip each.
import type { Redis } from 'ioredis';
import {
  decodeEntry,
  encodeEntry,
  minuteBucket,
  type Admission,
  type AdmitOptions,
  type ClaimedEntry,
  type Inbox,
  type InboxEntry,
} from '../dialogue/inbox.js';
import { guarded, INBOX_DONE_COMMAND } from './redis-client.js';
import type { Sealer } from './sealer.js';

export interface RedisInboxOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  readonly prefix?: string;
}

// KEYS: flood counter, due zset, entries hash. ARGV: counter TTL, limit, due time, message id, sealed entry.
// Counts the message and, within the limit, records it; leaves the count in `n`. A script that reads on
// after an admission (redis-turn-start.ts) appends its reads to this text and uses KEYS/ARGV past these.
export const ADMIT_COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
if n > tonumber(ARGV[2]) then return n end
redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[4])
redis.call('HSETNX', KEYS[3], ARGV[4], ARGV[5])`;

const ADMIT = `${ADMIT_COUNT}
return n`;

// KEYS: due zset, entries hash, progress hash. ARGV: now, lease end, limit.
// Returns id, sealed entry, sent count triples; ids without an entry are dropped.
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  local data = redis.call('HGET', KEYS[2], id)
  if data then
    redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id)
    table.insert(out, id)
    table.insert(out, data)
    table.insert(out, redis.call('HGET', KEYS[3], id) or '0')
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out`;

// KEYS: due zset, entries hash, progress hash. ARGV: message id.
const DONE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

/** Flood counters outlive their minute a little, so a clock skew between processes does not reset them. */
const FLOOD_TTL_SECONDS = 120;

/** The keys and arguments of ADMIT (and of the scripts that start with ADMIT_COUNT) for one entry. */
export function admitCall(
  prefix: string,
  sealer: Sealer,
  entry: InboxEntry,
  { now, perMinute, dueAt }: AdmitOptions,
): { keys: string[]; args: string[] } {
  return {
    keys: [
      `${prefix}flood:${entry.ownerId}:${minuteBucket(now)}`,
      `${prefix}inbox:due`,
      `${prefix}inbox:msg`,
    ],
    args: [
      String(FLOOD_TTL_SECONDS),
      String(perMinute),
      String(dueAt),
      entry.inbound.messageId,
      sealer.seal(encodeEntry(entry)),
    ],
  };
}

/** ADMIT's count as an admission. */
export function admissionOf(count: number, perMinute: number): Admission {
  return count <= perMinute ? 'admitted' : count === perMinute + 1 ? 'flooded' : 'muted';
}

export function createRedisInbox(options: RedisInboxOptions): Inbox {
  const { redis, sealer, prefix = 'saathi:' } = options;
  const scripts = redis as Redis & {
    saathiInboxAdmit(...args: string[]): Promise<number>;
    saathiInboxClaim(...args: string[]): Promise<string[]>;
    [INBOX_DONE_COMMAND](...args: string[]): Promise<number>;
  };
  if (!('saathiInboxAdmit' in redis)) {
    redis.defineCommand('saathiInboxAdmit', { numberOfKeys: 3, lua: ADMIT });
    redis.defineCommand('saathiInboxClaim', { numberOfKeys: 3, lua: CLAIM });
    redis.defineCommand(INBOX_DONE_COMMAND, { numberOfKeys: 3, lua: DONE });
  }
  const due = `${prefix}inbox:due`;
  const entries = `${prefix}inbox:msg`;
  const sent = `${prefix}inbox:sent`;

  return {
    async admit(entry, options): Promise<Admission> {
      const { keys, args } = admitCall(prefix, sealer, entry, options);
      const count = await guarded(() => scripts.saathiInboxAdmit(...keys, ...args));
      return admissionOf(count, options.perMinute);
    },
    async done(messageId) {
      // One script, sent immediately (not auto-pipelined): see redis-client.ts.
      await guarded(() => scripts[INBOX_DONE_COMMAND](due, entries, sent, messageId));
    },
    async claim({ now, leaseMs, limit }) {
      const flat = await guarded(() =>
        scripts.saathiInboxClaim(due, entries, sent, String(now), String(now + leaseMs), String(limit)),
      );
      const claimed: ClaimedEntry[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3)
        claimed.push(decodeEntry(sealer.open(flat[i + 1]!), Number(flat[i + 2])));
      return claimed;
    },
    async progress(messageId, count) {
      await guarded(() => redis.hset(sent, messageId, String(count)));
    },
    pending() {
      return guarded(() => redis.zcard(due));
    },
  };
}
