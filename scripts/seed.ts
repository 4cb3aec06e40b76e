// `npm run seed -- --profiles N [--seed S] [--prefix saathi:]`: writes N synthetic owner profiles
// (src/profile/synthetic.ts, deterministic per seed) sealed into the Redis at REDIS_URL, with a progress
// bar on stderr and a summary on stdout. Re-running with the same seed overwrites the same owners. Every
// write also updates the campaign audience index (redis-profile-store.ts `indexAudience`).
import { parseArgs } from 'node:util';
import { connectRedis, redactRedisUrl as redact } from './redis-connect.js';
import { createRedisProfileStore } from '../src/adapters/redis-profile-store.js';
import { createSealer } from '../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../src/config.js';
import type { ProfileRecord } from '../src/profile/store.js';
import { generateOwners } from '../src/profile/synthetic.js';

const CHUNK = 1_000;
/** putMany calls in flight at once, so generating and sealing overlap with Redis's work. */
const IN_FLIGHT = 4;
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(1);
}

/** The URL without its password, for messages. */

function progressBar(total: number, stream = process.stderr): { tick(done: number): void; end(): void } {
  const width = 30;
  const started = performance.now();
  let shown = 0;
  let lastAt = 0;
  const draw = (done: number): void => {
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    const rate = done / Math.max((performance.now() - started) / 1000, 1e-3);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-IN')}/${total.toLocaleString('en-IN')}  ${Math.round(rate).toLocaleString('en-IN')}/s`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
  };
  return {
    tick(done) {
      const now = performance.now();
      // A terminal is redrawn ~10 times a second; a log file gets a line per 10%.
      const step = Math.floor((done / Math.max(total, 1)) * 10);
      if (stream.isTTY ? now - lastAt >= 100 : step > shown) {
        lastAt = now;
        shown = step;
        draw(done);
      }
    },
    end() {
      if (stream.isTTY || shown < 10) draw(total);
      if (stream.isTTY) stream.write('\n');
    },
  };
}

const { values } = parseArgs({
  options: {
    profiles: { type: 'string' },
    seed: { type: 'string', default: '1' },
    prefix: { type: 'string', default: 'saathi:' },
  },
});
const count = Number(values.profiles);
if (values.profiles === undefined || !Number.isInteger(count) || count < 1) {
  fail('usage: npm run seed -- --profiles N [--seed S] [--prefix saathi:]   (N a positive whole number)');
}
const seed = /^-?\d+$/.test(values.seed) ? Number(values.seed) : values.seed;

let config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const url = config.redisUrl ?? DEFAULT_REDIS_URL;
const redis = await connectRedis(url);
if (redis instanceof Error) {
  fail(
    `no Redis answers at ${redact(url)} (${redis.message}); start one or set REDIS_URL. Nothing was written.`,
  );
}
if (config.dataKey === undefined)
  process.stderr.write('seed: SAATHI_DATA_KEY is not set: sealing with the development key.\n');

const store = createRedisProfileStore({
  redis,
  sealer: createSealer(config.dataKey),
  prefix: values.prefix,
  chunkSize: CHUNK,
  indexAudience: true,
});
const bar = progressBar(count);
const started = performance.now();
let written = 0;
const pending = new Set<Promise<void>>();
let chunk: ProfileRecord[] = [];

const flush = async (): Promise<void> => {
  const records = chunk;
  chunk = [];
  const job = store.putMany(records).then(() => {
    written += records.length;
    bar.tick(written);
  });
  pending.add(job);
  void job.finally(() => pending.delete(job)).catch(() => undefined);
  if (pending.size >= IN_FLIGHT) await Promise.race(pending);
};

try {
  for (const owner of generateOwners(count, seed)) {
    chunk.push(owner);
    if (chunk.length === CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  await Promise.all(pending);
} catch (error) {
  process.stderr.write('\n');
  redis.disconnect();
  fail(
    `stopped after ${written.toLocaleString('en-IN')} profiles: ${error instanceof Error ? error.message : String(error)}`,
  );
}
bar.end();
const seconds = (performance.now() - started) / 1000;
const total = await store.count();
await store.close();
process.stdout.write(
  `Seeded ${count.toLocaleString('en-IN')} profiles (seed ${String(seed)}, prefix ${values.prefix}) in ${seconds.toFixed(1)} s: ` +
    `${Math.round(count / seconds).toLocaleString('en-IN')} profiles/s. The store now holds ${total.toLocaleString('en-IN')} profiles.\n`,
);
