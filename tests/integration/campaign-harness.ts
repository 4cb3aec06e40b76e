// Test harness for the campaign engine: the real engine (Redis campaign store, BullMQ queues and
// workers, the Twilio REST sender through the real `twilio` client against the fake Twilio REST API),
// memory profiles, consent ledger and audience index, an injected clock, all under a unique prefix.
import { Redis } from 'ioredis';
import { createMemoryAudienceIndex } from '../../src/adapters/memory-audience-index.js';
import { createMemoryConsentLedger } from '../../src/adapters/memory-consent-ledger.js';
import { createMemoryProfileStore } from '../../src/adapters/memory-profile-store.js';
import { createRedisCampaignStore } from '../../src/adapters/redis-campaign-store.js';
import { createSealer, normalizeAddress } from '../../src/adapters/sealer.js';
import { createTwilioSender, type TwilioSender } from '../../src/adapters/twilio-sender.js';
import type { Sender } from '../../src/channels/sender.js';
import { createDelivery } from '../../src/campaigns/deliver.js';
import { createDndList } from '../../src/campaigns/dnd.js';
import { deliveryPolicy, type PolicySettings } from '../../src/campaigns/policy-config.js';
import { createCampaignQueues } from '../../src/campaigns/queues.js';
import { createRateLimiter } from '../../src/campaigns/rate-limit.js';
import { createCampaignService, type CampaignView } from '../../src/campaigns/service.js';
import { createSessionWindow } from '../../src/campaigns/session-window.js';
import { startCampaignWorkers, type CampaignWorkers } from '../../src/campaigns/worker.js';
import type { Lang } from '../../src/language/langs.js';
import { createOfflineTranslator, type Translator } from '../../src/language/translate/index.js';
import { syntheticOwner } from '../../src/profile/synthetic.js';
import {
  FAKE_ACCOUNT_SID,
  FAKE_AUTH_TOKEN,
  startFakeTwilioRest,
  type FakeTwilioRest,
} from '../support/fake-twilio-rest.js';
import { cleanup, connect, REDIS_URL, testPrefix } from '../support/redis.js';

/** 11:30 IST on 22 Nov 2026: inside the default sending windows. */
export const DAYTIME = Date.parse('2026-11-22T06:00:00Z');
export const TEMPLATE = `HX${'a'.repeat(32)}`;

export interface EngineOptions {
  readonly policy?: Partial<PolicySettings>;
  readonly leaseMs?: number;
  /** Wraps the Twilio sender (e.g. to throw after the provider accepted). */
  readonly wrapSender?: (sender: Sender) => Sender;
  readonly attempts?: number;
  readonly startWorkers?: boolean;
  readonly translator?: Translator;
}

export type Engine = Awaited<ReturnType<typeof startEngine>>;

export async function startEngine(options: EngineOptions = {}) {
  const prefix = testPrefix();
  const redis = connect();
  const bull = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const fake: FakeTwilioRest = await startFakeTwilioRest({ callbacks: { enabled: false } });
  const twilioSender: TwilioSender = createTwilioSender({
    accountSid: FAKE_ACCOUNT_SID,
    authToken: FAKE_AUTH_TOKEN,
    whatsappFrom: 'whatsapp:+14155238886',
    apiBaseUrl: fake.url,
    timeoutMs: 5_000,
  });
  const sender = options.wrapSender ? options.wrapSender(twilioSender) : twilioSender;
  const sealer = createSealer(undefined);
  let now = DAYTIME;
  const clock = () => now;
  const profiles = createMemoryProfileStore();
  const audience = createMemoryAudienceIndex();
  const consent = createMemoryConsentLedger();
  const store = createRedisCampaignStore({ redis, prefix });
  const queues = createCampaignQueues({
    connection: bull,
    bullPrefix: `${prefix}bull`,
    attempts: options.attempts ?? 4,
    retryDelayMs: 30,
  });
  const dnd = createDndList({ redis, sealer, prefix });
  const sessions = createSessionWindow({ redis, prefix });
  const policy = deliveryPolicy({ sendRate: 0, callRate: 0, ...options.policy });
  const limiter = (sender: string, rate: number) => createRateLimiter({ redis, prefix, sender, rate });
  const deliver = createDelivery({
    store,
    profiles,
    consent,
    sender,
    dnd,
    sessions,
    policy,
    clock,
    limiters: { whatsapp: limiter('whatsapp', policy.sendRate), voice: limiter('calls', policy.callRate) },
    publicBaseUrl: 'https://saathi.example',
    leaseMs: options.leaseMs ?? 60_000,
    pausedRecheckMs: 100,
  });
  const service = createCampaignService({
    store,
    queues,
    audience,
    translator: options.translator ?? createOfflineTranslator(),
    clock,
  });
  const workerSet: CampaignWorkers[] = [];
  const startWorkers = (extra: { lockDuration?: number; stalledInterval?: number } = {}) => {
    const workers = startCampaignWorkers({
      store,
      audience,
      queues,
      deliver,
      clock,
      concurrency: 8,
      pollMs: 50,
      workerOptions: {
        lockDuration: extra.lockDuration ?? 5_000,
        stalledInterval: extra.stalledInterval ?? 5_000,
        drainDelay: 1,
      },
    });
    workerSet.push(workers);
    return workers;
  };
  if (options.startWorkers !== false) startWorkers();

  let next = 0;
  /** Adds an owner with marketing consent (in the profile and the ledger) and a WhatsApp address. */
  const addOwner = async (
    o: { lang?: Lang; consent?: boolean; ledgerConsent?: boolean; phone?: string } = {},
  ) => {
    const index = next++;
    const phone = o.phone ?? `+9198${String(10_000_000 + index).slice(-8)}`;
    const ownerId = sealer.hash(normalizeAddress(phone));
    const base = syntheticOwner('campaign-test', index);
    const record = {
      ...base,
      ownerId,
      lang: o.lang ?? 'hi',
      marketingConsent: o.consent ?? true,
      address: `whatsapp:${phone}`,
    };
    await profiles.put(record);
    audience.track(ownerId, record);
    if (o.ledgerConsent ?? o.consent ?? true)
      await consent.append(ownerId, { type: 'grant', purpose: 'marketing', at: now - 1000 });
    return { ownerId, phone, to: `whatsapp:${phone}` };
  };

  const lender = (id: string) => ({ id, name: `Lender ${id}` });

  const whatsappCampaign = (lenderId: string, extra: Record<string, unknown> = {}) =>
    service.create(lender(lenderId), {
      name: 'Diwali working capital',
      audience: {},
      channel: 'whatsapp',
      templates: { hi: { contentSid: TEMPLATE, variables: { '1': 'Saathi' } }, en: { contentSid: TEMPLATE } },
      schedule: { start: now - 60_000, end: now + 7 * 86_400_000 },
      ...extra,
    });

  /** Polls the campaign until `done` holds (default: every queued recipient settled). */
  const until = async (
    lenderId: string,
    id: string,
    done?: (view: CampaignView) => boolean,
    timeoutMs = 15_000,
  ): Promise<CampaignView> => {
    const check = done ?? ((v: CampaignView) => v.stats.fanoutDone && v.stats.pending === 0);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = await service.get(lender(lenderId), id);
      if (view !== undefined && check(view)) return view;
      if (Date.now() > deadline)
        throw new Error(`campaign ${id} did not settle: ${JSON.stringify(view?.stats)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    prefix,
    redis,
    bull,
    fake,
    sealer,
    profiles,
    audience,
    consent,
    store,
    queues,
    dnd,
    sessions,
    service,
    deliver,
    clock,
    setNow: (at: number) => (now = at),
    addOwner,
    lender,
    whatsappCampaign,
    until,
    startWorkers,
    async close() {
      await Promise.all(workerSet.map((w) => w.close(true)));
      await queues.close();
      twilioSender.close();
      await fake.close();
      await cleanup(redis, prefix);
      redis.disconnect();
      bull.disconnect();
    },
  };
}
