// Load bench (issue 7): many simulated owners go through onboarding concurrently against the real server
// (src/main.ts in its own process, through the composition root) on a private Redis with an fsync'd
// append-only file, with the fake Twilio REST API taking the recovery loop's messages. Phases on the same
// server: a normal one, then one where Redis is stopped in the middle (SIGTERM, or a planned stop with
// writes paused first) and started again on the same port and data, where nothing may be lost or answered
// twice. Loopback only; every process and temporary directory is removed at the end, also on failure.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { messageBodies } from '../src/channels/inbox-recovery.js';
import { LANGS } from '../src/language/langs.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../tests/support/fake-twilio-rest.js';
import { startPrivateRedis, type PrivateRedis } from '../tests/support/redis-server.js';
import { startServer, type ServerProcess } from '../tests/support/server-process.js';
import { account, finishedOwners, type Accounting } from './onboarding-audit.js';
import { percentile } from './load.js';
import { createReader, type Reader } from './onboarding-reader.js';
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
  /** Messages that never got into the server (connection failed first), typed again. */
  readonly retyped: number;
  /** Owners whose stored conversation and saved profile hold the whole journey. */
  readonly finished: number;
}

export type RestartFigures = LoadFigures &
  Accounting & { readonly redisDownMs: number; readonly restartBy: 'sigterm' | 'planned' };

export interface OnboardingLoadBench {
  readonly normal: LoadFigures & Accounting;
  readonly restart: RestartFigures;
  /** Only with `plannedToo`. */
  readonly planned?: RestartFigures;
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
  /**
   * `sigterm` (default): Redis is stopped with SIGTERM while commands are in flight; it may have executed
   * (and persisted) the last ones without their replies reaching the server. `planned`: writes are paused
   * first (CLIENT PAUSE WRITE, as a planned failover does), so every command either got its reply or was
   * never executed.
   */
  readonly restartBy?: 'sigterm' | 'planned';
  /** Also run a planned restart phase after the `restart` one (reported as `planned`). */
  readonly plannedToo?: boolean;
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
  /** Reads what the server stored (same Redis, key prefix and data key). */
  readonly reader: Reader;
  readonly graceMs: number;
}

function judgeWith(reader: Reader): (bodies: readonly string[], step: number) => Verdict {
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
  readonly restartBy?: 'sigterm' | 'planned';
}

async function runPhase(h: Harness, spec: PhaseSpec, log: (line: string) => void) {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const stats: PhaseStats = {
    messages: 0,
    errors: 0,
    retried: 0,
    retyped: 0,
    latencies: [],
    errorKinds: new Map(),
  };
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
    log(
      `  stopping Redis (${spec.restartBy === 'planned' ? 'writes paused, then ' : ''}SIGTERM) after ${stats.messages} webhooks`,
    );
    if (spec.restartBy === 'planned') {
      await h.reader.pauseWrites(10_000);
      await sleep(50);
    }
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
    pending: (sid) => h.reader.pending(sid),
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
  while ((await h.reader.due()) > 0 && performance.now() < deadline) await sleep(100);
  const unsettled = new Set(await h.reader.unsettled());
  const accounting = await account(owners, restTo, receipt, unsettled);
  const problems: string[] = [];
  const finished = await finishedOwners(h.reader, owners, problems);
  const latencies = [...stats.latencies].sort((a, b) => a - b);
  for (const [kind, { count, example }] of stats.errorKinds) log(`  ! ${count}× ${kind}, e.g. ${example}`);
  for (const problem of problems) log(`  ! ${problem}`);
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
    retyped: stats.retyped,
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
  const key = randomBytes(32);
  // The recovery loop may only take an entry once Twilio has given up on its webhook; sooner, a slow
  // webhook that is still going to answer would be answered a second time by REST.
  const graceMs = webhookTimeoutMs + 1000;
  const server = await startServer({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: PUBLIC,
    REDIS_URL: redis.url,
    SAATHI_REDIS_PREFIX: PREFIX,
    SAATHI_DATA_KEY: key.toString('hex'),
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
  const reader = createReader(redis.url, key, PREFIX);
  cleanups.push(() => Promise.resolve(reader.close()));
  return { redis, fake, server, reader, graceMs };
}

/** One phase's figures on one line (`npm run bench`, test failure messages). */
export function formatLoadFigures(name: string, f: LoadFigures & Accounting): string {
  return (
    `${name}: ${f.owners} owners, ${f.messages} webhooks in ${f.seconds.toFixed(1)} s = ${f.perSecond.toFixed(0)} msg/s | ` +
    `p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms | errors ${f.errors} | retried ${f.retried}, retyped ${f.retyped} | ` +
    `lost ${f.lost}, duplicated ${f.duplicated}, answered by REST ${f.recoveredByRest} | finished ${f.finished}/${f.owners}`
  );
}

/**
 * Runs a warm-up, the normal phase and the Redis-restart phase (and, with `plannedToo`, a second restart
 * phase with writes paused first); see the file header.
 */
export async function benchOnboardingLoad(options: OnboardingLoadOptions = {}): Promise<OnboardingLoadBench> {
  const {
    owners = 500,
    log = () => undefined,
    webhookTimeoutMs = 15_000,
    redisDownMs = 1500,
    restartBy = 'sigterm',
  } = options;
  const concurrency = options.concurrency ?? owners;
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const harness = await startHarness(webhookTimeoutMs, cleanups);
    const phase = { concurrency, webhookTimeoutMs, owners };
    // Warm-up (lazy loading, JIT) on other numbers; not reported.
    await runPhase(harness, { ...phase, owners: Math.min(owners, 20), digit: 0 }, () => undefined);
    const { redisDownMs: _none, ...normal } = await runPhase(harness, { ...phase, digit: 1 }, log);
    const restartPhase = async (by: 'sigterm' | 'planned', digit: number) => {
      const restartAfter = Math.round(owners * JOURNEY.length * 0.4);
      const figures = await runPhase(
        harness,
        { ...phase, digit, restartAfter, redisDownMs, restartBy: by },
        log,
      );
      return { ...figures, restartBy: by };
    };
    const restart = await restartPhase(restartBy, 2);
    const planned = options.plannedToo ? await restartPhase('planned', 3) : undefined;
    return { normal, restart, ...(planned ? { planned } : {}) };
  } finally {
    for (const cleanup of cleanups.reverse()) await bounded(cleanup());
  }
}
