// Redis campaign store. Keys under `prefix`:
//   cmp:<id>            the campaign (JSON)        cmp:<id>:state   its state
//   cmp:<id>:n          counters (hash)            cmp:<id>:r       delivery records (hash owner → record)
//   cmp:<id>:x          reactions counted once (hash `<owner>|replied` …)
//   cmp-lender:<id>     the lender's campaign ids (zset by creation time)
//   cmp-active          campaigns that need workers (set)
//   cmp-sid:<sid>       `<campaign>|<owner>` for status callbacks (30 days)
//   cmp-last:<owner>    the campaign that last reached the owner (7 days; replies are credited to it)
//   freq:<owner>        the owner's marketing sends in the cap window, across lenders (zset campaign → ms)
//   cmp-of:<owner>      campaigns that hold a delivery record of the owner (set; for export and erasure)
import type { Redis } from 'ioredis';
import type { MessageStatus } from '../dialogue/store.js';
import type { Campaign, CampaignState } from '../campaigns/campaign.js';
import { scriptRunner } from '../campaigns/lua.js';
import {
  APPLY_STATUS,
  CLAIM,
  ERASE_OWNER,
  FINISH,
  MARK_QUEUED,
  RELEASE,
  SENT,
} from '../campaigns/recipient-scripts.js';
import type {
  CampaignCounters,
  CampaignStore,
  ClaimResult,
  Reaction,
  RecipientState,
} from '../campaigns/store.js';

export interface RedisCampaignStoreOptions {
  readonly redis: Redis;
  readonly prefix?: string;
  readonly sidTtlSeconds?: number;
  /** How long after a message a reply is still credited to its campaign. */
  readonly replyWindowSeconds?: number;
}

/** Record texts never contain the separator. */
const clean = (text: string): string => text.replace(/[|\n]/g, '/');

function parseRecord(record: string): RecipientState {
  const [kind = '', a = '', b = '', ...rest] = record.split('|');
  switch (kind) {
    case 'q':
      return { kind: 'queued' };
    case 's':
      return { kind: 'sending', leaseUntil: Number(a) };
    case 'S':
      return {
        kind: 'sent',
        sid: a,
        status: b as MessageStatus,
        ...(rest.join('|') !== '' ? { failure: rest.join('|').replace(/^failed:/, '') } : {}),
      };
    case 'k':
      return { kind: 'skipped', reason: a };
    case 'f':
      return { kind: 'failed', ...(a !== '' ? { code: Number(a) } : {}), reason: [b, ...rest].join('|') };
    default:
      return { kind: 'unknown' };
  }
}

export function createRedisCampaignStore(options: RedisCampaignStoreOptions): CampaignStore {
  const { redis, prefix = 'saathi:', sidTtlSeconds = 30 * 86_400, replyWindowSeconds = 7 * 86_400 } = options;
  const key = {
    campaign: (id: string) => `${prefix}cmp:${id}`,
    state: (id: string) => `${prefix}cmp:${id}:state`,
    counters: (id: string) => `${prefix}cmp:${id}:n`,
    recipients: (id: string) => `${prefix}cmp:${id}:r`,
    reactions: (id: string) => `${prefix}cmp:${id}:x`,
    lender: (id: string) => `${prefix}cmp-lender:${id}`,
    active: `${prefix}cmp-active`,
    sid: (sid: string) => `${prefix}cmp-sid:${sid}`,
    last: (owner: string) => `${prefix}cmp-last:${owner}`,
    freq: (owner: string) => `${prefix}freq:${owner}`,
    ofOwner: (owner: string) => `${prefix}cmp-of:${owner}`,
  };
  const REACTIONS: readonly Reaction[] = ['replied', 'interested', 'opted_out'];
  const script = scriptRunner(redis);
  const parse = (json: string | null): Campaign | undefined =>
    json === null ? undefined : (JSON.parse(json) as Campaign);

  return {
    async create(campaign, state) {
      const results = await redis
        .multi()
        .set(key.campaign(campaign.id), JSON.stringify(campaign), 'NX')
        .set(key.state(campaign.id), state)
        .zadd(key.lender(campaign.lenderId), campaign.createdAt, campaign.id)
        .exec();
      if (results?.[0]?.[1] !== 'OK') throw new Error(`campaign ${campaign.id} exists already`);
    },
    async get(id) {
      return parse(await redis.get(key.campaign(id)));
    },
    async update(campaign) {
      await redis.set(key.campaign(campaign.id), JSON.stringify(campaign), 'XX');
    },
    async listByLender(lenderId) {
      const ids = await redis.zrevrange(key.lender(lenderId), 0, -1);
      if (ids.length === 0) return [];
      const found = await redis.mget(ids.map(key.campaign));
      return found.flatMap((json) => parse(json) ?? []);
    },
    async state(id) {
      return ((await redis.get(key.state(id))) ?? undefined) as CampaignState | undefined;
    },
    async transition(id, from, to) {
      const moved = await script(
        `local s = redis.call('GET', KEYS[1]) for i = 2, #ARGV do if s == ARGV[i] then redis.call('SET', KEYS[1], ARGV[1]) return 1 end end return 0`,
        [key.state(id)],
        [to, ...from],
      );
      return moved === 1;
    },
    async active() {
      return redis.smembers(key.active);
    },
    async setActive(id, active) {
      await (active ? redis.sadd(key.active, id) : redis.srem(key.active, id));
    },
    async counters(id) {
      const raw = await redis.hgetall(key.counters(id));
      const n = (field: string) => Number(raw[field] ?? 0);
      const by = (group: string) =>
        Object.fromEntries(
          Object.entries(raw)
            .filter(([field, value]) => field.startsWith(`${group}:`) && Number(value) !== 0)
            .map(([field, value]) => [field.slice(group.length + 1), Number(value)]),
        );
      const counters: CampaignCounters = {
        queued: n('queued'),
        sent: n('sent'),
        delivered: n('delivered'),
        read: n('read'),
        failed: n('failed'),
        failedAtSend: n('failed_send'),
        failedBy: by('failed'),
        skipped: n('skipped'),
        skippedBy: by('skipped'),
        unknown: n('unknown'),
        replied: n('replied'),
        interested: n('interested'),
        optedOut: n('opted_out'),
        fanoutDone: raw.fanout_done === '1',
      };
      return counters;
    },
    async markQueued(id, ownerIds) {
      if (ownerIds.length === 0) return [];
      return (await script(
        MARK_QUEUED,
        [key.recipients(id), key.counters(id), ...ownerIds.map(key.ofOwner)],
        [id, ...ownerIds],
      )) as string[];
    },
    async markFanoutDone(id) {
      await redis.hset(key.counters(id), 'fanout_done', '1');
    },
    async recipient(id, ownerId) {
      const record = await redis.hget(key.recipients(id), ownerId);
      return record === null ? undefined : parseRecord(record);
    },
    async claim(id, ownerId, { now, leaseMs, cap }): Promise<ClaimResult> {
      const [kind, detail] = (await script(
        CLAIM,
        [key.recipients(id), key.counters(id), key.freq(ownerId)],
        [ownerId, now, now + leaseMs, id, cap?.count ?? 0, cap?.windowMs ?? 0],
      )) as [ClaimResult['kind'], string];
      return kind === 'busy' ? { kind, leaseUntil: Number(detail) } : { kind };
    },
    async finish(id, ownerId, outcome) {
      let record: string;
      let fields: string[];
      if (outcome.kind === 'unknown') {
        record = 'u';
        fields = ['unknown'];
      } else if (outcome.kind === 'skipped') {
        record = `k|${clean(outcome.reason)}`;
        fields = ['skipped', `skipped:${clean(outcome.reason)}`];
      } else {
        record = `f|${outcome.code ?? ''}|${clean(outcome.reason)}`;
        fields = [
          'failed',
          'failed_send',
          `failed:${clean(outcome.reason)}`,
          ...(outcome.optedOut === true ? ['opted_out'] : []),
        ];
      }
      const moved = await script(
        FINISH,
        [key.recipients(id), key.counters(id), key.freq(ownerId)],
        [ownerId, record, fields.join('\n'), outcome.kind === 'failed' ? id : ''],
      );
      return moved === 1;
    },
    async release(id, ownerId) {
      await script(RELEASE, [key.recipients(id)], [ownerId]);
    },
    async sent(id, ownerId, sid, status) {
      const moved = await script(
        SENT,
        [key.recipients(id), key.counters(id), key.sid(sid), key.last(ownerId)],
        [ownerId, clean(sid), status, id, sidTtlSeconds, replyWindowSeconds],
      );
      return moved === 1;
    },
    async bySid(sid) {
      const found = await redis.get(key.sid(sid));
      if (found === null) return undefined;
      const [campaignId = '', ownerId = ''] = found.split('|');
      return { campaignId, ownerId };
    },
    async applyStatus(sid, status, failure) {
      const target = await this.bySid(sid);
      if (target === undefined) return undefined;
      const { campaignId, ownerId } = target;
      const previous = (await script(
        APPLY_STATUS,
        [key.recipients(campaignId), key.counters(campaignId)],
        [ownerId, sid, status, `failed:${clean(failure ?? 'delivery failed')}`],
      )) as string | null;
      return previous === null
        ? undefined
        : { campaignId, ownerId, from: previous as MessageStatus, to: status };
    },
    async lastCampaign(ownerId) {
      return (await redis.get(key.last(ownerId))) ?? undefined;
    },
    lastCampaignKey: key.last,
    async recordReaction(id, ownerId, reaction) {
      const counted = await script(
        `if redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 1 then redis.call('HINCRBY', KEYS[2], ARGV[2], 1) return 1 end return 0`,
        [key.reactions(id), key.counters(id)],
        [`${ownerId}|${reaction}`, reaction],
      );
      return counted === 1;
    },
    async ofOwner(ownerId) {
      const ids = (await redis.smembers(key.ofOwner(ownerId))).sort();
      const read = redis.multi();
      for (const id of ids)
        read
          .hget(key.recipients(id), ownerId)
          .hmget(key.reactions(id), ...REACTIONS.map((r) => `${ownerId}|${r}`));
      read.get(key.last(ownerId)).zrange(key.freq(ownerId), 0, -1, 'WITHSCORES');
      const results = (await read.exec()) ?? [];
      const value = (i: number): unknown => {
        const [error, found] = results[i] ?? [new Error('Redis transaction was aborted'), null];
        if (error) throw error;
        return found;
      };
      const recipients = ids.flatMap((campaignId, i) => {
        const record = value(2 * i) as string | null;
        const counted = value(2 * i + 1) as (string | null)[];
        if (record === null) return [];
        const reactions = REACTIONS.filter((_, r) => counted[r] !== null);
        return [{ campaignId, state: parseRecord(record), reactions }];
      });
      const last = value(2 * ids.length) as string | null;
      const flat = value(2 * ids.length + 1) as string[];
      const frequency: Record<string, number> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) frequency[flat[i] ?? ''] = Number(flat[i + 1]);
      return { recipients, ...(last === null ? {} : { lastCampaign: last }), frequency };
    },
    async eraseOwner(ownerId) {
      return (await script(
        ERASE_OWNER,
        [key.ofOwner(ownerId), key.last(ownerId), key.freq(ownerId)],
        [ownerId, `${prefix}cmp:`, `${prefix}cmp-sid:`],
      )) as number;
    },
  };
}
