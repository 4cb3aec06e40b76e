// Redis conversation store: conversations and receipts sealed with AES-256-GCM, a version-checked commit
// in one Lua script, one pipelined read per turn, and monotonic message statuses. Each commit records the
// owner's last message in the sorted set `conv-seen`, which the retention sweep (src/privacy/retention.ts)
// reads; a TTL refreshed by each commit is the backstop. Connection failures surface as StoreUnavailable.
import type { Redis } from 'ioredis';
import {
  MESSAGE_STATUSES,
  RECEIPT_TTL_SECONDS,
  STATUS_TTL_SECONDS,
  statusRank,
  type Begun,
  type CommitResult,
  type ConversationRecord,
  type ConversationStore,
  type MessageStatus,
  type StatusUpdate,
  type StoredConversation,
} from '../dialogue/store.js';
import { guarded } from './redis-client.js';
import type { Sealer } from './sealer.js';

export interface RedisStoreOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  /** Prefix of every key, so tests and tenants never collide. */
  readonly prefix?: string;
  /** Backstop: a conversation without a turn for this long is deleted by Redis (0 = no TTL). */
  readonly retentionSeconds?: number;
}

const COMMIT = `
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if v ~= tonumber(ARGV[1]) then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) redis.call('ZREM', KEYS[3], ARGV[7]) else
  redis.call('HSET', KEYS[1], 'v', v + 1, 'd', ARGV[2])
  if tonumber(ARGV[5]) > 0 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5])) end
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[7])
end
redis.call('SET', KEYS[2], ARGV[3], 'EX', tonumber(ARGV[4]))
return 1`;

const STATUS = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
if tonumber(ARGV[1]) < current then return 0 end
redis.call('HSET', KEYS[1], 'rank', ARGV[1], 'status', ARGV[2], 'error', ARGV[3], 'at', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return 1`;

// KEYS: last-seen index. ARGV: before (epoch ms, exclusive), limit, conversation key prefix. Reading the
// scores and deleting happen in one script, so a turn committed meanwhile (a newer score) is never swept.
const SWEEP = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do
  redis.call('DEL', ARGV[3] .. id)
  redis.call('ZREM', KEYS[1], id)
end
return ids`;

/** Keys of one owner's conversation and of one message's receipt (also read by redis-turn-start.ts). */
export function conversationKeys(prefix: string) {
  return {
    conversation: (ownerId: string) => `${prefix}conv:${ownerId}`,
    // Message SIDs are opaque provider ids, not personal data: no keyed hash needed.
    receipt: (messageId: string) => `${prefix}rcpt:${messageId}`,
  };
}

function unseal(
  sealer: Sealer,
  version: string | null | undefined,
  data: string | null | undefined,
): StoredConversation | undefined {
  return version == null || data == null
    ? undefined
    : { record: JSON.parse(sealer.open(data)) as ConversationRecord, version: Number(version) };
}

/** A turn's first read (receipt, then conversation version and data, as Redis returned them) as a Begun. */
export function begunOf(
  sealer: Sealer,
  sealedReceipt: string | null | undefined,
  version: string | null | undefined,
  data: string | null | undefined,
): Begun {
  const conversation = unseal(sealer, version, data);
  return {
    ...(sealedReceipt ? { receipt: sealer.open(sealedReceipt) } : {}),
    ...(conversation ? { conversation } : {}),
  };
}

export function createRedisStore(options: RedisStoreOptions): ConversationStore {
  const { redis, sealer, prefix = 'saathi:', retentionSeconds = 0 } = options;
  // Scripts run by SHA (EVALSHA, loaded on first use), not resent in full on every call.
  const scripts = redis as Redis & {
    saathiCommit(...args: string[]): Promise<number>;
    saathiStatus(...args: string[]): Promise<number>;
    saathiSweepIdle(...args: string[]): Promise<string[]>;
  };
  if (!('saathiCommit' in redis)) {
    redis.defineCommand('saathiCommit', { numberOfKeys: 3, lua: COMMIT });
    redis.defineCommand('saathiStatus', { numberOfKeys: 1, lua: STATUS });
    redis.defineCommand('saathiSweepIdle', { numberOfKeys: 1, lua: SWEEP });
  }
  const key = {
    ...conversationKeys(prefix),
    status: (messageId: string) => `${prefix}status:${messageId}`,
    /** Sorted set: owner id → epoch ms of the owner's last message (retention sweep). */
    seen: `${prefix}conv-seen`,
  };

  return {
    async load(ownerId) {
      const [version, data] = await guarded(() => redis.hmget(key.conversation(ownerId), 'v', 'd'));
      return unseal(sealer, version, data);
    },
    async begin(ownerId, messageId) {
      // Two commands issued in the same tick: auto-pipelining sends them in one write, together with
      // whatever other turns issued meanwhile (an explicit pipeline would cost a write of its own).
      const [sealed, [version, data]] = await guarded(() =>
        Promise.all([redis.get(key.receipt(messageId)), redis.hmget(key.conversation(ownerId), 'v', 'd')]),
      );
      return begunOf(sealer, sealed, version, data);
    },
    async commit(
      ownerId,
      expectedVersion,
      record: ConversationRecord | null,
      receipt,
    ): Promise<CommitResult> {
      const data = record === null ? '' : sealer.seal(JSON.stringify(record));
      const sealedResponse = sealer.seal(receipt.response);
      const result = await guarded(() =>
        scripts.saathiCommit(
          key.conversation(ownerId),
          key.receipt(receipt.messageId),
          key.seen,
          String(expectedVersion),
          data,
          sealedResponse,
          String(RECEIPT_TTL_SECONDS),
          String(retentionSeconds),
          String(record?.lastSeen ?? 0),
          ownerId,
        ),
      );
      return result === 1 ? 'ok' : result === -1 ? 'duplicate' : 'conflict';
    },
    async receipt(messageId) {
      const sealed = await guarded(() => redis.get(key.receipt(messageId)));
      return sealed === null ? undefined : sealer.open(sealed);
    },
    sweepIdle(before, limit) {
      return guarded(() =>
        scripts.saathiSweepIdle(key.seen, String(before), String(limit), key.conversation('')),
      );
    },
    async recordStatus(update) {
      await guarded(() =>
        scripts.saathiStatus(
          key.status(update.messageId),
          String(statusRank(update.status)),
          update.status,
          update.errorCode ?? '',
          String(update.at),
          String(STATUS_TTL_SECONDS),
        ),
      );
    },
    async status(messageId) {
      const found = await guarded(() => redis.hgetall(key.status(messageId)));
      const status = found.status as MessageStatus | undefined;
      if (!status || !MESSAGE_STATUSES.includes(status)) return undefined;
      return {
        messageId,
        status,
        ...(found.error ? { errorCode: found.error } : {}),
        at: Number(found.at),
      } satisfies StatusUpdate;
    },
    async ping() {
      await guarded(() => redis.ping());
    },
    async close() {
      // QUIT needs a live connection; without one there is nothing to flush.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
