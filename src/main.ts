// Composition root: reads the validated config, picks the adapters (memory or Redis, …) and starts the
// HTTP server. The only place that decides which real service is used.
import { pathToFileURL } from 'node:url';
import type { Express } from 'express';
import { createApp } from './app.js';
import { createCirclePrior } from './channels/circle.js';
import type { VoiceDeps } from './channels/voice-context.js';
import { createRedisVoiceCallStore } from './channels/voice-redis-store.js';
import { createMemoryVoiceCallStore } from './channels/voice-store.js';
import { createMemoryStore } from './adapters/memory-store.js';
import { createRedisStore } from './adapters/redis-store.js';
import { createRedisClient } from './adapters/redis-client.js';
import { createMemoryInbox } from './adapters/memory-inbox.js';
import { createRedisInbox } from './adapters/redis-inbox.js';
import { createRedisAdmitAndBegin, windowKeysOf } from './adapters/redis-turn-start.js';
import { createSender } from './adapters/create-sender.js';
import { Settler, startRecovery, type RecoveryLoop } from './channels/inbox-recovery.js';
import type { Sender } from './channels/sender.js';
import { whatsappRenderer } from './channels/whatsapp-routes.js';
import type { Inbox } from './dialogue/inbox.js';
import { createSealer, normalizeAddress, type Sealer } from './adapters/sealer.js';
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
import { createPersonalizer } from './personalize/personalizer.js';
import { loadSegments } from './personalize/segments.js';
import { createMemoryFeedbackStore } from './adapters/memory-feedback-store.js';
import { createRedisFeedbackStore } from './adapters/redis-feedback-store.js';
import { createMemoryProfileStore } from './adapters/memory-profile-store.js';
import { createRedisProfileStore } from './adapters/redis-profile-store.js';
import { createMemoryConsentLedger } from './adapters/memory-consent-ledger.js';
import { createAfterTurn } from './dialogue/after-turn.js';
import { Redis } from 'ioredis';
import { createCampaignEngine, type CampaignEngine } from './campaigns/engine.js';
import { deliveryPolicy } from './campaigns/policy-config.js';
import type { CampaignAnswer } from './channels/voice-context.js';
import type { Lang } from './language/langs.js';
import { fetchTwilioMedia } from './channels/media.js';
import { transcribeVoiceNote } from './channels/voice-note.js';
import { createSpeechToText, type SpeechToText } from './language/speech/index.js';
import {
  createTextToSpeech,
  prerender,
  type PrerenderResult,
  type TextToSpeech,
} from './language/tts/index.js';
import { staticVoicePrompts } from './channels/voice-prerender.js';
import type { ConsentLedger } from './consent/ledger.js';
import type { FeedbackStore } from './personalize/feedback-store.js';
import type { ProfileStore } from './profile/store.js';
import { createMemoryAudienceIndex } from './adapters/memory-audience-index.js';
import { createRedisAudienceIndex } from './adapters/redis-audience-index.js';
import { createRedisConsentLedger } from './adapters/redis-consent-ledger.js';
import { createMemoryLenderRecords } from './adapters/memory-lender-records.js';
import { createRedisLenderRecords } from './adapters/redis-lender-records.js';
import { createMemoryLeadStore } from './adapters/memory-lead-store.js';
import { createRedisLeadStore } from './adapters/redis-lead-store.js';
import { createRedisFailureLimiter } from './adapters/redis-failure-limiter.js';
import { createApiRouter } from './campaigns/api.js';
import type { AudienceIndex } from './campaigns/audience.js';
import { createMemoryFailureLimiter } from './campaigns/auth-limiter.js';
import { createLeads, type Leads } from './campaigns/leads.js';
import { createLenderStore, type LenderStore } from './campaigns/lenders.js';
import { createAdminRouter } from './admin/routes.js';
import { backstopMs, DAY_MS } from './privacy/retention.js';
import { startRetention } from './privacy/retention-schedule.js';

export interface Runtime {
  readonly app: Express;
  readonly config: Config;
  readonly store: ConversationStore;
  readonly engine: EngineDeps;
  /** Owners' profiles with their segment, saved when the questions are done (segments, campaigns). */
  readonly profiles: ProfileStore;
  readonly ledger: ConsentLedger;
  /** Lender API: tenants and their keys, leads, and the audience index kept by `profiles`. */
  readonly lenders: LenderStore;
  readonly leads: Leads;
  readonly audiences: AudienceIndex;
  readonly feedback: FeedbackStore;
  readonly messages: Messages;
  /** Machine translation of lenders' campaign text (offline adapter unless GOOGLE_CLOUD_PROJECT is set). */
  readonly translator: Translator;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Every accepted WhatsApp message, recorded before its turn runs (docs/security.md). */
  readonly inbox: Inbox;
  /** Starts the loop that answers, through `sender`, messages whose webhook answer was lost. */
  recover(sender: Sender): RecoveryLoop;
  /** Outbound messages and calls: Twilio REST when configured, otherwise a recording sender. */
  readonly sender: Sender;
  readonly stt: SpeechToText;
  /** Lender campaigns (BullMQ); only with REDIS_URL. */
  readonly campaigns: CampaignEngine | undefined;
  readonly tts: TextToSpeech;
  /** Synthesizes the static voice prompts of the languages `tts` has a voice for and <Say> has not. */
  prerenderVoice(): Promise<PrerenderResult>;
  close(): Promise<void>;
}

/** Voice notes and call recordings Saathi downloads from Twilio: at most 16 MB. */
const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

export interface ComposeOverrides {
  readonly log?: Logger;
  /** Outbound messages and calls (default: Twilio REST when configured, else a recording sender). */
  readonly sender?: Sender;
  /** Speech-to-text (default: Google when GOOGLE_CLOUD_PROJECT is set, else offline). */
  readonly stt?: SpeechToText;
  /** Text-to-speech (default: Google when GOOGLE_CLOUD_PROJECT is set, else <Say> only). */
  readonly tts?: TextToSpeech;
  readonly clock?: () => Date;
  /** Key prefix in Redis (tests use a unique one each). */
  readonly redisPrefix?: string;
  /** Voice IVR parts to use instead of the defaults (sender, speech-to-text, text-to-speech, campaigns). */
  readonly voice?: Partial<VoiceDeps>;
}

/**
 * Owner ids are a keyed hash of the number; a webhook needs one twice (admission and turn), so the last
 * few thousand are remembered for the life of the process (the hash key cannot change within it).
 */
function ownerIdOf(sealer: Sealer): (from: string) => string {
  const known = new Map<string, string>();
  return (from) => {
    let id = known.get(from);
    if (id === undefined) {
      id = sealer.hash(normalizeAddress(from));
      if (known.size >= 5000) known.clear();
      known.set(from, id);
    }
    return id;
  };
}

export function compose(config: Config, overrides: ComposeOverrides = {}): Runtime {
  const log = overrides.log ?? createLogger(config.logLevel);
  const metrics = createMetrics({ defaults: overrides.log === undefined });
  const sealer = createSealer(config.dataKey, { oldKeys: config.oldDataKeys, hashKey: config.hashKey });
  const redis = config.redisUrl
    ? createRedisClient(config.redisUrl, {
        onError: (error) => log.warn({ err: error.message }, 'redis connection error'),
      })
    : undefined;
  const prefix = overrides.redisPrefix ?? config.redisPrefix;
  // The TTL is a backstop past the period; the retention sweep deletes idle conversations on time.
  const retentionSeconds = Math.round(backstopMs(config.retentionDays * DAY_MS) / 1000);
  const store = redis
    ? createRedisStore({ redis, sealer, prefix, retentionSeconds })
    : createMemoryStore({
        retentionMs: retentionSeconds * 1000,
        ...(overrides.clock ? { clock: overrides.clock } : {}),
      });
  const inbox = redis ? createRedisInbox({ redis, sealer, prefix }) : createMemoryInbox();
  const settler = new Settler(inbox, log);

  const flow = loadFlow('onboarding');
  const catalog = loadCatalog();
  const feedback = redis ? createRedisFeedbackStore({ redis, prefix }) : createMemoryFeedbackStore();
  const personalizer = createPersonalizer({ catalog, segments: loadSegments(), feedback });
  const memoryAudiences = createMemoryAudienceIndex();
  const audiences = redis ? createRedisAudienceIndex({ redis, sealer, prefix }) : memoryAudiences;
  const profiles = redis
    ? createRedisProfileStore({ redis, sealer, prefix, indexAudience: true })
    : createMemoryProfileStore({ audience: memoryAudiences });
  const ledger = redis ? createRedisConsentLedger({ redis, sealer, prefix }) : createMemoryConsentLedger();
  const lenders = createLenderStore(
    redis ? createRedisLenderRecords({ redis, prefix }) : createMemoryLenderRecords(),
  );
  const leads = createLeads({
    store: redis ? createRedisLeadStore({ redis, sealer, prefix }) : createMemoryLeadStore(),
    consent: ledger,
    profiles,
  });
  const failures = redis ? createRedisFailureLimiter({ redis, prefix }) : createMemoryFailureLimiter();
  const localeFiles = readLocaleFiles();
  const messages = new Messages(
    localeFiles,
    (key, lang) => (key.startsWith('kind.') ? businessKindName(key.slice(5), lang) : undefined),
    (lang, key) => log.warn({ lang, key }, 'missing translation; using English'),
  );
  const clock = overrides.clock ?? (() => new Date());
  const sender = overrides.sender ?? createSender(config.twilio, config.publicBaseUrl, log);
  const stt = overrides.stt ?? createSpeechToText(config, log);
  const tts = overrides.tts ?? createTextToSpeech(config, log);
  const fetchMedia = (url: string, allowedTypes?: readonly string[]) =>
    fetchTwilioMedia(url, {
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      maxBytes: MAX_MEDIA_BYTES,
      timeoutMs: 10_000,
      ...(allowedTypes ? { allowedTypes } : {}),
    });
  const translator = createTranslator(config);
  // Campaigns need Redis (BullMQ); the embedded default has none.
  let bullConnection: Redis | undefined;
  const campaigns =
    redis && config.redisUrl
      ? createCampaignEngine({
          redis,
          bullConnection: (bullConnection = new Redis(config.redisUrl, { maxRetriesPerRequest: null })),
          prefix,
          sealer,
          profiles,
          consent: ledger,
          audience: audiences,
          sender,
          translator,
          policy: deliveryPolicy(config.campaigns),
          publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port}`,
          senderId: config.twilio.messagingServiceSid ?? config.twilio.whatsappFrom ?? 'whatsapp',
          logger: log,
        })
      : undefined;
  const engine: EngineDeps = {
    store,
    flow,
    machine: buildMachine(flow),
    personalizer,
    afterTurn: createAfterTurn({
      profiles,
      ledger,
      personalizer,
      log,
      leads: {
        record: async (lead) => {
          const result = await leads.recordLead(lead);
          if (!result.recorded) log.info({ reason: result.reason }, 'lead not recorded');
        },
        eraseOwner: async (ownerId) => void (await leads.deleteLeadsOf(ownerId)),
        withdraw: async (ownerId, lenderId) => void (await leads.deleteLeadsOf(ownerId, lenderId)),
      },
      ...(campaigns ? { campaigns } : {}),
    }),
    ownerId: ownerIdOf(sealer),
    clock,
    idleMs: config.idleDays * 24 * 3600 * 1000,
    labelOf: (lang, key) => messages.format(lang, { key }),
    onTurn: ({ state, lang }) => metrics.turns.inc({ state, lang }),
    onAfterTurnError: (error, messageId) => {
      metrics.errors.inc({ kind: 'after_turn' });
      log.error(
        { err: error, messageId },
        'work after a committed turn failed (profile, consent ledger, feedback or lead)',
      );
    },
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
    api: createApiRouter({
      lenders,
      leads,
      audiences,
      log,
      metrics,
      failures,
      maxBodyBytes: config.maxBodyBytes,
      ...(campaigns ? { campaignRoutes: campaigns.routes } : {}),
    }),
    ...(config.adminToken
      ? {
          admin: createAdminRouter({
            token: config.adminToken,
            failures,
            ownerIdOf: engine.ownerId,
            store,
            profiles,
            ledger,
            feedback,
            leads,
            ...(campaigns ? { campaigns } : {}),
            clock,
            log,
            metrics,
          }),
        }
      : {}),
    ...(campaigns
      ? {
          onStatus: campaigns.recordStatus,
          onCampaignReply: (ownerId: string, campaignId: string) =>
            campaigns.recordReply(ownerId, { interested: false, campaignId }),
        }
      : {}),
    voiceNotes: {
      configured: stt.configured,
      transcribe: (media, candidates) =>
        transcribeVoiceNote({ stt, fetchMedia: (url) => fetchMedia(url) }, media, candidates),
      sender,
    },
    inbox: {
      inbox,
      settle: settler.settle,
      perMinute: config.floodPerMinute,
      graceMs: config.inboxGraceMs,
      ...(redis
        ? {
            admitAndBegin: createRedisAdmitAndBegin({
              redis,
              sealer,
              prefix,
              // With campaigns, the same script touches the session window and reads the last campaign.
              ...(campaigns ? { campaigns: windowKeysOf(prefix, campaigns.store) } : {}),
            }),
          }
        : {}),
    },
    voice: {
      engine,
      text: { messages, flow, item: (id) => catalog.byId.get(id) },
      messages,
      log,
      metrics,
      calls: redis ? createRedisVoiceCallStore({ redis, sealer, prefix }) : createMemoryVoiceCallStore(),
      prior: createCirclePrior(),
      publicBaseUrl: config.publicBaseUrl,
      clock,
      sender,
      stt,
      tts,
      fetchRecording: async (url) =>
        (await fetchMedia(url, ['audio/wav', 'audio/x-wav', 'audio/mpeg'])).bytes,
      ...(campaigns
        ? {
            campaignMessage: (campaignId: string, lang: Lang) => campaigns.voiceMessage(campaignId, lang),
            onCampaignAnswer: async (campaignId: string, ownerId: string, answer: CampaignAnswer) => {
              if (answer === 'optout') {
                await Promise.all([
                  ledger.suppress(ownerId, clock().getTime()),
                  ledger.append(ownerId, {
                    type: 'withdraw',
                    purpose: 'marketing',
                    at: clock().getTime(),
                    channel: 'voice',
                  }),
                  campaigns.recordOptOut(ownerId),
                ]);
              } else
                await campaigns.recordReply(ownerId, { interested: answer === 'interested', campaignId });
            },
          }
        : {}),
      ...overrides.voice,
    },
  });
  const recover = (sender: Sender) =>
    startRecovery(
      {
        inbox,
        engine,
        sender,
        log,
        clock,
        render: whatsappRenderer({ messages, flow, item: (id) => catalog.byId.get(id) }),
      },
      config.recoveryIntervalMs,
      settler,
    );
  return {
    app,
    config,
    store,
    engine,
    profiles,
    ledger,
    lenders,
    leads,
    audiences,
    feedback,
    messages,
    translator,
    metrics,
    log,
    inbox,
    recover,
    sender,
    stt,
    tts,
    campaigns,
    prerenderVoice: async () =>
      prerender(
        tts,
        staticVoicePrompts(
          { messages, flow, item: (id) => catalog.byId.get(id) },
          localeFiles.en,
          await tts.voices(),
        ),
      ),
    close: async () => {
      await campaigns?.close();
      bullConnection?.disconnect();
      await store.close();
    },
  };
}

function start(): void {
  const config = loadConfig();
  const runtime = compose(config);
  const { log } = runtime;
  if (!config.twilio.authToken) {
    log.warn(
      'TWILIO_AUTH_TOKEN is not set: LOCAL MODE, Twilio signatures are NOT checked. Never expose this server.',
    );
  }
  if (!config.redisUrl)
    log.warn('REDIS_URL is not set: conversations are kept in memory and lost on restart.');
  if (!config.dataKey) log.warn('SAATHI_DATA_KEY is not set: using the development data key.');
  if (!runtime.translator.configured)
    log.info('GOOGLE_CLOUD_PROJECT is not set: automatic translation of lender text is off.');
  const recovery = runtime.recover(runtime.sender);
  const retention = startRetention(runtime);
  for (let i = 0; i < config.campaigns.workers; i++)
    runtime.campaigns?.startWorkers({ concurrency: config.campaigns.concurrency });
  if (config.campaigns.workers > 0 && !runtime.campaigns)
    log.warn('SAATHI_WORKERS is set but campaigns need REDIS_URL: no workers started.');
  if (runtime.tts.configured) {
    runtime.prerenderVoice().then(
      ({ rendered, failed }) =>
        log.info(
          { rendered: rendered.length, failed: failed.length },
          'voice prompts rendered ahead of time',
        ),
      (error: unknown) => log.warn({ err: error }, 'could not render voice prompts ahead of time'),
    );
  }
  const server = runtime.app.listen(config.port, () => {
    log.info({ port: config.port, store: config.redisUrl ? 'redis' : 'memory' }, 'Saathi is listening');
  });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(
      () =>
        void recovery
          .stop()
          .then(() => retention.stop())
          .then(() => runtime.close())
          .finally(() => process.exit(0)),
    );
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
