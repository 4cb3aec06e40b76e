// `npm run bench`: prints the figures the issues ask for. Webhook throughput ratio and latency (Redis when
// REDIS_URL or a local Redis answers), and the language detector's accuracy and speed.
import { benchWebhook } from './webhook.js';
import { benchLangid } from './langid.js';
import { benchRanking } from './ranking.js';
import { Redis } from 'ioredis';
import { benchAudience } from './audience.js';
import { benchCampaigns } from './campaigns.js';
import { benchVoice } from './voice.js';
import { benchOnboardingLoad, formatLoadFigures } from './onboarding-load.js';

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

console.log('== WhatsApp webhook: full path vs minimal Express handler (same run, loopback)');
const web = await benchWebhook({ redisUrl });
console.log(`store: ${web.store}`);
console.log(
  `minimal handler : ${fmt(web.baseline.perSecond)} req/s  p50 ${fmt(web.baseline.p50Ms, 2)} ms  p99 ${fmt(web.baseline.p99Ms, 2)} ms  errors ${web.baseline.errors}`,
);
console.log(
  `full path       : ${fmt(web.full.perSecond)} req/s  p50 ${fmt(web.full.p50Ms, 2)} ms  p99 ${fmt(web.full.p99Ms, 2)} ms  errors ${web.full.errors}`,
);
console.log(`throughput ratio: ${fmt(web.ratio, 2)} (target ≥ 0.5 with Redis)`);

console.log('\n== Language detector');
await benchLangid();

console.log(
  '\n== Ranking: offline simulation of owners with hidden preferences (bench/simulation/README.md)',
);
await benchRanking();

console.log('\n== Voice webhooks: p50/p99 per step with prompts cached (target p99 < 50 ms)');
const voice = await benchVoice({ redisUrl });
console.log(`store: ${voice.store}`);
for (const s of voice.steps)
  console.log(`${s.step.padEnd(28)} n=${s.count}  p50 ${fmt(s.p50Ms, 2)} ms  p99 ${fmt(s.p99Ms, 2)} ms`);

const audienceProfiles = Number(process.env.BENCH_AUDIENCE_PROFILES ?? 1_000_000);
console.log(
  `\n== Audience estimates over ${audienceProfiles.toLocaleString('en-IN')} profiles (bitmap index in Redis; target well under 1 s)`,
);
{
  const redis = new Redis(redisUrl);
  const audience = await benchAudience({
    redis,
    prefix: `bench:aud:${Date.now()}:`,
    profiles: audienceProfiles,
  });
  console.log(
    `seeded in ${fmt(audience.seedSeconds)} s; Redis memory +${fmt(audience.memoryBytes / 2 ** 20, 0)} MiB`,
  );
  for (const e of audience.estimates)
    console.log(
      `${e.name.padEnd(44)} ${String(e.count).padStart(9)}  median ${fmt(e.medianMs, 2)} ms  max ${fmt(e.maxMs, 2)} ms`,
    );
  await redis.quit();
}

console.log(
  '\n== Campaigns: 100,000 recipients, BullMQ engine + fake Twilio REST through the real twilio client',
);
const cmp = await benchCampaigns({ redisUrl, log: (line) => console.log(`  ${line}`) });
console.log(`fan-out ${fmt(cmp.fanoutSeconds)} s`);
console.log(`worker throughput, rate limit off: ${fmt(cmp.unlimited.perSecond, 0)} sends/s (target ≥ 1,000)`);
console.log(
  `observed rate with the limit on: ${fmt(cmp.limited.observed, 2)}/s of ${cmp.limited.configured}/s (${fmt(cmp.limited.deviationPct, 2)}%; target within 5%); shares ${cmp.limited.shares.join(' / ')}`,
);
console.log(
  `after hours: ${cmp.afterHours.heldWhileClosed} held while closed, ${cmp.afterHours.sentAfterOpening} of ${cmp.afterHours.expected} sent after opening`,
);
console.log(
  `duplicates ${cmp.duplicates} | sends to opted-out owners ${cmp.sendsToOptedOut} | sends in quiet hours ${cmp.sendsInQuietHours} (all must be 0)`,
);

const loadOwners = Number(process.env.BENCH_LOAD_OWNERS ?? 500);
console.log(`\n== Load: ${loadOwners} owners onboarding concurrently (Redis on loopback)`);
console.log(
  '  server: src/main.ts in its own process; private redis-server (append-only, fsync always); fake Twilio REST',
);
const load = await benchOnboardingLoad({
  owners: loadOwners,
  plannedToo: true,
  log: (line) => console.log(`  ${line}`),
});
console.log(formatLoadFigures('normal                    ', load.normal));
console.log(
  `${formatLoadFigures('Redis restart, SIGTERM    ', load.restart)} | Redis down ${fmt(load.restart.redisDownMs, 0)} ms`,
);
if (load.planned)
  console.log(
    `${formatLoadFigures('Redis restart, writes paused', load.planned)} | Redis down ${fmt(load.planned.redisDownMs, 0)} ms`,
  );
console.log(
  'target: errors 0; across the restart lost 0 and duplicated 0, every owner finished ("try again" answers are retried)',
);

// Every section closes what it opened; exit explicitly so a stray reconnecting client cannot hold the process.
process.exit(0);
