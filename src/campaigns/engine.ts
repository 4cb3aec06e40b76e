// Wires the campaign engine from its ports: store, queues, policy, rate limiters, delivery, the service
// behind the lender API, workers, and the hooks the webhooks call (status callbacks, replies, the
// campaign call's message). The composition root (src/main.ts, worker-main.ts) and the bench use it.
import type { Redis } from 'ioredis';
import { createRedisCampaignStore } from '../adapters/redis-campaign-store.js';
import type { Sealer } from '../adapters/sealer.js';
import type { Sender } from '../channels/sender.js';
import type { ConsentLedger } from '../consent/ledger.js';
import type { Lang } from '../language/langs.js';
import type { Translator } from '../language/translate/index.js';
import type { Logger } from '../logger.js';
import type { ProfileStore } from '../profile/store.js';
import type { AudienceIndex } from './audience.js';
import { createDelivery } from './deliver.js';
import { createDndList } from './dnd.js';
import type { DeliveryPolicy } from './policy-config.js';
import { createCampaignQueues, type QueueSettings } from './queues.js';
import { createRateLimiter } from './rate-limit.js';
import { campaignRoutes } from './routes.js';
import { createCampaignService } from './service.js';
import { campaignDataOf, eraseCampaignOwner } from './owner-data.js';
import { createSessionWindow } from './session-window.js';
import {
  recordCampaignOptOut,
  recordCampaignReply,
  recordCampaignStatus,
  type CampaignStatusUpdate,
} from './status.js';
import { campaignVoiceMessage } from './voice.js';
import { startCampaignWorkers, type CampaignWorkers, type CampaignWorkersOptions } from './worker.js';

export interface CampaignEngineDeps {
  /** Commands (the app's client). */
  readonly redis: Redis;
  /** BullMQ's connection: `maxRetriesPerRequest: null`. */
  readonly bullConnection: Redis;
  readonly prefix: string;
  readonly sealer: Sealer;
  readonly profiles: ProfileStore;
  readonly consent: ConsentLedger;
  readonly audience: AudienceIndex;
  readonly sender: Sender;
  readonly translator: Translator;
  readonly policy: DeliveryPolicy;
  readonly publicBaseUrl: string;
  /** Which WhatsApp sender the rate belongs to (e.g. TWILIO_WHATSAPP_FROM). */
  readonly senderId?: string;
  readonly queue?: Partial<Omit<QueueSettings, 'connection'>>;
  readonly clock?: () => number;
  readonly leaseMs?: number;
  readonly logger?: Logger;
}

export function createCampaignEngine(deps: CampaignEngineDeps) {
  const {
    redis,
    prefix,
    sealer,
    profiles,
    consent,
    audience,
    sender,
    translator,
    policy,
    clock = Date.now,
  } = deps;
  const store = createRedisCampaignStore({ redis, prefix });
  const queues = createCampaignQueues({
    connection: deps.bullConnection,
    bullPrefix: `${prefix}bull`,
    jobIdOf: (campaignId: string, ownerId: string) => sealer.hash(`send-job:${campaignId}:${ownerId}`),
    ...deps.queue,
  });
  const dnd = createDndList({ redis, sealer, prefix });
  const sessions = createSessionWindow({ redis, prefix });
  const limiters = {
    whatsapp: createRateLimiter({
      redis,
      prefix,
      sender: deps.senderId ?? 'whatsapp',
      rate: policy.sendRate,
    }),
    voice: createRateLimiter({ redis, prefix, sender: 'calls', rate: policy.callRate }),
  };
  const deliver = createDelivery({
    store,
    profiles,
    consent,
    sender,
    dnd,
    sessions,
    limiters,
    policy,
    clock,
    publicBaseUrl: deps.publicBaseUrl,
    ...(deps.leaseMs !== undefined ? { leaseMs: deps.leaseMs } : {}),
  });
  const service = createCampaignService({ store, queues, audience, translator, clock });
  const workers: CampaignWorkers[] = [];
  const ownerDataDeps = { store, sessions, queues, ...(deps.logger ? { logger: deps.logger } : {}) };

  return {
    store,
    queues,
    dnd,
    sessions,
    service,
    deliver,
    /** Pass to createApiRouter({ campaignRoutes }). */
    routes: campaignRoutes(service),
    startWorkers(
      options: Partial<Pick<CampaignWorkersOptions, 'concurrency' | 'pollMs' | 'workerOptions'>> = {},
    ): CampaignWorkers {
      const started = startCampaignWorkers({
        store,
        audience,
        queues,
        deliver,
        clock,
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...options,
      });
      workers.push(started);
      return started;
    },
    /** For the message and call status webhooks. */
    recordStatus: (update: CampaignStatusUpdate) => recordCampaignStatus({ store, consent }, update),
    /** For the conversation: an owner answered after a campaign (or pressed a key on its call). */
    recordReply: (ownerId: string, reply: { interested: boolean; campaignId?: string }) =>
      recordCampaignReply({ store }, ownerId, reply),
    /** For the conversation: STOP after a campaign (suppress in the ledger separately). */
    recordOptOut: (ownerId: string) => recordCampaignOptOut({ store }, ownerId),
    /** For the voice IVR at `/twilio/voice?campaign=<id>`. */
    voiceMessage: (campaignId: string, lang: Lang) => campaignVoiceMessage({ store }, campaignId, lang),
    /** For the operator's export: the owner's delivery records, reactions and session window. */
    ownerData: (ownerId: string) => campaignDataOf(ownerDataDeps, ownerId),
    /** Erasure (chat DELETE or the operator): the owner's records go, the counters stay. */
    eraseOwner: (ownerId: string) => eraseCampaignOwner(ownerDataDeps, ownerId),
    async close(force = false): Promise<void> {
      await Promise.all(workers.splice(0).map((w) => w.close(force)));
      await queues.close();
    },
  };
}

export type CampaignEngine = ReturnType<typeof createCampaignEngine>;
