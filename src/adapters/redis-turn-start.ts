// The start of a WhatsApp turn in one Redis command: the inbox's admission (count against the flood
// limit, record the entry) and, when admitted, the conversation store's first read (the receipt of this
// message, the owner's conversation). One script instead of three commands on every message; Redis runs
// it atomically, so the entry is recorded before the turn reads, as with the separate calls.
import type { Redis } from 'ioredis';
import type { AdmitAndBegin } from '../dialogue/inbox.js';
import { guarded } from './redis-client.js';
import { ADMIT_COUNT, admissionOf, admitCall, type RedisInboxOptions } from './redis-inbox.js';
import { begunOf, conversationKeys } from './redis-store.js';

// KEYS 1-3, ARGV 1-5: as ADMIT (redis-inbox.ts). KEYS[4]: receipt, KEYS[5]: conversation (redis-store.ts).
// Returns the count alone when the message is turned away, else {count, receipt, {version, data}}.
const ADMIT_AND_BEGIN = `${ADMIT_COUNT}
return {n, redis.call('GET', KEYS[4]), redis.call('HMGET', KEYS[5], 'v', 'd')}`;

type Reply = number | [number, string | null, [string | null, string | null]];

/** Takes the inbox's options: the script writes the inbox's keys (and reads the store's under the same prefix). */
export function createRedisAdmitAndBegin(options: RedisInboxOptions): AdmitAndBegin {
  const { redis, sealer, prefix = 'saathi:' } = options;
  const scripts = redis as Redis & { saathiAdmitAndBegin(...args: string[]): Promise<Reply> };
  if (!('saathiAdmitAndBegin' in redis))
    redis.defineCommand('saathiAdmitAndBegin', { numberOfKeys: 5, lua: ADMIT_AND_BEGIN });
  const key = conversationKeys(prefix);
  return async (entry, options) => {
    const { keys, args } = admitCall(prefix, sealer, entry, options);
    const reply = await guarded(() =>
      scripts.saathiAdmitAndBegin(
        ...keys,
        key.receipt(entry.inbound.messageId),
        key.conversation(entry.ownerId),
        ...args,
      ),
    );
    if (typeof reply === 'number') return { admission: admissionOf(reply, options.perMinute) };
    const [count, receipt, [version, data]] = reply;
    const admission = admissionOf(count, options.perMinute);
    if (admission !== 'admitted') return { admission };
    // Opened inside a promise: a read that cannot be opened fails the turn, not the admission (as a
    // separate read would).
    const begun = Promise.resolve().then(() => begunOf(sealer, receipt, version, data));
    return { admission, begun };
  };
}
