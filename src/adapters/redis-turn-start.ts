// The start of a WhatsApp turn in one Redis command: the inbox's admission (count against the flood
// limit, record the entry) and, when admitted, the conversation store's first read (the receipt of this
// message, the owner's conversation). With campaigns, the same script also touches the owner's 24-hour
// session window and reads the campaign that last reached them. One script instead of five commands on
// every message; Redis runs it atomically, so the entry is recorded before the turn reads, as with the
// separate calls.
import type { Redis } from 'ioredis';
import { SESSION_KEEP_MS, sessionWindowKey, TOUCH_WINDOW } from '../campaigns/session-window.js';
import type { CampaignStore } from '../campaigns/store.js';
import type { AdmitAndBegin } from '../dialogue/inbox.js';
import { guarded } from './redis-client.js';
import { ADMIT_COUNT, admissionOf, admitCall, type RedisInboxOptions } from './redis-inbox.js';
import { begunOf, conversationKeys } from './redis-store.js';

// KEYS 1-3, ARGV 1-5: as ADMIT (redis-inbox.ts). KEYS[4]: receipt, KEYS[5]: conversation (redis-store.ts).
// Returns the count alone when the message is turned away, else {count, receipt, {version, data}}.
const BEGIN_READS = `n, redis.call('GET', KEYS[4]), redis.call('HMGET', KEYS[5], 'v', 'd')`;
const ADMIT_AND_BEGIN = `${ADMIT_COUNT}
return {${BEGIN_READS}}`;

// As ADMIT_AND_BEGIN, then KEYS[6]: session window, ARGV[6]: now, ARGV[7]: how long the window's time is
// kept; KEYS[7]: the owner's last campaign, returned fourth.
const ADMIT_AND_BEGIN_WITH_WINDOW = `${TOUCH_WINDOW}
${ADMIT_COUNT}
touchWindow(KEYS[6], ARGV[6], ARGV[7])
return {${BEGIN_READS}, redis.call('GET', KEYS[7])}`;

type Reply =
  | number
  | [number, string | null, [string | null, string | null]]
  | [number, string | null, [string | null, string | null], string | null];

/** Where campaigns keep what the webhook touches and reads (campaigns/session-window.ts, the campaign store). */
export interface WindowKeys {
  window(ownerId: string): string;
  lastCampaign(ownerId: string): string;
}

/** The keys of the session window under `prefix` and of the campaign store's last campaign. */
export function windowKeysOf(prefix: string, store: Pick<CampaignStore, 'lastCampaignKey'>): WindowKeys {
  return {
    window: (ownerId) => sessionWindowKey(prefix, ownerId),
    lastCampaign: (ownerId) => store.lastCampaignKey(ownerId),
  };
}

/** Takes the inbox's options: the script writes the inbox's keys (and reads the store's under the same prefix). */
export function createRedisAdmitAndBegin(
  options: RedisInboxOptions & { readonly campaigns?: WindowKeys },
): AdmitAndBegin {
  const { redis, sealer, prefix = 'saathi:', campaigns } = options;
  const scripts = redis as Redis & {
    saathiAdmitAndBegin(...args: string[]): Promise<Reply>;
    saathiAdmitAndBeginWindow(...args: string[]): Promise<Reply>;
  };
  if (!('saathiAdmitAndBegin' in redis)) {
    redis.defineCommand('saathiAdmitAndBegin', { numberOfKeys: 5, lua: ADMIT_AND_BEGIN });
    redis.defineCommand('saathiAdmitAndBeginWindow', {
      numberOfKeys: 7,
      lua: ADMIT_AND_BEGIN_WITH_WINDOW,
    });
  }
  const key = conversationKeys(prefix);
  return async (entry, options) => {
    const { keys, args } = admitCall(prefix, sealer, entry, options);
    const { ownerId, inbound } = entry;
    keys.push(key.receipt(inbound.messageId), key.conversation(ownerId));
    const reply = await guarded(() =>
      campaigns
        ? scripts.saathiAdmitAndBeginWindow(
            ...keys,
            campaigns.window(ownerId),
            campaigns.lastCampaign(ownerId),
            ...args,
            String(options.now),
            String(SESSION_KEEP_MS),
          )
        : scripts.saathiAdmitAndBegin(...keys, ...args),
    );
    if (typeof reply === 'number') return { admission: admissionOf(reply, options.perMinute) };
    const [count, receipt, [version, data], lastCampaign] = reply;
    const admission = admissionOf(count, options.perMinute);
    if (admission !== 'admitted') return { admission };
    // Opened inside a promise: a read that cannot be opened fails the turn, not the admission (as a
    // separate read would).
    const begun = Promise.resolve().then(() => begunOf(sealer, receipt, version, data));
    return lastCampaign ? { admission, begun, lastCampaign } : { admission, begun };
  };
}
