// Redis lead store: each lead sealed under `${prefix}lead:<id>`; per lender a sorted set of lead ids
// (`${prefix}leads:<lenderId>`, all scores 0, paged by lexicographic ranges — ids sort by recording
// time); per owner the set of their lead ids (`${prefix}leads:of:<ownerId>`) for erasure; a once-key
// per lender, owner, campaign and item; and per lender the erasure notices (`${prefix}erasures:<lenderId>`,
// scored by time, kept for ERASURE_NOTICE_DAYS).
import type { Redis } from 'ioredis';
import { leadOnceKey, type Lead, type LeadStore } from '../campaigns/leads.js';
import type { Sealer } from './sealer.js';

export const ERASURE_NOTICE_DAYS = 180;

/**
 * Adds a lead atomically unless its once-key names a lead that still exists (then returns that one).
 * KEYS: once-key, new lead, lender's ids, owner's ids. ARGV: lead id, sealed lead, lead key prefix.
 */
const ADD_ONCE = `
local existing = redis.call('GET', KEYS[1])
if existing then
  local sealed = redis.call('GET', ARGV[3] .. existing)
  if sealed then return sealed end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], 0, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
return false
`;

function check(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('Redis transaction was aborted');
  for (const [error] of results) if (error) throw error;
}

export function createRedisLeadStore(options: { redis: Redis; sealer: Sealer; prefix?: string }): LeadStore {
  const { redis, sealer, prefix = 'saathi:' } = options;
  const leadKey = (id: string): string => `${prefix}lead:${id}`;
  const byLender = (lenderId: string): string => `${prefix}leads:${lenderId}`;
  const byOwner = (ownerId: string): string => `${prefix}leads:of:${ownerId}`;
  const onceKey = (lead: Lead): string => `${prefix}lead:once:${leadOnceKey(lead)}`;
  const erasures = (lenderId: string): string => `${prefix}erasures:${lenderId}`;
  const open = (sealed: string): Lead => JSON.parse(sealer.open(sealed)) as Lead;

  return {
    async add(lead) {
      const existing = (await redis.eval(
        ADD_ONCE,
        4,
        onceKey(lead),
        leadKey(lead.id),
        byLender(lead.lenderId),
        byOwner(lead.ownerId),
        lead.id,
        sealer.seal(JSON.stringify(lead)),
        leadKey(''),
      )) as string | null;
      return existing === null ? lead : open(existing);
    },
    async get(lenderId, leadId) {
      const sealed = await redis.get(leadKey(leadId));
      const lead = sealed === null ? undefined : open(sealed);
      return lead?.lenderId === lenderId ? lead : undefined;
    },
    async page(lenderId, after, limit) {
      const ids = await redis.zrangebylex(
        byLender(lenderId),
        after === '' ? '-' : `(${after}`,
        '+',
        'LIMIT',
        0,
        limit,
      );
      if (ids.length === 0) return [];
      return (await redis.mget(ids.map(leadKey))).flatMap((sealed) =>
        sealed === null ? [] : [open(sealed)],
      );
    },
    async deleteOf(ownerId, erasedAt, lenderId) {
      const ids = await redis.smembers(byOwner(ownerId));
      const values = ids.length === 0 ? [] : await redis.mget(ids.map(leadKey));
      const leads = values
        .flatMap((sealed) => (sealed === null ? [] : [open(sealed)]))
        .filter((lead) => lenderId === undefined || lead.lenderId === lenderId);
      const tx = redis.multi();
      const horizon = erasedAt - ERASURE_NOTICE_DAYS * 86_400_000;
      for (const lead of leads) {
        tx.del(leadKey(lead.id), onceKey(lead))
          .zrem(byLender(lead.lenderId), lead.id)
          .zadd(erasures(lead.lenderId), erasedAt, lead.id)
          .zremrangebyscore(erasures(lead.lenderId), '-inf', `(${horizon}`);
      }
      if (lenderId === undefined) tx.del(byOwner(ownerId));
      else if (leads.length > 0) tx.srem(byOwner(ownerId), ...leads.map((lead) => lead.id));
      check(await tx.exec());
      return leads.map((lead) => ({ lenderId: lead.lenderId, leadId: lead.id, erasedAt }));
    },
    async ofOwner(ownerId) {
      const ids = (await redis.smembers(byOwner(ownerId))).sort();
      if (ids.length === 0) return [];
      return (await redis.mget(ids.map(leadKey))).flatMap((sealed) =>
        sealed === null ? [] : [open(sealed)],
      );
    },
    async erasures(lenderId, since) {
      const flat = await redis.zrangebyscore(erasures(lenderId), since, '+inf', 'WITHSCORES');
      const out: { leadId: string; erasedAt: number }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2)
        out.push({ leadId: flat[i] ?? '', erasedAt: Number(flat[i + 1]) });
      return out;
    },
  };
}
