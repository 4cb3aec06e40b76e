// Audience estimate benchmark: seeds N synthetic owners through the Redis profile store's putMany (which
// maintains the audience index, as `npm run seed` does), then times estimate() for a few audiences and
// reports Redis memory used. Run alone: `npx tsx bench/audience.ts [N]` (REDIS_URL or a local Redis).
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createRedisAudienceIndex } from '../src/adapters/redis-audience-index.js';
import { createRedisProfileStore } from '../src/adapters/redis-profile-store.js';
import { createSealer } from '../src/adapters/sealer.js';
import { audienceSchema, type Audience } from '../src/campaigns/audience.js';
import type { ProfileRecord } from '../src/profile/store.js';
import { generateOwners } from '../src/profile/synthetic.js';
import { deleteUnder } from '../tests/support/redis-cleanup.js';

export interface AudienceBenchOptions {
  readonly redis: Redis;
  /** Key prefix; every key under it is deleted afterwards unless keep is set. */
  readonly prefix: string;
  readonly profiles: number;
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface AudienceBenchResult {
  readonly profiles: number;
  readonly seedSeconds: number;
  readonly memoryBytes: number;
  readonly estimates: readonly { name: string; count: number; medianMs: number; maxMs: number }[];
}

const AUDIENCES: readonly [string, unknown][] = [
  ['everyone with marketing consent', {}],
  ['one state', { state: 'UP' }],
  ['3 states × 2 needs', { state: ['UP', 'WB', 'TN'], need: ['working_capital', 'expand'] }],
  ['trade, rural, Hindi or Bengali', { sector: 'trade', area: 'rural', lang: ['hi', 'bn'] }],
  [
    '₹1–10 lakh, 2+ years in business',
    { amount: { atLeast: 100_000, below: 1_000_000 }, yearsInBusiness: { atLeast: 2 } },
  ],
  [
    '5 states × 4 needs × micro (stored unions)',
    {
      state: ['UP', 'WB', 'TN', 'MH', 'KA'],
      need: ['working_capital', 'expand', 'machinery', 'digital'],
      sizeClass: 'micro',
    },
  ],
  ['two segments', { segment: ['shop-working-capital', 'street-vendor'] }],
];

const CHUNK = 1_000;
const IN_FLIGHT = 4;
const RUNS = 7;

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

export async function benchAudience(options: AudienceBenchOptions): Promise<AudienceBenchResult> {
  const { redis, prefix, profiles, keep = false, log = (line: string) => console.log(line) } = options;
  const sealer = createSealer(undefined);
  const store = createRedisProfileStore({ redis, sealer, prefix, chunkSize: CHUNK, indexAudience: true });
  const index = createRedisAudienceIndex({ redis, sealer, prefix });
  const before = await usedMemory(redis);
  try {
    const started = performance.now();
    const pending = new Set<Promise<void>>();
    let chunk: ProfileRecord[] = [];
    const flush = async (): Promise<void> => {
      const job = store.putMany(chunk).finally(() => pending.delete(job));
      chunk = [];
      pending.add(job);
      if (pending.size >= IN_FLIGHT) await Promise.race(pending);
    };
    for (const owner of generateOwners(profiles, 'bench-audience')) {
      chunk.push(owner);
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    await Promise.all(pending);
    const seedSeconds = (performance.now() - started) / 1000;
    const memoryBytes = (await usedMemory(redis)) - before;
    log(
      `seeded ${profiles.toLocaleString('en-IN')} profiles in ${seedSeconds.toFixed(1)} s; Redis memory +${(memoryBytes / 2 ** 20).toFixed(0)} MiB`,
    );

    const estimates = [];
    for (const [name, raw] of AUDIENCES) {
      const audience: Audience = audienceSchema.parse(raw);
      const times: number[] = [];
      let count = 0;
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        count = await index.estimate(audience);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const medianMs = times[Math.floor(RUNS / 2)] ?? 0;
      const maxMs = times.at(-1) ?? 0;
      log(
        `estimate ${name.padEnd(44)} ${String(count).padStart(8)}  median ${medianMs.toFixed(1)} ms  max ${maxMs.toFixed(1)} ms`,
      );
      estimates.push({ name, count, medianMs, maxMs });
    }
    return { profiles, seedSeconds, memoryBytes, estimates };
  } finally {
    if (!keep) await deleteUnder(redis, prefix);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  try {
    await benchAudience({
      redis,
      prefix: `bench:audience:${process.pid}:`,
      profiles: Number(process.argv[2] ?? 100_000),
    });
  } finally {
    await redis.quit();
  }
}
