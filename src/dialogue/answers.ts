// Reads an owner's answer to one question: a numbered choice, a tapped button, or free words in any
// language. Returns the profile fields it fills, or undefined when it cannot tell (the question is re-asked).
import type { Lang } from '../language/langs.js';
import { normalizeDigits, parseAmount, parseCount, parseYears } from '../language/numbers.js';
import { getBusinessKind, matchBusinessKind, matchYesNo, normalizeText } from '../language/understand.js';
import { parsePin, parsePlace, stateFromLocation } from '../profile/places.js';
import { parseProfileFields, type Profile } from '../profile/profile.js';
import type { FlowChoice, Question } from './flow.js';

export interface AnswerInput {
  readonly text: string;
  readonly payload?: string | undefined;
  readonly location?: { readonly lat: number; readonly lng: number; readonly label?: string } | undefined;
}

/** Smallest amounts that make sense as an answer: below these, a bare number is read as a choice or rejected. */
const MIN_AMOUNT = 100;

/** Normalized match words per choice and language, computed once per flow question. */
const normalizedWords = new WeakMap<FlowChoice, Map<Lang, string[]>>();

function matchWords(choice: FlowChoice, lang: Lang): string[] {
  let byLang = normalizedWords.get(choice);
  if (!byLang) {
    byLang = new Map();
    normalizedWords.set(choice, byLang);
  }
  let words = byLang.get(lang);
  if (!words) {
    const raw = [...(choice.match?.[lang] ?? []), ...(lang === 'en' ? [] : (choice.match?.en ?? []))];
    words = raw.map((word) => normalizeText(word)).filter((word) => word !== '');
    byLang.set(lang, words);
  }
  return words;
}

/** The choice an input picks by button id, by its number, or by its words. */
export function pickChoice(question: Question, input: AnswerInput, lang: Lang): FlowChoice | undefined {
  const { choices } = question;
  if (input.payload !== undefined) return choices.find((choice) => choice.id === input.payload);
  const bare = normalizeDigits(input.text).trim().replace(/[.)]$/, '');
  if (/^\d{1,2}$/.test(bare)) return choices[Number(bare) - 1];
  const text = ` ${normalizeText(input.text)} `;
  if (text.trim() === '') return undefined;
  let best: { choice: FlowChoice; length: number } | undefined;
  for (const choice of choices) {
    for (const needle of matchWords(choice, lang)) {
      if (text.includes(` ${needle} `) && needle.length > (best?.length ?? 0)) {
        best = { choice, length: needle.length };
      }
    }
  }
  return best?.choice;
}

function fromChoice(question: Question, choice: FlowChoice): Profile | undefined {
  if (question.answer === 'businessKind') {
    const kind = typeof choice.value === 'string' ? getBusinessKind(choice.value) : undefined;
    return kind && { businessKind: kind.id, sector: kind.sector, subSector: kind.subSector };
  }
  return parseProfileFields({ [question.id]: choice.value });
}

function freeAnswer(question: Question, input: AnswerInput, lang: Lang, now: Date): Profile | undefined {
  const text = input.text;
  switch (question.answer) {
    case 'businessKind': {
      const kind = matchBusinessKind(text, lang);
      return kind ? { businessKind: kind.id, sector: kind.sector, subSector: kind.subSector } : undefined;
    }
    case 'place': {
      if (input.location) {
        const state = stateFromLocation(input.location.lat, input.location.lng);
        const location = { lat: input.location.lat, lng: input.location.lng };
        const label = input.location.label?.slice(0, 80);
        return state ? { state, location, ...(label ? { place: label } : {}) } : undefined;
      }
      const pin = parsePin(text);
      if (pin) return { pin: pin.pin, state: pin.state };
      const place = parsePlace(text);
      if (place) return { state: place.state, ...(place.place ? { place: place.place.slice(0, 80) } : {}) };
      return undefined;
    }
    case 'years': {
      const years = parseYears(text, now);
      return years === undefined ? undefined : { yearsInBusiness: years };
    }
    case 'count': {
      const count = parseCount(text);
      return count === undefined ? undefined : { workers: count };
    }
    case 'amount': {
      const amount = parseAmount(text);
      if (amount === undefined || amount < MIN_AMOUNT) return undefined;
      return { [question.id]: amount };
    }
    case 'yesno': {
      const answer = matchYesNo(text);
      return answer === undefined ? undefined : { [question.id]: answer === 'yes' };
    }
    case 'choice':
      return undefined;
  }
}

/** Fields the input fills for `question`, validated against the profile schema. */
export function parseAnswer(
  question: Question,
  input: AnswerInput,
  lang: Lang,
  now: Date,
): Profile | undefined {
  const numeric = question.answer === 'count' || question.answer === 'years';
  const bareNumber = /^\s*\d+\s*$/.test(normalizeDigits(input.text));
  const choice =
    numeric && bareNumber && input.payload === undefined ? undefined : pickChoice(question, input, lang);
  const fields = choice ? fromChoice(question, choice) : freeAnswer(question, input, lang, now);
  if (!fields) return undefined;
  return parseProfileFields(fields);
}
