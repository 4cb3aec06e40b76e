// `npm run retention`: runs one retention sweep now (docs/security.md) against the Redis the service
// uses, and prints how many conversations it deleted: those whose owner has not written for
// SAATHI_RETENTION_DAYS. Safe while the service runs (the scheduled sweep does the same every
// SAATHI_RETENTION_SWEEP_MINUTES). Reads the same environment as the server.
import { createRedisStore } from '../src/adapters/redis-store.js';
import { createSealer } from '../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { DAY_MS, runRetentionSweep } from '../src/privacy/retention.js';
import { connectRedis, redactRedisUrl } from './redis-connect.js';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.redisUrl) {
    console.error(
      'REDIS_URL is not set: conversations live only inside the server process, which sweeps them itself.',
    );
    return 1;
  }
  const redis = await connectRedis(config.redisUrl);
  if (redis instanceof Error) {
    console.error(`No Redis at ${redactRedisUrl(config.redisUrl)}: ${redis.message}`);
    return 1;
  }
  // The sweep reads no sealed value; the sealer is only what the store is built with.
  const sealer = createSealer(config.dataKey, { oldKeys: config.oldDataKeys, hashKey: config.hashKey });
  const store = createRedisStore({ redis, sealer, prefix: config.redisPrefix });
  try {
    const { removed, before } = await runRetentionSweep({
      store,
      retentionMs: config.retentionDays * DAY_MS,
    });
    console.log(
      `${removed} conversation${removed === 1 ? '' : 's'} removed ` +
        `(no message since ${new Date(before).toISOString()}, SAATHI_RETENTION_DAYS=${config.retentionDays})`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
