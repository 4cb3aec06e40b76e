// Renders a dialogue turn for the phone: what the caller hears (short sentences, each in a language a
// voice can speak) and which keys or words the next <Gather> takes. Channel-neutral replies come in, a
// VoicePrompt goes out; voice-twiml.ts turns it into TwiML. Pure: the same turn always sounds the same.
import { choicesFor, questionOfState } from '../dialogue/choices.js';
import type { Choice, Msg, Reply } from '../dialogue/types.js';
import type { TurnOutcome } from '../dialogue/engine.js';
import { LANGS, type Lang } from '../language/langs.js';
import { normalizeText } from '../language/understand.js';
import { renderProfile, type TextRenderDeps } from './render-text.js';
import { forSpeech } from './voice-speak.js';

/** What the next <Gather> listens for. */
export type VoiceInput = 'choice' | 'free' | 'number' | 'language' | 'none';

/** One sentence or more, spoken in one language. */
export interface Segment {
  readonly text: string;
  readonly lang: Lang;
}

export interface VoicePrompt {
  /** The conversation's language (speech is recognized in it). */
  readonly lang: Lang;
  readonly state: string;
  readonly segments: readonly Segment[];
  /** Option ids; key N picks options[N-1] (in the language menu, LANGS order). */
  readonly options: readonly string[];
  readonly input: VoiceInput;
  /** Words the recognizer should favour. */
  readonly hints: readonly string[];
  /** The turn did not understand the caller (the voice layer counts these). */
  readonly notUnderstood: boolean;
  /** A free answer worth reading back before it is saved. */
  readonly readBack?: 'amount' | 'place';
  /** Index of the first segment that lists the options (to list them again without the rest). */
  readonly optionsAt: number;
}

export interface VoiceRenderDeps extends TextRenderDeps {
  /** True when the caller can hear this language (a <Say> voice, or synthesized audio). */
  readonly speakable: (lang: Lang) => boolean;
  /** Offer "press 1 to get these on WhatsApp" after recommendations. */
  readonly whatsapp: boolean;
}

/** The option that sends the spoken recommendations to WhatsApp. */
export const WHATSAPP_OPTION = 'whatsapp';

/** What each non-question state asks, for a re-ask after a miss. */
const STATE_PROMPT: Readonly<Record<string, string>> = {
  consent: 'consent.notice',
  declined: 'declined',
  summary: 'summary.confirm',
  editPick: 'edit.pick',
  recommendations: 'recs.footer',
  menu: 'menu',
  languageMenu: 'language.pick',
  confirmDelete: 'delete.confirm',
  privacy: 'privacy.retry',
};

const MAX_HINTS = 60;

/** Voice wording when a `voice.` variant exists (written to be heard), else the WhatsApp text. */
export function voiceMsg(deps: Pick<TextRenderDeps, 'messages'>, msg: Msg): Msg {
  const key = `voice.${msg.key}`;
  return deps.messages.has(key) ? { ...msg, key } : msg;
}

/** The language to speak in: the caller's own, or Hindi where no voice can speak it (Odia/Urdu offline). */
export function speakIn(deps: Pick<VoiceRenderDeps, 'speakable'>, lang: Lang): Lang {
  return deps.speakable(lang) ? lang : 'hi';
}

export function say(deps: VoiceRenderDeps, lang: Lang, msg: Msg): Segment {
  const spoken = speakIn(deps, lang);
  return { text: forSpeech(deps.messages.format(spoken, voiceMsg(deps, msg)), spoken), lang: spoken };
}

/** The language menu: every option in its own language, Odia/Urdu only where they can be heard. */
export function languageMenu(
  deps: Pick<VoiceRenderDeps, 'messages' | 'speakable'>,
  order: readonly Lang[] = LANGS,
): Segment[] {
  return order
    .filter((lang) => deps.speakable(lang))
    .map((lang) => ({
      text: deps.messages.format(lang, {
        key: 'voice.lang.option',
        params: { digit: LANGS.indexOf(lang) + 1 },
      }),
      lang,
    }));
}

function itemSegment(
  deps: VoiceRenderDeps,
  lang: Lang,
  reply: Extract<Reply, { type: 'item' }>,
): Segment | undefined {
  const item = deps.item(reply.itemId);
  if (!item) return undefined;
  const spoken = speakIn(deps, lang);
  const text = item.text[spoken] ?? item.text.en;
  const firstSentence = text.body.split(/(?<=[.?!।])\s/u)[0] ?? text.body;
  return { text: forSpeech(`${reply.rank}. ${text.title}.\n${firstSentence}`, spoken), lang: spoken };
}

function inputFor(
  state: string,
  deps: VoiceRenderDeps,
  options: readonly string[],
): Pick<VoicePrompt, 'input' | 'readBack'> {
  if (state === 'languageMenu') return { input: 'language' };
  const question = questionOfState(state, deps.flow);
  if (question) {
    const readBack =
      question.answer === 'amount' ? 'amount' : question.answer === 'place' ? 'place' : undefined;
    const input =
      question.choices.length > 0
        ? 'choice'
        : question.answer === 'years' || question.answer === 'count'
          ? 'number'
          : 'free';
    return readBack ? { input, readBack } : { input };
  }
  return { input: options.length > 0 ? 'choice' : 'none' };
}

function hintsFor(deps: VoiceRenderDeps, state: string, lang: Lang, choices: readonly Choice[]): string[] {
  const labels = choices.map((choice) =>
    normalizeText(forSpeech(deps.messages.format(lang, choice.label), lang)),
  );
  const words = (questionOfState(state, deps.flow)?.choices ?? []).flatMap(
    (choice) => choice.match?.[lang] ?? [],
  );
  return [...new Set([...labels, ...words].filter((hint) => hint !== ''))].slice(0, MAX_HINTS);
}

/** The prompt of one turn. */
export function renderVoice(deps: VoiceRenderDeps, outcome: TurnOutcome): VoicePrompt {
  const { lang, state } = outcome;
  const segments: Segment[] = [];
  let choices: readonly Choice[] | undefined;
  let notUnderstood = false;
  for (const reply of outcome.replies) {
    if (reply.type === 'text') {
      if (reply.msg.key.endsWith('.retry') || reply.msg.key === 'stuck') {
        notUnderstood = true;
        continue;
      }
      segments.push(say(deps, reply.lang ?? lang, reply.msg));
      if (reply.choices && reply.choices.length > 0) choices = reply.choices;
    } else if (reply.type === 'profile') {
      const spoken = speakIn(deps, lang);
      segments.push({
        text: forSpeech(renderProfile(deps, spoken, reply.profile, reply.name), spoken),
        lang: spoken,
      });
    } else {
      const segment = itemSegment(deps, lang, reply);
      if (segment) segments.push(segment);
    }
  }
  const question = questionOfState(state, deps.flow);
  if (notUnderstood) {
    segments.push(say(deps, lang, { key: 'voice.retry' }));
    const prompt = question?.prompt ?? STATE_PROMPT[state];
    if (prompt) segments.push(say(deps, lang, { key: prompt }));
  }
  choices ??=
    state === 'stopped' || state === 'erased' ? [] : choicesFor(state, { consent: 'granted' }, deps.flow);

  if (state === 'languageMenu') {
    const optionsAt = segments.length;
    segments.push(...languageMenu(deps));
    return {
      lang,
      state,
      segments,
      options: [...LANGS],
      input: 'language',
      hints: [],
      notUnderstood,
      optionsAt,
    };
  }
  const options = [
    ...(state === 'recommendations' && deps.whatsapp ? [WHATSAPP_OPTION] : []),
    ...choices.map((choice) => choice.id),
  ];
  const byId = new Map(choices.map((choice) => [choice.id, choice]));
  const optionsAt = segments.length;
  options.forEach((id, index) => {
    const digit = index + 1;
    const choice = byId.get(id);
    if (id === WHATSAPP_OPTION)
      segments.push(say(deps, lang, { key: 'voice.recs.whatsapp', params: { digit } }));
    else if (choice) {
      const spoken = speakIn(deps, lang);
      const label = forSpeech(deps.messages.format(spoken, choice.label), spoken).replace(/[.]$/, '');
      segments.push(say(deps, lang, { key: 'voice.press', params: { digit, label } }));
    }
  });
  const hints = hintsFor(deps, state, lang, choices);
  return {
    lang,
    state,
    segments,
    options,
    ...inputFor(state, deps, options),
    hints,
    notUnderstood,
    optionsAt,
  };
}

/** A prompt of one or more fixed messages (no dialogue turn behind it): goodbyes, read-backs, menus. */
export function simplePrompt(
  lang: Lang,
  segments: readonly Segment[],
  rest: Partial<VoicePrompt> = {},
): VoicePrompt {
  return {
    lang,
    state: 'voice',
    segments,
    options: [],
    input: 'none',
    hints: [],
    notUnderstood: false,
    optionsAt: segments.length,
    ...rest,
  };
}
