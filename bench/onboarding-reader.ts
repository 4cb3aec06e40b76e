// The read side of the onboarding load bench: the server's conversation store, profile store, owner ids
// and texts, built from the same adapters the composition root uses, on the same Redis, key prefix and
// data key. Not `compose()` itself: its runtime keeps a BullMQ connection that close() leaves open, which
// would keep reconnecting (and complaining) once the bench's private Redis is gone.
import type { Redis } from 'ioredis';
import { createRedisClient } from '../src/adapters/redis-client.js';
import { createRedisProfileStore } from '../src/adapters/redis-profile-store.js';
import { createRedisStore } from '../src/adapters/redis-store.js';
import { createSealer, normalizeAddress } from '../src/adapters/sealer.js';
import type { ConversationStore } from '../src/dialogue/store.js';
import { Messages, readLocaleFiles } from '../src/i18n/messages.js';
import { businessKindName } from '../src/language/understand.js';
import type { ProfileStore } from '../src/profile/store.js';

export interface Reader {
  readonly store: ConversationStore;
  readonly profiles: ProfileStore;
  readonly messages: Messages;
  /** The owner id the server derives from a WhatsApp address. */
  ownerId(from: string): string;
  /** The inbox entries not answered yet (the Redis inbox's hash of entries). */
  unsettled(): Promise<string[]>;
  /** Whether the inbox holds this message; throws while Redis is away. */
  pending(messageId: string): Promise<boolean>;
  /** Entries due or leased for recovery. */
  due(): Promise<number>;
  /** Blocks every client's writes for `ms` (CLIENT PAUSE WRITE): what a planned failover does first. */
  pauseWrites(ms: number): Promise<unknown>;
  close(): void;
}

export function createReader(url: string, dataKey: Buffer, prefix: string): Reader {
  const redis: Redis = createRedisClient(url);
  const sealer = createSealer(dataKey);
  const entries = `${prefix}inbox:msg`;
  return {
    store: createRedisStore({ redis, sealer, prefix }),
    profiles: createRedisProfileStore({ redis, sealer, prefix }),
    messages: new Messages(readLocaleFiles(), (key, lang) =>
      key.startsWith('kind.') ? businessKindName(key.slice(5), lang) : undefined,
    ),
    ownerId: (from) => sealer.hash(normalizeAddress(from)),
    unsettled: () => redis.hkeys(entries),
    pending: async (messageId) => (await redis.hexists(entries, messageId)) === 1,
    due: () => redis.zcard(`${prefix}inbox:due`),
    pauseWrites: (ms) => redis.call('CLIENT', 'PAUSE', String(ms), 'WRITE'),
    close: () => redis.disconnect(),
  };
}
