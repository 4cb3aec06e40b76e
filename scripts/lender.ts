// `npm run lender -- <command>`: the operator CLI for lenders (tenants of the lender API) and their API
// keys, against the Redis at REDIS_URL. Keys are printed once, at creation or rotation, and stored only
// as a SHA-256 of their secret. Exit codes: 0 done, 1 failed (no Redis, unknown id), 2 bad usage.
import { createRedisCampaignStore } from '../src/adapters/redis-campaign-store.js';
import { listCampaigns, watchCampaign } from '../src/campaigns/watch.js';
import { createDndList } from '../src/campaigns/dnd.js';
import { createSealer, type Sealer } from '../src/adapters/sealer.js';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { connectRedis, redactRedisUrl } from './redis-connect.js';
import { createRedisLenderRecords } from '../src/adapters/redis-lender-records.js';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  createLenderStore,
  InvalidLenderInput,
  isActive,
  parseScopes,
  SCOPES,
  type ApiKeyInfo,
  type LenderStore,
} from '../src/campaigns/lenders.js';

const USAGE = `usage: npm run lender -- <command> [options]

  create NAME [--scopes campaigns,leads]  new lender; prints its API key ONCE
  list                                    every lender
  keys LENDER_ID                          the lender's API keys (never the secrets)
  rotate KEY_ID [--grace 24h]             new key, printed ONCE; the old one stops after the grace (default: now)
  revoke KEY_ID                           the key stops working now
  campaigns LENDER_ID                     the lender's campaigns
  watch CAMPAIGN_ID                       follow a campaign's progress until it ends
  dnd import FILE | dnd count             TRAI DND numbers (one per line or first CSV column) that voice campaigns skip

options: --prefix P (Redis key prefix, default SAATHI_REDIS_PREFIX or saathi:)
Redis: REDIS_URL (default redis://127.0.0.1:6379)`;

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** What a command needs; `campaigns` and `watch` get the same. */
export interface CommandContext {
  readonly redis: Redis;
  readonly prefix: string;
  readonly lenders: LenderStore;
  /** Keyed hashes of numbers (the DND list is kept only as hashes). */
  readonly sealer: Sealer;
  readonly args: readonly string[];
  readonly out: (text: string) => void;
}
type Command = (ctx: CommandContext) => Promise<number>;

class UsageError extends Error {}

const date = (ms: number | undefined): string =>
  ms === undefined ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `90s`, `30m`, `24h`, `7d` or plain milliseconds. */
function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--grace: "${text}" is not a duration like 30m, 24h or 7d`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'ms') as 'ms'];
  return Math.round(Number(match[1]) * unit);
}

function keyStatus(key: ApiKeyInfo, now: number): string {
  if (key.revokedAt === undefined) return 'active';
  return isActive(key, now) ? `active until ${date(key.revokedAt)}` : `revoked ${date(key.revokedAt)}`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const one = (args: readonly string[], what: string): string => {
  const [value, ...rest] = args;
  if (value === undefined || rest.length > 0) throw new UsageError(`give exactly one ${what}`);
  return value;
};

const commands: Record<string, Command> = {
  async create({ lenders, args, out }) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { scopes: { type: 'string', default: SCOPES.join(',') } },
    });
    const name = positionals.join(' ').trim();
    if (name === '') throw new UsageError('give the lender a name');
    const { lender, key } = await lenders.create(name, parseScopes(values.scopes));
    out(`Lender ${lender.id} "${lender.name}" created with scopes ${lender.scopes.join(',')}.\n`);
    out(`API key (shown only now; store it safely):\n\n  ${key}\n\n`);
    return 0;
  },
  async list({ lenders, out }) {
    const all = await lenders.list();
    if (all.length === 0) out('No lenders yet. Create one with: npm run lender -- create NAME\n');
    else
      out(
        `${table([['ID', 'NAME', 'SCOPES', 'CREATED'], ...all.map((l) => [l.id, l.name, l.scopes.join(','), date(l.createdAt)])])}\n`,
      );
    return 0;
  },
  async keys({ lenders, args, out }) {
    const lenderId = one(args, 'lender id');
    if (!(await lenders.get(lenderId))) return fail(`no lender ${lenderId}`);
    const now = Date.now();
    const keys = await lenders.listKeys(lenderId);
    out(
      `${table([['KEY ID', 'SCOPES', 'CREATED', 'LAST USED', 'STATUS'], ...keys.map((k) => [k.id, k.scopes.join(','), date(k.createdAt), date(k.lastUsedAt), keyStatus(k, now)])])}\n`,
    );
    return 0;
  },
  async rotate({ lenders, args, out }) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { grace: { type: 'string', default: '0' } },
    });
    const keyId = one(positionals, 'key id');
    const graceMs = parseDuration(values.grace);
    const rotated = await lenders.rotate(keyId, { graceMs });
    if (!rotated) return fail(`no active key ${keyId}`);
    out(
      `Key ${rotated.info.id} replaces ${keyId}, which ${graceMs === 0 ? 'no longer works' : `works until ${date(Date.now() + graceMs)}`}.\n`,
    );
    out(`New API key (shown only now; store it safely):\n\n  ${rotated.key}\n\n`);
    return 0;
  },
  async revoke({ lenders, args, out }) {
    const keyId = one(args, 'key id');
    if (!(await lenders.revoke(keyId))) return fail(`no key ${keyId}`);
    out(`Key ${keyId} is revoked.\n`);
    return 0;
  },
  // ---- Campaign commands (src/campaigns/watch.ts) over the campaign store in the same Redis. ----
  async campaigns(ctx) {
    const lenderId = one(ctx.args, 'lender id');
    ctx.out(
      await listCampaigns(createRedisCampaignStore({ redis: ctx.redis, prefix: ctx.prefix }), lenderId),
    );
    return 0;
  },
  async dnd(ctx) {
    const [action, file] = ctx.args;
    const list = createDndList({ redis: ctx.redis, sealer: ctx.sealer, prefix: ctx.prefix });
    if (action === 'count') {
      ctx.out(`${await list.size()} numbers on the DND list (kept as keyed hashes)\n`);
      return 0;
    }
    if (action !== 'import' || file === undefined)
      throw new UsageError('dnd: use "dnd import FILE" or "dnd count"');
    const result = await list.importFile(file);
    ctx.out(
      `imported ${result.imported} new numbers; ${result.invalid} invalid lines${result.invalidLines.length > 0 ? ` (first: ${result.invalidLines.join(', ')})` : ''}\n`,
    );
    return 0;
  },
  async watch(ctx) {
    const campaignId = one(ctx.args, 'campaign id');
    const store = createRedisCampaignStore({ redis: ctx.redis, prefix: ctx.prefix });
    const counters = await watchCampaign({
      store,
      campaignId,
      write: ctx.out,
      inPlace: process.stdout.isTTY,
    });
    return counters === undefined ? fail(`no campaign ${campaignId}`) : 0;
  },
};

function fail(message: string): number {
  process.stderr.write(`lender: ${message}\n`);
  return 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: { prefix: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [name, ...rest] = positionals;
  const command = name === undefined ? undefined : commands[name];
  if (values.help === true || name === undefined || command === undefined) {
    process.stdout.write(
      `${name === undefined || values.help === true ? '' : `lender: unknown command "${name}"\n\n`}${USAGE}\n`,
    );
    return values.help === true ? 0 : 2;
  }
  // The command's own arguments, without --prefix (its value included).
  const args = argv
    .slice(argv.indexOf(name) + 1)
    .filter((a, i, all) => !a.startsWith('--prefix') && all[i - 1] !== '--prefix');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }
  const prefix = typeof values.prefix === 'string' ? values.prefix : config.redisPrefix;
  const url = config.redisUrl ?? DEFAULT_REDIS_URL;
  const redis = await connectRedis(url);
  if (redis instanceof Error) return fail(`no Redis answers at ${redactRedisUrl(url)} (${redis.message})`);
  try {
    const lenders = createLenderStore(createRedisLenderRecords({ redis, prefix }));
    return await command({
      redis,
      prefix,
      lenders,
      sealer: createSealer(config.dataKey, { oldKeys: config.oldDataKeys, hashKey: config.hashKey }),
      args: rest.length === 0 ? [] : args,
      out: (t) => process.stdout.write(t),
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidLenderInput) {
      process.stderr.write(`lender: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    redis.disconnect();
  }
}

process.exitCode = await main(process.argv.slice(2));
