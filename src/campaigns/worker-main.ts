// `npm run worker`: a campaign worker process (any number may run, on any machines sharing the Redis).
// Needs REDIS_URL; sends through Twilio when it is configured, else only records (embedded default).
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createSender } from '../adapters/create-sender.js';
import { createRedisAudienceIndex } from '../adapters/redis-audience-index.js';
import { createRedisClient } from '../adapters/redis-client.js';
import { createRedisConsentLedger } from '../adapters/redis-consent-ledger.js';
import { createRedisProfileStore } from '../adapters/redis-profile-store.js';
import { createSealer } from '../adapters/sealer.js';
import { loadConfig, type Config } from '../config.js';
import { createTranslator } from '../language/translate/index.js';
import { createLogger, type Logger } from '../logger.js';
import { createCampaignEngine, type CampaignEngine } from './engine.js';
import { deliveryPolicy } from './policy-config.js';

/** Builds the engine from the config (REDIS_URL required). Also used by src/main.ts with SAATHI_WORKERS>0. */
export function campaignEngineFromConfig(config: Config, log: Logger, redis?: Redis): CampaignEngine {
  if (config.redisUrl === undefined)
    throw new Error('campaign workers need REDIS_URL (BullMQ queues live in Redis)');
  const sealer = createSealer(config.dataKey, { oldKeys: config.oldDataKeys, hashKey: config.hashKey });
  const client =
    redis ??
    createRedisClient(config.redisUrl, {
      onError: (error) => log.warn({ err: error.message }, 'redis connection error'),
    });
  const bullConnection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const prefix = config.redisPrefix;
  return createCampaignEngine({
    redis: client,
    bullConnection,
    prefix,
    sealer,
    profiles: createRedisProfileStore({ redis: client, sealer, prefix }),
    consent: createRedisConsentLedger({ redis: client, sealer, prefix }),
    audience: createRedisAudienceIndex({ redis: client, sealer, prefix }),
    sender: createSender(config.twilio, config.publicBaseUrl, log),
    translator: createTranslator(config),
    policy: deliveryPolicy(config.campaigns),
    publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port}`,
    senderId: config.twilio.messagingServiceSid ?? config.twilio.whatsappFrom ?? 'whatsapp',
    logger: log,
  });
}

function main(): void {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const engine = campaignEngineFromConfig(config, log);
  const processes = Math.max(1, config.campaigns.workers);
  for (let i = 0; i < processes; i++) engine.startWorkers({ concurrency: config.campaigns.concurrency });
  log.info(
    { workers: processes, concurrency: config.campaigns.concurrency, sendRate: config.campaigns.sendRate },
    'campaign workers started',
  );
  const stop = (signal: string) => {
    log.info({ signal }, 'campaign workers stopping (jobs in flight finish first)');
    void engine.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(1), 30_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
