// Renders channel-neutral replies as plain text paragraphs in the owner's language (WhatsApp, the
// terminal chat). Choices become numbered lines; offers and tips show their title, text and reasons.
import type { Flow } from '../dialogue/flow.js';
import type { Choice, Msg, Reply } from '../dialogue/types.js';
import { formatAmount } from '../i18n/format.js';
import type { Messages } from '../i18n/messages.js';
import type { Lang } from '../language/langs.js';
import type { CatalogItem } from '../personalize/catalog.js';
import type { Profile } from '../profile/profile.js';
import { stateName } from '../profile/places.js';

export interface TextRenderDeps {
  readonly messages: Messages;
  readonly flow: Flow;
  readonly item: (id: string) => CatalogItem | undefined;
}

export function renderChoices(deps: TextRenderDeps, lang: Lang, choices: readonly Choice[]): string {
  return choices
    .map((choice, index) => `${index + 1}. ${deps.messages.format(lang, choice.label)}`)
    .join('\n');
}

function profileValue(deps: TextRenderDeps, lang: Lang, field: string, profile: Profile): string | undefined {
  const t = (msg: Msg) => deps.messages.format(lang, msg);
  switch (field) {
    case 'businessKind':
      return profile.businessKind && t({ key: `kind.${profile.businessKind}` });
    case 'location': {
      const where = profile.place ?? (profile.state ? stateName(profile.state) : undefined);
      if (!where && !profile.pin) return undefined;
      return [where, profile.pin].filter(Boolean).join(' – ');
    }
    case 'yearsInBusiness':
      return profile.yearsInBusiness === undefined
        ? undefined
        : t({ key: 'value.years', params: { years: profile.yearsInBusiness } });
    case 'workers':
      return profile.workers === undefined
        ? undefined
        : t({ key: 'value.workers', params: { count: profile.workers } });
    case 'monthlySales':
    case 'amount': {
      const value = profile[field];
      return value === undefined ? undefined : formatAmount(value, lang);
    }
    case 'udyam':
    case 'gst': {
      const value = profile[field];
      return value === undefined ? undefined : t({ key: value ? 'choice.yes' : 'choice.no' });
    }
    case 'need':
      return profile.need && t({ key: `need.${profile.need}` });
    default:
      return undefined;
  }
}

export function renderProfile(deps: TextRenderDeps, lang: Lang, profile: Profile, name?: string): string {
  const t = (msg: Msg) => deps.messages.format(lang, msg);
  const title = t(name ? { key: 'profile.title.named', params: { name } } : { key: 'profile.title' });
  const lines = deps.flow.questions.map((question) => {
    const value = profileValue(deps, lang, question.id, profile) ?? t({ key: 'value.unknown' });
    return `• ${t({ key: `field.${question.id}` })}: ${value}`;
  });
  return [title, ...lines].join('\n');
}

export function renderItem(
  deps: TextRenderDeps,
  lang: Lang,
  reply: Extract<Reply, { type: 'item' }>,
): string {
  const item = deps.item(reply.itemId);
  if (!item) return '';
  const text = item.text[lang] ?? item.text.en;
  const reasons = reply.reasons
    .map((reason) => deps.messages.format(lang, reason))
    .filter((line) => line !== '');
  if (reply.detail) {
    const lines = reasons.map((reason) => `• ${reason}`);
    return [
      `*${reply.rank}. ${text.title}*`,
      deps.messages.format(lang, { key: 'why.title' }),
      ...lines,
    ].join('\n');
  }
  const why =
    reasons.length > 0
      ? `\n_${deps.messages.format(lang, { key: 'recs.why', params: { reasons: reasons.join('; ') } })}_`
      : '';
  return `*${reply.rank}. ${text.title}*\n${text.body}${why}`;
}

/** One paragraph per reply. */
export function renderText(deps: TextRenderDeps, lang: Lang, replies: readonly Reply[]): string[] {
  return replies
    .map((reply) => {
      switch (reply.type) {
        case 'text': {
          const sayIn = reply.lang ?? lang;
          const body = deps.messages.format(sayIn, reply.msg);
          return reply.choices && reply.choices.length > 0
            ? `${body}\n${renderChoices(deps, sayIn, reply.choices)}`
            : body;
        }
        case 'profile':
          return renderProfile(deps, lang, reply.profile, reply.name);
        case 'item':
          return renderItem(deps, lang, reply);
      }
    })
    .filter((paragraph) => paragraph !== '');
}

/** Joins paragraphs into as few messages as fit Twilio's 1600-character limit. */
export function packMessages(paragraphs: readonly string[], limit = 1600): string[] {
  const messages: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    const piece = paragraph.length > limit ? paragraph.slice(0, limit - 1) + '…' : paragraph;
    if (current === '') current = piece;
    else if (current.length + 2 + piece.length <= limit) current += `\n\n${piece}`;
    else {
      messages.push(current);
      current = piece;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}
