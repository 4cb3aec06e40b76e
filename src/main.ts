// Composition root: reads the validated config, picks the adapters (memory or Redis, …) and starts the
// HTTP server. The only place that decides which real service is used.
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import type { Express } from 'express';
import { createApp } from './app.js';
import { createMemoryStore } from './adapters/memory-store.js';
import { createRedisStore } from './adapters/redis-store.js';
import { createSealer, normalizeAddress } from './adapters/sealer.js';
import { loadConfig, type Config } from './config.js';
import type { EngineDeps } from './dialogue/engine.js';
import { loadFlow } from './dialogue/flow.js';
import { buildMachine } from './dialogue/machine.js';
import type { ConversationStore } from './dialogue/store.js';
import { Messages, readLocaleFiles } from './i18n/messages.js';
import { businessKindName } from './language/understand.js';
import { createTranslator, type Translator } from './language/translate/index.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { loadCatalog } from './personalize/catalog.js';
import { recommend } from './personalize/recommend.js';

export interface Runtime {
  readonly app: Express;
  readonly config: Config;
  readonly store: ConversationStore;
  readonly engine: EngineDeps;
  readonly messages: Messages;
  /** Machine translation of lenders' campaign text (offline adapter unless GOOGLE_CLOUD_PROJECT is set). */
  readonly translator: Translator;
  readonly metrics: Metrics;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface ComposeOverrides {
  readonly log?: Logger;
  readonly clock?: () => Date;
  /** Key prefix in Redis (tests use a unique one each). */
  readonly redisPrefix?: string;
}

export function compose(config: Config, overrides: ComposeOverrides = {}): Runtime {
  const log = overrides.log ?? createLogger(config.logLevel);
  const metrics = createMetrics({ defaults: overrides.log === undefined });
  const sealer = createSealer(config.dataKey);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableAutoPipelining: true })
    : undefined;
  redis?.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
  const store = redis ? createRedisStore({ redis, sealer, ...(overrides.redisPrefix ? { prefix: overrides.redisPrefix } : {}) }) : createMemoryStore();

  const flow = loadFlow('onboarding');
  const catalog = loadCatalog();
  const messages = new Messages(
    readLocaleFiles(),
    (key, lang) => (key.startsWith('kind.') ? businessKindName(key.slice(5), lang) : undefined),
    (lang, key) => log.warn({ lang, key }, 'missing translation; using English'),
  );
  const clock = overrides.clock ?? (() => new Date());
  const engine: EngineDeps = {
    store,
    flow,
    machine: buildMachine(flow),
    rank: (profile, opts) => recommend(profile, catalog, opts),
    ownerId: (from) => sealer.hash(normalizeAddress(from)),
    clock,
    idleMs: config.idleDays * 24 * 3600 * 1000,
    labelOf: (lang, key) => messages.format(lang, { key }),
    onTurn: ({ state, lang }) => metrics.turns.inc({ state, lang }),
  };
  const app = createApp({
    engine,
    text: { messages, flow, item: (id) => catalog.byId.get(id) },
    messages,
    log,
    metrics,
    clock,
    twilioAuthToken: config.twilio.authToken,
    publicBaseUrl: config.publicBaseUrl,
    maxBodyBytes: config.maxBodyBytes,
  });
  const translator = createTranslator(config);
  return { app, config, store, engine, messages, translator, metrics, log, close: () => store.close() };
}

function start(): void {
  const config = loadConfig();
  const runtime = compose(config);
  const { log } = runtime;
  if (!config.twilio.authToken) {
    log.warn('TWILIO_AUTH_TOKEN is not set: LOCAL MODE, Twilio signatures are NOT checked. Never expose this server.');
  }
  if (!config.redisUrl) log.warn('REDIS_URL is not set: conversations are kept in memory and lost on restart.');
  if (!config.dataKey) log.warn('SAATHI_DATA_KEY is not set: using the development data key.');
  if (!runtime.translator.configured) log.info('GOOGLE_CLOUD_PROJECT is not set: automatic translation of lender text is off.');
  const server = runtime.app.listen(config.port, () => {
    log.info({ port: config.port, store: config.redisUrl ? 'redis' : 'memory' }, 'Saathi is listening');
  });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(() => void runtime.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    start();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
