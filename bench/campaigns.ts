// Campaign engine benchmark: 100,000 recipients through the real engine (Redis store, BullMQ, the
// Twilio REST sender and the real `twilio` client) against the local fake Twilio REST API.
//   A. fan-out time and worker throughput with the rate limit off;
//   B. two concurrent campaigns under the sender's rate limit: observed rate and each campaign's share;
//   C. a campaign created after hours: nothing leaves until the window opens, then everything does.
// Throughout, a wrapper around the sender counts sends to opted-out owners and sends outside the window.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createMemoryAudienceIndex } from '../src/adapters/memory-audience-index.js';
import { createMemoryConsentLedger } from '../src/adapters/memory-consent-ledger.js';
import { createMemoryProfileStore } from '../src/adapters/memory-profile-store.js';
import { createSealer, normalizeAddress } from '../src/adapters/sealer.js';
import { createTwilioSender } from '../src/adapters/twilio-sender.js';
import type { Sender } from '../src/channels/sender.js';
import { createCampaignEngine, type CampaignEngine } from '../src/campaigns/engine.js';
import { deliveryPolicy, type DeliveryPolicy } from '../src/campaigns/policy-config.js';
import { isInsideWindow } from '../src/campaigns/quiet-hours.js';
import { settled } from '../src/campaigns/store.js';
import { LANGS } from '../src/language/langs.js';
import { createOfflineTranslator } from '../src/language/translate/index.js';
import type { ProfileRecord } from '../src/profile/store.js';
import { syntheticOwner } from '../src/profile/synthetic.js';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN } from '../tests/support/fake-twilio-rest.js';
import { deleteUnder } from '../tests/support/redis-cleanup.js';

export interface CampaignBenchOptions {
  readonly redisUrl: string;
  readonly recipients?: number;
  /** Configured send rate for part B (per second). */
  readonly rate?: number;
  /** Recipients of each of the two rate-limited campaigns. */
  readonly limitedRecipients?: number;
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface CampaignBenchResult {
  readonly recipients: number;
  readonly fanoutSeconds: number;
  readonly unlimited: { readonly sent: number; readonly seconds: number; readonly perSecond: number };
  readonly limited: {
    readonly configured: number;
    readonly observed: number;
    readonly deviationPct: number;
    readonly seconds: number;
    /** Sends per campaign while both were running. */
    readonly shares: readonly number[];
  };
  readonly afterHours: {
    readonly heldWhileClosed: number;
    readonly sentAfterOpening: number;
    readonly expected: number;
  };
  /** (campaign, owner) pairs the provider accepted more than once. */
  readonly duplicates: number;
  readonly providerAttempts: number;
  readonly providerAccepted: number;
  readonly sendsToOptedOut: number;
  readonly sendsInQuietHours: number;
  /** Owners who said STOP before the campaign and while their job was queued, and the skips counted. */
  readonly optedOut: { readonly before: number; readonly whileQueued: number; readonly skipped: number };
}

const TEMPLATE = `HX${'b'.repeat(32)}`;
const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const phoneOf = (i: number) => `+917${String(i).padStart(9, '0')}`;

interface FakeReport {
  readonly totals: { readonly attempts: number; readonly messages: number };
  readonly duplicates: number;
}

/** Starts the fake Twilio REST API in its own process. */
async function startFakeChild(): Promise<{
  url: string;
  report(): Promise<FakeReport>;
  close(): Promise<void>;
}> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./campaign-fake-twilio.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = <T>() =>
    new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)));
  const { url } = await next<{ url: string }>();
  return {
    url,
    report: () => {
      const answer = next<FakeReport>();
      child.send('report');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}

export async function benchCampaigns(options: CampaignBenchOptions): Promise<CampaignBenchResult> {
  const { redisUrl, recipients = 100_000, rate = 80, limitedRecipients = 1_500, concurrency = 256 } = options;
  const log = options.log ?? (() => undefined);
  const prefix = `bench:cmp:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(redisUrl);
  const bull = new Redis(redisUrl, { maxRetriesPerRequest: null });
  let fake = await startFakeChild();
  const twilioAt = (url: string) =>
    createTwilioSender({
      accountSid: FAKE_ACCOUNT_SID,
      authToken: FAKE_AUTH_TOKEN,
      whatsappFrom: 'whatsapp:+14155238886',
      apiBaseUrl: url,
      maxSockets: concurrency,
    });
  let twilio = twilioAt(fake.url);
  const sealer = createSealer(undefined);
  const profiles = createMemoryProfileStore();
  const consent = createMemoryConsentLedger();
  const audience = createMemoryAudienceIndex();

  // The engine's clock: real time moved to 11:00 IST today, so the run is inside the window; part C moves it.
  const realStart = Date.now();
  let offset = Date.parse('2026-11-22T05:30:00Z') - realStart;
  const clock = () => Date.now() + offset;

  log(`seeding ${recipients.toLocaleString('en-IN')} owners…`);
  const ownerOf = new Map<string, string>();
  const batch: ProfileRecord[] = [];
  const groups = { a: limitedRecipients, b: limitedRecipients, c: 1_000 };
  for (let i = 0; i < recipients; i++) {
    const phone = phoneOf(i);
    const ownerId = sealer.hash(normalizeAddress(phone));
    const base = syntheticOwner('bench-campaigns', i);
    const district =
      i < groups.a
        ? 'Bench A'
        : i < groups.a + groups.b
          ? 'Bench B'
          : i < groups.a + groups.b + groups.c
            ? 'Bench C'
            : base.profile.district;
    const record: ProfileRecord = {
      ...base,
      ownerId,
      lang: LANGS[i % LANGS.length] ?? 'hi',
      marketingConsent: true,
      address: `whatsapp:${phone}`,
      profile: { ...base.profile, district },
    };
    batch.push(record);
    audience.track(ownerId, record);
    ownerOf.set(`whatsapp:${phone}`, ownerId);
    await consent.append(ownerId, { type: 'grant', purpose: 'marketing', at: realStart });
  }
  await profiles.putMany(batch);
  // 1% said STOP before the campaign.
  let optedOutBefore = 0;
  for (let i = 7; i < recipients; i += 100) {
    await consent.suppress(sealer.hash(normalizeAddress(phoneOf(i))), realStart);
    optedOutBefore++;
  }

  const counts = { toOptedOut: 0, inQuietHours: 0 };
  let policy: DeliveryPolicy = deliveryPolicy({ sendRate: 0 });
  let stamps: { at: number; campaign: string }[] | undefined;
  const sender: Sender = {
    configured: true,
    async sendMessage(message) {
      const owner = ownerOf.get(message.to);
      if (owner !== undefined && (await consent.isSuppressed(owner))) counts.toOptedOut++;
      if (!isInsideWindow(policy.windows.whatsapp, clock())) counts.inQuietHours++;
      const sent = await twilio.sendMessage(message);
      stamps?.push({ at: performance.now(), campaign: message.contentVariables?.campaign ?? '' });
      return sent;
    },
    placeCall: (call) => twilio.placeCall(call),
  };

  const engineWith = (sendRate: number): CampaignEngine => {
    policy = deliveryPolicy({ sendRate });
    return createCampaignEngine({
      redis,
      bullConnection: bull,
      prefix,
      sealer,
      profiles,
      consent,
      audience,
      sender,
      translator: createOfflineTranslator(),
      policy,
      publicBaseUrl: 'https://saathi.example',
      clock,
    });
  };
  const lender = { id: 'bench-bank', name: 'Bench Bank' };
  const create = (engine: CampaignEngine, name: string, audienceFilter: object) =>
    engine.service.create(lender, {
      name,
      audience: audienceFilter,
      channel: 'whatsapp',
      templates: Object.fromEntries(
        LANGS.map((lang) => [lang, { contentSid: TEMPLATE, variables: { campaign: name } }]),
      ),
      schedule: { start: clock() - 1_000, end: clock() + 30 * DAY },
    });
  const waitFor = async (
    engine: CampaignEngine,
    id: string,
    done: (c: Awaited<ReturnType<CampaignEngine['store']['counters']>>) => boolean,
  ) => {
    for (;;) {
      const counters = await engine.store.counters(id);
      if (done(counters)) return counters;
      await sleep(20);
    }
  };

  try {
    // A. Fan-out and throughput, no rate limit.
    const a = engineWith(0);
    a.startWorkers({ concurrency, pollMs: 100 });
    const t0 = performance.now();
    stamps = [];
    const big = await create(a, 'unlimited', {});
    const fanned = await waitFor(a, big.id, (c) => c.fanoutDone);
    const fanoutSeconds = (performance.now() - t0) / 1000;
    log(`fan-out: ${fanned.queued.toLocaleString('en-IN')} jobs in ${fanoutSeconds.toFixed(2)} s`);
    // 1% more say STOP while their jobs wait (the last owners of the audience, surely still queued).
    let optedOutDuring = 0;
    for (let i = recipients - 3; i > recipients * 0.8; i -= 100) {
      await consent.suppress(sealer.hash(normalizeAddress(phoneOf(i))), clock());
      optedOutDuring++;
    }
    const doneA = await waitFor(a, big.id, (c) => c.fanoutDone && settled(c) >= c.queued);
    const firstSend = stamps[0]?.at ?? t0;
    const lastSend = stamps[stamps.length - 1]?.at ?? t0;
    const unlimited = {
      sent: doneA.sent,
      seconds: (lastSend - firstSend) / 1000,
      perSecond: (doneA.sent - 1) / Math.max(0.001, (lastSend - firstSend) / 1000),
    };
    log(
      `unlimited: ${doneA.sent} sent in ${unlimited.seconds.toFixed(1)} s (${unlimited.perSecond.toFixed(0)}/s); skipped ${JSON.stringify(doneA.skippedBy)}`,
    );
    await a.close();
    // A fresh fake for B and C (their owners are disjoint), so "accepted twice" means a duplicate.
    const reportA = await fake.report();
    twilio.close();
    await fake.close();
    fake = await startFakeChild();
    twilio = twilioAt(fake.url);

    // B. Two campaigns at once under the sender's rate.
    const b = engineWith(rate);
    b.startWorkers({ concurrency: 32, pollMs: 100 });
    stamps = [];
    const one = await create(b, 'limited-a', { district: ['Bench A'] });
    const two = await create(b, 'limited-b', { district: ['Bench B'] });
    await Promise.all([one, two].map((c) => waitFor(b, c.id, (n) => n.fanoutDone && settled(n) >= n.queued)));
    const limitedStamps = stamps;
    stamps = undefined;
    // Skip the first second (workers starting), measure to the end.
    const begin = (limitedStamps[0]?.at ?? 0) + 1_000;
    const measured = limitedStamps.filter((s) => s.at >= begin);
    const span = ((measured[measured.length - 1]?.at ?? begin) - (measured[0]?.at ?? begin)) / 1000;
    const observed = (measured.length - 1) / Math.max(0.001, span);
    // Shares while both campaigns were still sending: up to the first campaign's last send.
    const lastOf = (name: string) =>
      Math.max(...limitedStamps.filter((s) => s.campaign === name).map((s) => s.at));
    const overlapEnd = Math.min(lastOf('limited-a'), lastOf('limited-b'));
    const shares = ['limited-a', 'limited-b'].map(
      (name) => limitedStamps.filter((s) => s.campaign === name && s.at <= overlapEnd).length,
    );
    log(
      `limited: configured ${rate}/s, observed ${observed.toFixed(2)}/s over ${span.toFixed(1)} s; shares ${shares.join(' / ')}`,
    );
    await b.close();

    // C. After hours: held, then sent when the window opens.
    const c = engineWith(0);
    c.startWorkers({ concurrency: 64, pollMs: 100 });
    offset = Date.parse('2026-11-22T16:00:00Z') - Date.now(); // 21:30 IST
    const evening = await create(c, 'after-hours', { district: ['Bench C'] });
    const queue = c.queues.send(evening.id);
    await waitFor(c, evening.id, (n) => n.fanoutDone);
    const expected = (await c.store.counters(evening.id)).queued;
    for (;;) {
      if ((await queue.getDelayedCount()) + (await c.store.counters(evening.id)).skipped >= expected) break;
      await sleep(50);
    }
    const closed = await c.store.counters(evening.id);
    const heldWhileClosed = expected - closed.skipped - closed.sent;
    offset = Date.parse('2026-11-23T04:45:00Z') - Date.now(); // 10:15 IST next day
    for (let start = 0; ; start += 500) {
      const jobs = await queue.getDelayed(0, 499);
      if (jobs.length === 0) break;
      await Promise.all(jobs.map((job) => job.promote()));
    }
    const doneC = await waitFor(c, evening.id, (n) => settled(n) >= n.queued);
    log(
      `after hours: ${heldWhileClosed} held while closed; ${doneC.sent} sent after opening (skipped ${doneC.skipped})`,
    );
    await c.close();
    const reportBC = await fake.report();

    return {
      recipients,
      fanoutSeconds,
      unlimited,
      limited: {
        configured: rate,
        observed,
        deviationPct: ((observed - rate) / rate) * 100,
        seconds: span,
        shares,
      },
      afterHours: { heldWhileClosed, sentAfterOpening: doneC.sent, expected: expected - doneC.skipped },
      duplicates: reportA.duplicates + reportBC.duplicates,
      providerAttempts: reportA.totals.attempts + reportBC.totals.attempts,
      providerAccepted: reportA.totals.messages + reportBC.totals.messages,
      sendsToOptedOut: counts.toOptedOut,
      sendsInQuietHours: counts.inQuietHours,
      optedOut: {
        before: optedOutBefore,
        whileQueued: optedOutDuring,
        skipped: doneA.skippedBy.opted_out ?? 0,
      },
    };
  } finally {
    twilio.close();
    await fake.close();
    await deleteUnder(redis, prefix);
    redis.disconnect();
    bull.disconnect();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const recipients = Number(process.argv[2] ?? 100_000);
  const result = await benchCampaigns({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    recipients,
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
