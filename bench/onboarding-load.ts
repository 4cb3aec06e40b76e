// Load bench (issue 7): many simulated owners go through onboarding concurrently against the real server
// (src/main.ts in its own process, through the composition root) on a private Redis with an fsync'd
// append-only file, with the fake Twilio REST API taking the recovery loop's messages. Two phases on the
// same server: a normal one, and one where Redis is stopped (SIGTERM) in the middle and started again on
// the same port and data, where nothing may be lost or answered twice. Loopback only; all processes and
// temporary directories are removed at the end, also on failure.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { pino } from 'pino';
import { createRedisClient } from '../src/adapters/redis-client.js';
import { messageBodies } from '../src/channels/inbox-recovery.js';
import { loadConfig } from '../src/config.js';
import { LANGS } from '../src/language/langs.js';
import { compose, type Runtime } from '../src/main.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../tests/support/fake-twilio-rest.js';
import { startPrivateRedis, type PrivateRedis } from '../tests/support/redis-server.js';
import { startServer, type ServerProcess } from '../tests/support/server-process.js';
import { account, finishedOwners, type Accounting } from './onboarding-audit.js';
import { percentile } from './load.js';
import {
  JOURNEY,
  runOwner,
  type OwnerContext,
  type OwnerRecord,
  type PhaseStats,
  type Verdict,
} from './onboarding-owner.js';

export interface LoadFigures {
  readonly owners: number;
  /** Webhooks sent, retries included. */
  readonly messages: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-200, non-XML, apology, empty or unexpected answers, and messages never answered. */
  readonly errors: number;
  /** "Try again in a minute" answers typed again with a new MessageSid (expected while Redis is away). */
  readonly retried: number;
  /** Owners whose stored conversation and saved profile hold the whole journey. */
  readonly finished: number;
}

export interface OnboardingLoadBench {
  readonly normal: LoadFigures & Accounting;
  readonly restart: LoadFigures & Accounting & { readonly redisDownMs: number };
}

export interface OnboardingLoadOptions {
  readonly owners?: number;
  /** Owners talking at the same time (default: all of them). */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
  /** How long the simulated Twilio waits for a webhook's answer (Twilio's own limit is 15 s). */
  readonly webhookTimeoutMs?: number;
  /** How long Redis stays down in the restart phase. */
  readonly redisDownMs?: number;
}

const PUBLIC = 'https://bench.saathi.test';
const PREFIX = 'bench:onboarding:';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

/** Gives `work` at most `ms` (shutdown steps must not hang the bench). */
const bounded = (work: Promise<unknown>, ms = 5000) => Promise.race([work.catch(() => undefined), sleep(ms)]);

interface Harness {
  readonly redis: PrivateRedis;
  readonly fake: FakeTwilioRest;
  readonly server: ServerProcess;
  /** The composition root on the same Redis, key prefix and data key: reads what the server stored. */
  readonly reader: Runtime;
  readonly raw: ReturnType<typeof createRedisClient>;
  readonly graceMs: number;
}

function judgeWith(reader: Runtime): (bodies: readonly string[], step: number) => Verdict {
  const everyLang = (key: string) => LANGS.map((lang) => reader.messages.format(lang, { key }));
  const unavailable = new Set(everyLang('error.unavailable'));
  const failures = new Set(['error.apology', 'error.busy', 'error.flood'].flatMap(everyLang));
  return (bodies, step) => {
    if (bodies.length === 0) return 'empty';
    if (bodies.length === 1 && unavailable.has(bodies[0]!)) return 'unavailable';
    if (bodies.some((body) => failures.has(body))) return 'failure';
    const answer = bodies.join('\n\n');
    const expected = JOURNEY[step]!.expect.map((key) => reader.messages.format('en', { key }));
    return expected.every((text) => answer.includes(text)) ? 'ok' : 'unexpected';
  };
}

interface PhaseSpec {
  readonly owners: number;
  readonly concurrency: number;
  /** Distinguishes the phases' phone numbers. */
  readonly digit: number;
  readonly webhookTimeoutMs: number;
  /** Restart Redis once this many webhooks were sent. */
  readonly restartAfter?: number;
  readonly redisDownMs?: number;
}

async function runPhase(h: Harness, spec: PhaseSpec, log: (line: string) => void) {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const stats: PhaseStats = { messages: 0, errors: 0, retried: 0, latencies: [], errorSamples: [] };
  const owners: OwnerRecord[] = Array.from({ length: spec.owners }, (_, i) => ({
    from: `whatsapp:+919${spec.digit}${String(i).padStart(8, '0')}`,
    attempts: [],
    restSeen: 0,
    completed: 0,
  }));
  const restTo = (from: string) => h.fake.messages.filter((m) => m.to === from).map((m) => m.body ?? '');
  const receipt = async (sid: string) => {
    const xml = await h.reader.store.receipt(sid);
    return xml === undefined ? undefined : messageBodies(xml);
  };
  let restart: Promise<number> | undefined;
  const bounce = async () => {
    const down = performance.now();
    log(`  stopping Redis (SIGTERM) after ${stats.messages} webhooks`);
    await h.redis.stop('SIGTERM');
    await sleep(spec.redisDownMs ?? 1500);
    await h.redis.start();
    const ms = performance.now() - down;
    log(`  Redis is back after ${ms.toFixed(0)} ms (same port, same append-only file)`);
    return ms;
  };
  const ctx: OwnerContext = {
    serverUrl: h.server.url,
    signedUrl: `${PUBLIC}/twilio/whatsapp`,
    authToken: h.fake.authToken,
    agent,
    timeoutMs: spec.webhookTimeoutMs,
    restWaitMs: h.graceMs + 30_000,
    toleratesUnavailable: spec.restartAfter !== undefined,
    judge: judgeWith(h.reader),
    receipt,
    pending: async (sid) => (await h.raw.hexists(`${PREFIX}inbox:msg`, sid)) === 1,
    restTo,
    stats,
    ...(spec.restartAfter === undefined
      ? {}
      : { onSend: () => void (stats.messages >= spec.restartAfter! && (restart ??= bounce())) }),
  };
  const started = performance.now();
  try {
    await pool(owners, spec.concurrency, (owner) => runOwner(ctx, owner));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const redisDownMs = restart ? await restart : 0;

  // Whatever is still in the inbox is answered by the recovery loop (after the grace period): wait for it.
  const deadline = performance.now() + h.graceMs + 30_000;
  while ((await h.raw.zcard(`${PREFIX}inbox:due`)) > 0 && performance.now() < deadline) await sleep(100);
  const unsettled = new Set(await h.raw.hkeys(`${PREFIX}inbox:msg`));
  const accounting = await account(owners, restTo, receipt, unsettled);
  const problems: string[] = [];
  const finished = await finishedOwners(h.reader, owners, problems);
  const latencies = [...stats.latencies].sort((a, b) => a - b);
  for (const line of [...stats.errorSamples, ...problems]) log(`  ! ${line}`);
  if (unsettled.size > 0) log(`  ! ${unsettled.size} inbox entries never settled`);
  return {
    owners: spec.owners,
    messages: stats.messages,
    seconds,
    perSecond: stats.messages / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: stats.errors,
    retried: stats.retried,
    finished,
    ...accounting,
    redisDownMs,
  };
}

async function startHarness(
  webhookTimeoutMs: number,
  cleanups: (() => Promise<unknown>)[],
): Promise<Harness> {
  const redis = await startPrivateRedis();
  cleanups.push(() => redis.destroy());
  const fake = await startFakeTwilioRest({ callbacks: { enabled: false } });
  cleanups.push(() => fake.close());
  const key = randomBytes(32).toString('hex');
  // The recovery loop may only take an entry once Twilio has given up on its webhook; sooner, a slow
  // webhook that is still going to answer would be answered a second time by REST.
  const graceMs = webhookTimeoutMs + 1000;
  const server = await startServer({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: PUBLIC,
    REDIS_URL: redis.url,
    SAATHI_REDIS_PREFIX: PREFIX,
    SAATHI_DATA_KEY: key,
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
    TWILIO_API_BASE_URL: fake.url,
    SAATHI_INBOX_GRACE_MS: String(graceMs),
    SAATHI_RECOVERY_INTERVAL_MS: '200',
    // Simulated owners type much faster than people, and retry during the outage.
    SAATHI_FLOOD_PER_MINUTE: '10000',
  });
  cleanups.push(() => server.kill('SIGTERM'));
  await server.ready();
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: redis.url,
    SAATHI_REDIS_PREFIX: PREFIX,
    SAATHI_DATA_KEY: key,
  });
  const reader = compose(config, { log: pino({ level: 'silent' }) });
  cleanups.push(() => reader.close());
  const raw = createRedisClient(redis.url);
  cleanups.push(() => Promise.resolve(raw.disconnect()));
  return { redis, fake, server, reader, raw, graceMs };
}

const line = (name: string, f: LoadFigures & Accounting) =>
  `${name}: ${f.owners} owners, ${f.messages} webhooks in ${f.seconds.toFixed(1)} s = ${f.perSecond.toFixed(0)} msg/s, ` +
  `p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms, errors ${f.errors}, retried ${f.retried}, ` +
  `lost ${f.lost}, duplicated ${f.duplicated}, by REST ${f.recoveredByRest}, finished ${f.finished}/${f.owners}`;

/** Runs a warm-up, the normal phase and the Redis-restart phase; see the file header. */
export async function benchOnboardingLoad(options: OnboardingLoadOptions = {}): Promise<OnboardingLoadBench> {
  const { owners = 500, log = () => undefined, webhookTimeoutMs = 15_000, redisDownMs = 1500 } = options;
  const concurrency = options.concurrency ?? owners;
  const cleanups: (() => Promise<unknown>)[] = [];
  let harness: Harness | undefined;
  try {
    harness = await startHarness(webhookTimeoutMs, cleanups);
    const phase = { concurrency, webhookTimeoutMs };
    // Warm-up (lazy loading, JIT) on other numbers; not reported.
    await runPhase(harness, { ...phase, owners: Math.min(owners, 20), digit: 0 }, () => undefined);
    const normal = await runPhase(harness, { ...phase, owners, digit: 1 }, log);
    log(line('normal ', normal));
    const restart = await runPhase(
      harness,
      { ...phase, owners, digit: 2, restartAfter: Math.round(owners * JOURNEY.length * 0.4), redisDownMs },
      log,
    );
    log(line('restart', restart));
    if (normal.errors + restart.errors + restart.lost + restart.duplicated > 0)
      log(`server output (tail):\n${harness.server.output().slice(-1500)}`);
    const { redisDownMs: _unused, ...normalFigures } = normal;
    return { normal: normalFigures, restart };
  } finally {
    for (const cleanup of cleanups.reverse()) await bounded(cleanup());
  }
}
