// Turns one inbound message into one dialogue event for the state the conversation is in. Pure: the
// same message in the same state always means the same thing.
import { isLang, type Lang } from '../language/langs.js';
import { normalizeDigits } from '../language/numbers.js';
import {
  matchCommand,
  matchFeedback,
  matchLanguageRequest,
  matchYesNo,
  normalizeText,
  type Command,
} from '../language/understand.js';
import { parseAnswer, type AnswerInput } from './answers.js';
import { choicesFor, questionOfState } from './choices.js';
import type { Flow } from './flow.js';
import type { DialogueContext, DialogueEvent } from './types.js';

export interface InterpretInput extends AnswerInput {
  readonly profileName?: string | undefined;
}

const NUMERIC_ANSWERS: readonly string[] = ['count', 'years', 'amount'];

/** Choice labels, normalized, per label function, language and key (labels are fixed text). */
const labelCache = new WeakMap<(lang: Lang, key: string) => string, Map<string, string>>();

function normalizedLabel(labelOf: (lang: Lang, key: string) => string, lang: Lang, key: string): string {
  let cache = labelCache.get(labelOf);
  if (!cache) {
    cache = new Map();
    labelCache.set(labelOf, cache);
  }
  const cacheKey = `${lang}\u0000${key}`;
  let label = cache.get(cacheKey);
  if (label === undefined) {
    label = normalizeText(labelOf(lang, key));
    cache.set(cacheKey, label);
  }
  return label;
}

/** Button payloads that carry a command, e.g. `cmd:menu`. */
const COMMAND_PAYLOAD = /^cmd:([a-z]+)$/;

export function interpret(
  state: string,
  context: DialogueContext,
  input: InterpretInput,
  flow: Flow,
  now: Date,
  labelOf: (lang: Lang, key: string) => string = () => '',
): DialogueEvent {
  const base = input.profileName ? { profileName: input.profileName } : {};
  const payloadCommand = input.payload?.match(COMMAND_PAYLOAD)?.[1];
  const command: Command | undefined = payloadCommand
    ? (payloadCommand as Command)
    : input.payload === undefined
      ? matchCommand(input.text)
      : undefined;

  if (state === 'new') {
    if (command === 'stop') return { type: 'CMD.stop', ...base };
    const lang = input.payload === undefined ? matchLanguageRequest(input.text) : undefined;
    return lang ? { type: 'SET_LANG', lang, ...base } : { type: 'HELLO', ...base };
  }

  if (state === 'languageMenu') {
    const lang =
      input.payload !== undefined
        ? isLang(input.payload)
          ? input.payload
          : undefined
        : matchLanguageRequest(input.text);
    if (lang) return { type: 'CHOOSE', id: lang, ...base };
  } else if (input.payload === undefined) {
    const lang = matchLanguageRequest(input.text);
    if (lang) return { type: 'SET_LANG', lang, ...base };
  }
  if (command) return { type: `CMD.${command}`, ...base };

  const question = questionOfState(state, flow);
  const bareText = normalizeDigits(input.text).trim();
  // "0" opens the menu wherever zero is not itself an answer (workers, years, amounts).
  if (
    bareText === '0' &&
    input.payload === undefined &&
    !(question && NUMERIC_ANSWERS.includes(question.answer))
  ) {
    return { type: 'CMD.menu', ...base };
  }
  if (question) {
    const fields = parseAnswer(question, input, context.lang, now);
    return fields ? { type: 'ANSWER', fields, ...base } : { type: 'UNCLEAR', ...base };
  }

  if (state === 'recommendations' && input.payload === undefined) {
    const feedback = readFeedback(input.text);
    if (feedback) return { type: 'FEEDBACK', ...feedback, ...base };
    const replyTo = replyAbout(input.text, context);
    if (replyTo !== undefined) return { type: 'FEEDBACK', kind: 'why', rank: replyTo, reply: true, ...base };
  }

  const choices = choicesFor(state, context, flow);
  if (input.payload !== undefined) {
    const chosen = choices.find((choice) => choice.id === input.payload);
    return chosen ? { type: 'CHOOSE', id: chosen.id, ...base } : { type: 'UNCLEAR', ...base };
  }
  const bare = normalizeDigits(input.text).trim().replace(/[.)]$/, '');
  if (/^\d{1,2}$/.test(bare)) {
    const chosen = choices[Number(bare) - 1];
    return chosen ? { type: 'CHOOSE', id: chosen.id, ...base } : { type: 'UNCLEAR', ...base };
  }
  const yesNo = matchYesNo(input.text);
  if (yesNo) {
    const ids = choices.map((choice) => choice.id);
    if (ids.includes(yesNo)) return { type: 'CHOOSE', id: yesNo, ...base };
    if (yesNo === 'no' && ids.includes('edit')) return { type: 'CHOOSE', id: 'edit', ...base };
  }
  const text = normalizeText(input.text);
  const byLabel =
    text === ''
      ? undefined
      : choices.find((choice) => normalizedLabel(labelOf, context.lang, choice.label.key) === text);
  return byLabel ? { type: 'CHOOSE', id: byLabel.id, ...base } : { type: 'UNCLEAR', ...base };
}

/**
 * Feedback on a shown item, with the item's number when one is given: "why 2", "2 👍", "interested in
 * 1", "mere liye nahi 3". A bare number is not feedback (it picks a numbered choice).
 */
export function readFeedback(
  text: string,
): { kind: NonNullable<ReturnType<typeof matchFeedback>>; rank?: number } | undefined {
  const digits = normalizeDigits(text);
  const numbers = digits.match(/\d+/gu) ?? [];
  // "interested in 1", "why no. 2": the word that joins the feedback to the number is not part of it.
  const rest = digits
    .replace(/#?\d+[.)]?/gu, ' ')
    .trim()
    .replace(/\s+(?:in|on|for|about|no\.?|number)$/iu, '')
    .trim();
  if (rest === '' || numbers.length > 1) return undefined;
  const kind = matchFeedback(rest);
  if (!kind) return undefined;
  const rank = numbers[0] === undefined ? undefined : Number(numbers[0]);
  return rank === undefined ? { kind } : { kind, rank };
}

/**
 * A free reply that names exactly one of the items on the page by its number ("2 - how do I apply?",
 * "number 3 looks good"): the item's rank, or undefined. A bare number picks a choice instead.
 */
export function replyAbout(text: string, context: Pick<DialogueContext, 'shown'>): number | undefined {
  const digits = normalizeDigits(text);
  const words = digits.match(/\p{L}+/gu) ?? [];
  const numbers = [...new Set(digits.match(/\d+/gu) ?? [])];
  if (words.length < 2 || numbers.length !== 1) return undefined;
  const rank = Number(numbers[0]);
  return context.shown?.some((item) => item.rank === rank) ? rank : undefined;
}
