// Data-key operations (docs/security.md): `generate` prints a fresh 32-byte key; `status` counts the sealed
// values in Redis and how many are not under the current key; `rotate` reseals every value under the
// current SAATHI_DATA_KEY (old keys in SAATHI_DATA_KEYS_OLD, owner-id hash pinned by SAATHI_HASH_KEY),
// safe while the service runs. Reads the same environment as the server.
import { randomBytes } from 'node:crypto';
import { rekey, type RekeyProgress } from '../src/adapters/rekey.js';
import { createSealer } from '../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { connectRedis, redactRedisUrl } from './redis-connect.js';

const USAGE = 'usage: npm run keys -- generate | status | rotate';

const line = (p: RekeyProgress) =>
  `${p.keys.toLocaleString('en-IN')} keys, ${p.sealed.toLocaleString('en-IN')} sealed values: ` +
  `${p.current.toLocaleString('en-IN')} under the current key, ${p.resealed.toLocaleString('en-IN')} resealed, ` +
  `${p.raced} changed meanwhile${p.immutable ? `, ${p.immutable} in streams (not rewritable)` : ''}`;

async function main(command: string | undefined): Promise<number> {
  if (command === 'generate') {
    console.log(randomBytes(32).toString('hex'));
    return 0;
  }
  if (command !== 'status' && command !== 'rotate') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (!config.redisUrl) {
    console.error(
      'REDIS_URL is not set: nothing is stored outside this process, so there is nothing to rotate.',
    );
    return 1;
  }
  if (!config.dataKey) {
    console.error(
      'SAATHI_DATA_KEY is not set: set the new key (npm run keys -- generate) and list the old one in SAATHI_DATA_KEYS_OLD.',
    );
    return 1;
  }
  const redis = await connectRedis(config.redisUrl);
  if (redis instanceof Error) {
    console.error(`No Redis at ${redactRedisUrl(config.redisUrl)}: ${redis.message}`);
    return 1;
  }
  const sealer = createSealer(config.dataKey, { oldKeys: config.oldDataKeys, hashKey: config.hashKey });
  try {
    const base = { redis, sealer, prefix: config.redisPrefix };
    if (command === 'rotate') {
      console.error(`rotating every sealed value under ${config.redisPrefix}* to key ${sealer.keyId}`);
      const done = await rekey({ ...base, onProgress: (p) => process.stderr.write(`\r${line(p)}`) });
      process.stderr.write(`\r${line(done)}\n`);
    }
    const check = await rekey({ ...base, dryRun: true });
    const stale = check.sealed - check.current;
    console.log(`${check.sealed} sealed values, ${stale} not under the current key ${sealer.keyId}`);
    if (stale > 0 && command === 'rotate')
      console.error('some values changed while rotating: run `npm run keys -- rotate` again');
    return stale > 0 && command === 'rotate' ? 1 : 0;
  } finally {
    await redis.quit();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
