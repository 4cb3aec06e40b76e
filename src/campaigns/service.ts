// What the lender API and the CLI do with campaigns: create (validated, machine drafts requested),
// read with stats, list, pause, resume, cancel, approve a language's text. Tenant isolation lives here:
// every call names the lender, and another lender's campaign answers as if it did not exist.
import { randomBytes } from 'node:crypto';
import type { Lang } from '../language/langs.js';
import {
  approve,
  machineDrafts,
  revise,
  TranslationUnavailable,
  type Translator,
} from '../language/translate/index.js';
import { audienceSchema, type AudienceIndex } from './audience.js';
import {
  campaignInputSchema,
  newCampaign,
  variantLangs,
  type Campaign,
  type CampaignState,
} from './campaign.js';
import type { CampaignQueues } from './queues.js';
import { settled, type CampaignCounters, type CampaignStore } from './store.js';

export interface CampaignServiceDeps {
  readonly store: CampaignStore;
  readonly queues: CampaignQueues;
  readonly audience: AudienceIndex;
  readonly translator: Translator;
  readonly clock?: () => number;
  readonly newId?: () => string;
}

export interface Lender {
  readonly id: string;
  readonly name: string;
}

/** A request the lender can fix (HTTP 400 with the issues). */
export class InvalidCampaign extends Error {
  override readonly name = 'InvalidCampaign';
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}

/** The campaign is in a state where this cannot be done (HTTP 409). */
export class CampaignConflict extends Error {
  override readonly name = 'CampaignConflict';
}

export interface CampaignView {
  readonly id: string;
  readonly name: string;
  readonly channel: Campaign['channel'];
  readonly state: CampaignState;
  readonly audience: unknown;
  readonly schedule: { readonly start: string; readonly end: string };
  readonly rateCap?: number;
  readonly languages: { readonly ready: Lang[]; readonly awaitingApproval: Lang[] };
  readonly drafts: readonly { lang: Lang; text: string; origin: string; approved: boolean }[];
  readonly createdAt: string;
  readonly stats: CampaignCounters & { readonly pending: number; readonly cancelled: number };
}

export function createCampaignService(deps: CampaignServiceDeps) {
  const { store, queues, audience, translator, clock = Date.now } = deps;
  const { newId = () => `c${randomBytes(8).toString('hex')}` } = deps;

  const owned = async (lender: Lender, id: string): Promise<Campaign | undefined> => {
    const campaign = await store.get(id);
    return campaign?.lenderId === lender.id ? campaign : undefined;
  };

  const view = async (campaign: Campaign): Promise<CampaignView> => {
    const [state = 'cancelled', counters] = await Promise.all([
      store.state(campaign.id),
      store.counters(campaign.id),
    ]);
    const open = Math.max(0, counters.queued - settled(counters));
    const { ready, awaitingApproval } = variantLangs(campaign);
    return {
      id: campaign.id,
      name: campaign.name,
      channel: campaign.channel,
      state,
      audience: campaign.audience,
      schedule: {
        start: new Date(campaign.schedule.start).toISOString(),
        end: new Date(campaign.schedule.end).toISOString(),
      },
      ...(campaign.rateCap !== undefined ? { rateCap: campaign.rateCap } : {}),
      languages: { ready, awaitingApproval },
      drafts: campaign.drafts.map((d) => ({
        lang: d.lang,
        text: d.text,
        origin: d.origin,
        approved: ready.includes(d.lang),
      })),
      createdAt: new Date(campaign.createdAt).toISOString(),
      stats: {
        ...counters,
        pending: state === 'cancelled' ? 0 : open,
        cancelled: state === 'cancelled' ? open : 0,
      },
    };
  };

  return {
    async create(lender: Lender, body: unknown): Promise<CampaignView> {
      const parsed = campaignInputSchema.safeParse(body);
      const audienceParsed = audienceSchema.safeParse(
        (body as { audience?: unknown } | null)?.audience ?? {},
      );
      const issues = [
        ...(parsed.success
          ? []
          : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
        ...(audienceParsed.success
          ? []
          : audienceParsed.error.issues.map((i) => ({
              path: ['audience', ...i.path].join('.'),
              message: i.message,
            }))),
      ];
      if (!parsed.success || !audienceParsed.success) throw new InvalidCampaign(issues);
      const now = clock();
      if (parsed.data.schedule.end <= now)
        throw new InvalidCampaign([{ path: 'schedule.end', message: 'is in the past' }]);
      let campaign = newCampaign({ ...parsed.data, audience: audienceParsed.data }, lender, newId(), now);
      if (parsed.data.translateTo.length > 0 && campaign.source !== undefined) {
        const have = new Set(campaign.drafts.map((d) => d.lang));
        const wanted = parsed.data.translateTo.filter((lang) => !have.has(lang));
        try {
          const drafts = await machineDrafts(translator, campaign.source.text, campaign.source.lang, wanted);
          campaign = { ...campaign, drafts: [...campaign.drafts, ...drafts] };
        } catch (error) {
          if (!(error instanceof TranslationUnavailable)) throw error;
          throw new InvalidCampaign([
            { path: 'translateTo', message: `${error.message}: give messages in those languages instead` },
          ]);
        }
      }
      await store.create(campaign, 'scheduled');
      await queues.fanout.add(
        'fanout',
        { campaignId: campaign.id },
        {
          jobId: campaign.id,
          delay: Math.max(0, campaign.schedule.start - now),
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: true,
          removeOnFail: { count: 1_000 },
        },
      );
      return view(campaign);
    },

    async get(lender: Lender, id: string): Promise<CampaignView | undefined> {
      const campaign = await owned(lender, id);
      return campaign === undefined ? undefined : view(campaign);
    },

    async list(lender: Lender): Promise<CampaignView[]> {
      return Promise.all((await store.listByLender(lender.id)).map(view));
    },

    async estimate(body: unknown): Promise<number> {
      const parsed = audienceSchema.safeParse(body ?? {});
      if (!parsed.success)
        throw new InvalidCampaign(
          parsed.error.issues.map((i) => ({ path: ['audience', ...i.path].join('.'), message: i.message })),
        );
      return audience.estimate(parsed.data);
    },

    async pause(lender: Lender, id: string): Promise<CampaignView | undefined> {
      const campaign = await owned(lender, id);
      if (campaign === undefined) return undefined;
      if (!(await store.transition(id, ['scheduled', 'running'], 'paused')))
        throw new CampaignConflict(`campaign is ${await store.state(id)}, not running`);
      await queues.send(id).pause();
      return view(campaign);
    },

    async resume(lender: Lender, id: string): Promise<CampaignView | undefined> {
      const campaign = await owned(lender, id);
      if (campaign === undefined) return undefined;
      if (!(await store.transition(id, ['paused'], 'running')))
        throw new CampaignConflict(`campaign is ${await store.state(id)}, not paused`);
      await queues.send(id).resume();
      return view(campaign);
    },

    async cancel(lender: Lender, id: string): Promise<CampaignView | undefined> {
      const campaign = await owned(lender, id);
      if (campaign === undefined) return undefined;
      if (!(await store.transition(id, ['scheduled', 'running', 'paused'], 'cancelled')))
        throw new CampaignConflict(`campaign is ${await store.state(id)} already`);
      // Waiting and delayed jobs go; a job in flight sees the state before it sends (deliver.ts).
      await queues.send(id).drain(true);
      await queues.fanout.remove(id).catch(() => 0);
      await store.setActive(id, false);
      return view(campaign);
    },

    /** A person approves the text of `lang` (optionally correcting it first). */
    async approve(
      lender: Lender & { readonly by?: string },
      id: string,
      lang: Lang,
      text?: string,
    ): Promise<CampaignView | undefined> {
      const campaign = await owned(lender, id);
      if (campaign === undefined) return undefined;
      const draft = campaign.drafts.find((d) => d.lang === lang);
      if (draft === undefined) throw new CampaignConflict(`campaign has no ${lang} text to approve`);
      const by = `lender:${lender.by ?? lender.name}`;
      const at = new Date(clock());
      const approved = text === undefined ? approve(draft, by, at) : revise(draft, text, by, at);
      const updated: Campaign = {
        ...campaign,
        drafts: campaign.drafts.map((d) => (d.lang === lang ? approved : d)),
      };
      await store.update(updated);
      return view(updated);
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
