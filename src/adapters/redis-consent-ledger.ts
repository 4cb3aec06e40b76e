// Redis consent ledger: an append-only list of sealed entries per owner (`${prefix}consent:<ownerId>`),
// and the STOP suppressions in one hash keyed by a keyed hash of the owner id
// (`${prefix}consent:suppressed`), which erasure leaves in place. Same contract as the memory ledger.
import type { Redis } from 'ioredis';
import { deriveConsent, type ConsentEntry, type ConsentLedger } from '../consent/ledger.js';
import type { Sealer } from './sealer.js';

export interface RedisConsentLedgerOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  readonly prefix?: string;
}

export function createRedisConsentLedger(options: RedisConsentLedgerOptions): ConsentLedger {
  const { redis, sealer, prefix = 'saathi:' } = options;
  const keyOf = (ownerId: string): string => `${prefix}consent:${ownerId}`;
  const suppressed = `${prefix}consent:suppressed`;
  const field = (ownerId: string): string => sealer.hash(`suppress:${ownerId}`);
  const history = async (ownerId: string): Promise<ConsentEntry[]> =>
    (await redis.lrange(keyOf(ownerId), 0, -1)).map(
      (sealed) => JSON.parse(sealer.open(sealed)) as ConsentEntry,
    );

  return {
    async append(ownerId, entry) {
      await redis.rpush(keyOf(ownerId), sealer.seal(JSON.stringify(entry)));
    },
    history,
    async current(ownerId) {
      return deriveConsent(await history(ownerId));
    },
    async suppress(ownerId, at) {
      await redis.hsetnx(suppressed, field(ownerId), String(at));
    },
    async unsuppress(ownerId) {
      await redis.hdel(suppressed, field(ownerId));
    },
    async isSuppressed(ownerId) {
      return (await redis.hexists(suppressed, field(ownerId))) === 1;
    },
    async erase(ownerId) {
      await redis.del(keyOf(ownerId));
    },
  };
}
