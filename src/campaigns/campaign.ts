// A lender's campaign: who it goes to, what it says in each language, when it may go out, and how fast.
// The creation input is validated here (zod); text a lender writes in one language becomes drafts per
// language (src/language/translate/draft.ts) and only approved drafts of the current source text are sent.
import { z } from 'zod';
import { LANGS, isLang, type Lang } from '../language/langs.js';
import {
  draftSourceHash,
  humanDraft,
  isSendable,
  type TranslationDraft,
} from '../language/translate/draft.js';

export const CHANNELS = ['whatsapp', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CAMPAIGN_STATES = ['scheduled', 'running', 'paused', 'cancelled', 'completed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** An approved WhatsApp Content template (`HX…`) for one language, with its variables. */
export interface TemplateVariant {
  readonly contentSid: string;
  readonly variables: Readonly<Record<string, string>>;
}

export interface Campaign {
  readonly id: string;
  readonly lenderId: string;
  readonly name: string;
  /** The audience definition, validated by the audience module (src/campaigns/audience.ts). */
  readonly audience: unknown;
  readonly channel: Channel;
  /** WhatsApp: approved templates per language (sent outside and inside the 24-hour window). */
  readonly templates: Partial<Readonly<Record<Lang, TemplateVariant>>>;
  /** The lender's own text and the language it is written in (voice message, or WhatsApp session text). */
  readonly source?: { readonly lang: Lang; readonly text: string };
  /** One draft per language of `source`: the lender's own, translations by hand or machine. */
  readonly drafts: readonly TranslationDraft[];
  /** Epoch ms: nothing goes out before `start` or after `end`. */
  readonly schedule: { readonly start: number; readonly end: number };
  /** Largest sends per second for this campaign (under the sender's global rate). */
  readonly rateCap?: number;
  readonly createdAt: number;
}

const langKey = z.string().refine(isLang, { message: `must be one of ${LANGS.join(', ')}` });
const langRecord = <T extends z.ZodTypeAny>(value: T) =>
  z.record(langKey, value).transform((record) => record as Partial<Record<Lang, z.infer<T>>>);
const variables = z.record(z.string().min(1).max(64), z.string().max(1024));
const time = z
  .union([z.string().datetime({ offset: true }), z.number().int().positive()])
  .transform((value) => (typeof value === 'number' ? value : Date.parse(value)));

/** The body of `POST /api/v1/campaigns`; `audience` is checked by the audience module's own schema. */
export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    audience: z.unknown(),
    channel: z.enum(CHANNELS),
    /** WhatsApp: Content template per language, e.g. `{"hi": {"contentSid": "HX…", "variables": {"1": "…"}}}`. */
    templates: langRecord(
      z.object({
        contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Content SID (HX + 32 hex)'),
        variables: variables.default({}),
      }),
    ).default({}),
    /** Variables shared by every template (a template's own variables win). */
    variables: variables.default({}),
    /** Voice message (or WhatsApp session text) written by the lender, per language. */
    messages: langRecord(z.string().trim().min(1).max(1000)).default({}),
    /** The language of `messages` the others are translated from (default: the first given). */
    sourceLang: langKey.optional(),
    /** Languages to machine-translate `messages[sourceLang]` into; each needs approval before it is sent. */
    translateTo: z.array(langKey).max(LANGS.length).default([]),
    schedule: z
      .object({ start: time, end: time })
      .refine((schedule) => schedule.end > schedule.start, {
        message: 'must be after schedule.start',
        path: ['end'],
      }),
    rateCap: z.number().positive().max(10_000).optional(),
  })
  .superRefine((input, ctx) => {
    const problem = (message: string, path: string[]) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });
    const messageLangs = Object.keys(input.messages);
    if (input.channel === 'whatsapp' && Object.keys(input.templates).length === 0)
      problem('a WhatsApp campaign needs an approved template in at least one language', ['templates']);
    if (input.channel === 'voice' && messageLangs.length === 0)
      problem('a voice campaign needs a message in at least one language', ['messages']);
    if (input.channel === 'voice' && Object.keys(input.templates).length > 0)
      problem('templates are for WhatsApp campaigns', ['templates']);
    if (input.sourceLang !== undefined && !messageLangs.includes(input.sourceLang))
      problem('must be a language of messages', ['sourceLang']);
    if (input.translateTo.length > 0 && messageLangs.length === 0)
      problem('there is no message to translate', ['translateTo']);
  });

export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** Builds the stored campaign from validated input; the lender's own texts count as approved by the lender. */
export function newCampaign(
  input: CampaignInput,
  lender: { readonly id: string; readonly name: string },
  id: string,
  now: number,
): Campaign {
  const templates: Partial<Record<Lang, TemplateVariant>> = {};
  for (const [lang, template] of entries(input.templates))
    templates[lang] = {
      contentSid: template.contentSid,
      variables: { ...input.variables, ...template.variables },
    };
  const given = entries(input.messages);
  const first = given[0];
  const sourceLang = input.sourceLang ?? first?.[0];
  const sourceText = sourceLang === undefined ? undefined : input.messages[sourceLang];
  const at = new Date(now);
  const drafts =
    sourceLang === undefined || sourceText === undefined
      ? []
      : given.map(([lang, text]) => humanDraft(lang, text, sourceText, `lender:${lender.name}`, at));
  return {
    id,
    lenderId: lender.id,
    name: input.name,
    audience: input.audience,
    channel: input.channel,
    templates,
    ...(sourceLang !== undefined && sourceText !== undefined
      ? { source: { lang: sourceLang, text: sourceText } }
      : {}),
    drafts,
    schedule: input.schedule,
    ...(input.rateCap !== undefined ? { rateCap: input.rateCap } : {}),
    createdAt: now,
  };
}

function entries<T>(record: Partial<Record<Lang, T>>): [Lang, T][] {
  return LANGS.flatMap((lang) => {
    const value = record[lang];
    return value === undefined ? [] : [[lang, value] as [Lang, T]];
  });
}

/** The sendable text of `lang` (approved, made from the current source), if any. */
export function approvedText(campaign: Campaign, lang: Lang): string | undefined {
  if (campaign.source === undefined) return undefined;
  const current = draftSourceHash(campaign.source.text);
  return campaign.drafts.find((draft) => draft.lang === lang && isSendable(draft, current))?.text;
}

/** What one recipient gets: a template, session text (WhatsApp inside the 24-hour window) or a voice call. */
export type Variant =
  | { readonly kind: 'template'; readonly template: TemplateVariant }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'call'; readonly text: string };

/**
 * The variant for a recipient speaking `lang`. WhatsApp prefers the lender's approved session text inside
 * the owner's 24-hour window and falls back to the template; outside the window only a template may go.
 */
export function variantFor(campaign: Campaign, lang: Lang, insideWindow: boolean): Variant | undefined {
  const text = approvedText(campaign, lang);
  if (campaign.channel === 'voice') return text === undefined ? undefined : { kind: 'call', text };
  if (insideWindow && text !== undefined) return { kind: 'text', text };
  const template = campaign.templates[lang];
  return template === undefined ? undefined : { kind: 'template', template };
}

/** Languages a recipient can be reached in, and those with drafts still waiting for approval. */
export function variantLangs(campaign: Campaign): { ready: Lang[]; awaitingApproval: Lang[] } {
  const ready = LANGS.filter(
    (lang) => campaign.templates[lang] !== undefined || approvedText(campaign, lang) !== undefined,
  );
  const awaitingApproval = campaign.drafts
    .filter((draft) => approvedText(campaign, draft.lang) === undefined)
    .map((draft) => draft.lang);
  return { ready, awaitingApproval };
}
