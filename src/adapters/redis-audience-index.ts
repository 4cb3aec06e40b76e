// Redis audience index: one bitmap per token, one bit per owner (redis-audience-keys.ts; the profile
// store maintains them), so an estimate is BITOP OR per filter with several values, BITOP AND across
// filters and BITCOUNT, in one transaction on temporary keys — about 125 KB of work per bitmap at a
// million owners, never a scan of profiles. members() stores the AND once (a snapshot) and walks it in
// slices with GETRANGE, turning set bits back into owner ids through the ordinal hash.
import type { Redis } from 'ioredis';
import { ALL_TOKEN, audienceGroups, type Audience, type AudienceIndex } from '../campaigns/audience.js';
import { audienceKeys } from './redis-audience-keys.js';
import type { Sealer } from './sealer.js';

export interface RedisAudienceIndexOptions {
  readonly redis: Redis;
  readonly sealer: Sealer;
  /** The profile store's prefix. */
  readonly prefix?: string;
  /** Lifetime of a stored intersection being walked by members() (a crash leaves nothing for long). */
  readonly snapshotTtlMs?: number;
}

const TEMP_TTL_MS = 60_000;
/** Bytes of the stored intersection read per GETRANGE (65,536 owners). */
const SLICE_BYTES = 8_192;

function check(results: [Error | null, unknown][] | null): unknown[] {
  if (results === null) throw new Error('Redis transaction was aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/** Ordinals of the set bits of a slice starting at byte `offset` (bit 0 = most significant, as SETBIT). */
function setBits(slice: Buffer, offset: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < slice.length; i++) {
    const byte = slice[i] ?? 0;
    if (byte === 0) continue;
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) out.push((offset + i) * 8 + bit);
  }
  return out;
}

export function createRedisAudienceIndex(options: RedisAudienceIndexOptions): AudienceIndex {
  const { redis, sealer, prefix = 'saathi:', snapshotTtlMs = 3_600_000 } = options;
  const keys = audienceKeys(prefix, sealer);

  /**
   * Queues on `tx` the commands that leave the audience's bitmap in `target` — or, for one plain bitmap,
   * name that bitmap instead — and returns the key to read and the temporaries to delete after.
   */
  const build = (
    tx: ReturnType<Redis['multi']>,
    a: Audience,
    target: string,
  ): { key: string; temps: string[] } | 'empty' => {
    const groups = audienceGroups(a);
    if (groups.some((g) => g.length === 0)) return 'empty';
    if (groups.length === 0) groups.push([ALL_TOKEN]);
    const temps: string[] = [];
    const operands = groups.map((group) => {
      const [only, ...rest] = group;
      if (only !== undefined && rest.length === 0) return keys.set(only);
      const temp = keys.temp('tmp');
      temps.push(temp);
      tx.bitop('OR', temp, ...group.map(keys.set)).pexpire(temp, TEMP_TTL_MS);
      return temp;
    });
    const [first, ...others] = operands;
    if (first !== undefined && others.length === 0 && temps.length === 0) return { key: first, temps };
    tx.bitop('AND', target, ...operands).pexpire(target, TEMP_TTL_MS);
    return { key: target, temps: [...temps, target] };
  };

  return {
    async estimate(a) {
      const tx = redis.multi();
      const plan = build(tx, a, keys.temp('tmp'));
      if (plan === 'empty') return 0;
      tx.bitcount(plan.key);
      if (plan.temps.length > 0) tx.del(...plan.temps);
      const results = check(await tx.exec());
      return Number(results.at(plan.temps.length > 0 ? -2 : -1));
    },
    async *members(a, batchSize) {
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batch size must be a positive integer, not ${batchSize}`);
      const run = keys.temp('run');
      const tx = redis.multi();
      const plan = build(tx, a, run);
      if (plan === 'empty') return;
      // A lone bitmap is copied so the snapshot does not move while it is walked.
      if (plan.key !== run) tx.bitop('OR', run, plan.key);
      tx.pexpire(run, snapshotTtlMs);
      const temps = plan.temps.filter((t) => t !== run);
      if (temps.length > 0) tx.del(...temps);
      check(await tx.exec());
      try {
        const length = await redis.strlen(run);
        let buffer: string[] = [];
        for (let offset = 0; offset < length; offset += SLICE_BYTES) {
          const slice = await redis.getrangeBuffer(run, offset, offset + SLICE_BYTES - 1);
          const ordinals = setBits(slice, offset);
          if (ordinals.length === 0) continue;
          const ids = await redis.hmget(keys.ordinals, ...ordinals.map(String));
          // An owner deleted since the snapshot has no id any more: left out.
          buffer.push(...ids.filter((id): id is string => id !== null));
          while (buffer.length >= batchSize) {
            yield buffer.slice(0, batchSize);
            buffer = buffer.slice(batchSize);
          }
        }
        if (buffer.length > 0) yield buffer;
      } finally {
        await redis.del(run);
      }
    },
  };
}
