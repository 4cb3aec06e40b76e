// The numbered choices each dialogue state offers, and the question order. Shared by the machine (to show
// them) and the interpreter (to read "2" or a tapped button), so both always agree.
import { LANGS } from '../language/langs.js';
import type { Profile, ProfileField } from '../profile/profile.js';
import { evaluate } from '../personalize/rules.js';
import type { Flow, Question } from './flow.js';
import type { Choice, DialogueContext } from './types.js';

export const MENU_CHOICES = [
  'continue',
  'profile',
  'edit',
  'recommendations',
  'language',
  'help',
  'privacy',
  'delete',
  'stop',
] as const;

/** Choices in the "what you have allowed" screen that withdraw sharing with one lender: `unshare:<lenderId>`. */
export const UNSHARE = 'unshare:';
export type MenuChoice = (typeof MENU_CHOICES)[number];

const yesNo = (yes: string, no: string): Choice[] => [
  { id: 'yes', label: { key: yes } },
  { id: 'no', label: { key: no } },
];

/** Choices shown in a state (question states use the flow's own choices). */
export function choicesFor(
  state: string,
  context: Pick<DialogueContext, 'consent' | 'marketing' | 'sharedWith'>,
  flow: Flow,
): Choice[] {
  const question = questionOfState(state, flow);
  if (question) return question.choices.map((choice) => ({ id: choice.id, label: { key: choice.label } }));
  switch (state) {
    case 'consent':
    case 'declined':
      return yesNo('choice.consent.yes', 'choice.consent.no');
    case 'summary':
      return [
        { id: 'yes', label: { key: 'choice.summary.yes' } },
        { id: 'edit', label: { key: 'choice.summary.edit' } },
      ];
    case 'editPick':
      return flow.questions.map((q) => ({ id: q.id, label: { key: `field.${q.id}` } }));
    case 'recommendations':
      return [
        { id: 'more', label: { key: 'choice.recs.more' } },
        { id: 'edit', label: { key: 'choice.recs.edit' } },
        { id: 'menu', label: { key: 'choice.recs.menu' } },
      ];
    case 'menu':
      return MENU_CHOICES.filter(
        (id) =>
          context.consent === 'granted' || !['profile', 'edit', 'recommendations', 'privacy'].includes(id),
      ).map((id) => ({ id, label: { key: `menu.${id}` } }));
    case 'privacy':
      return [
        context.marketing === true
          ? { id: 'marketing_off', label: { key: 'privacy.marketing_off' } }
          : { id: 'marketing_on', label: { key: 'privacy.marketing_on' } },
        ...(context.sharedWith ?? []).map((lender) => ({
          id: `${UNSHARE}${lender.id}`,
          label: { key: 'privacy.unshare', params: { lender: lender.name } },
        })),
        { id: 'delete', label: { key: 'menu.delete' } },
        { id: 'menu', label: { key: 'choice.recs.menu' } },
      ];
    case 'languageMenu':
      return LANGS.map((lang) => ({ id: lang, label: { key: `lang.${lang}` } }));
    case 'confirmDelete':
      return yesNo('choice.delete.yes', 'choice.delete.no');
    case 'marketingAsk':
    case 'shareConsent':
      return yesNo('choice.yes', 'choice.no');
    default:
      return [];
  }
}

export const questionState = (id: string): string => `q_${id}`;

export function questionOfState(state: string, flow: Flow): Question | undefined {
  if (!state.startsWith('q_')) return undefined;
  const id = state.slice(2);
  return flow.questions.find((q) => q.id === id);
}

/** Profile fields an answer to this question fills (a place fills PIN, state, place name and location). */
export function fieldsOf(question: Pick<Question, 'id' | 'answer'>): ProfileField[] {
  switch (question.answer) {
    case 'businessKind':
      return ['businessKind', 'sector', 'subSector'];
    case 'place':
      return ['pin', 'state', 'place', 'location'];
    default:
      return [question.id];
  }
}

export function isAnswered(question: Question, profile: Profile): boolean {
  return fieldsOf(question).some((field) => profile[field] !== undefined);
}

function applies(question: Question, profile: Profile): boolean {
  return question.when === undefined || evaluate(question.when, profile) === 'yes';
}

/** The first question that still needs an answer, or 'summary' when none does. */
export function nextStep(flow: Flow, context: Pick<DialogueContext, 'profile' | 'skipped'>): string {
  for (const question of flow.questions) {
    if (isAnswered(question, context.profile)) continue;
    if (context.skipped.includes(question.id)) continue;
    if (!applies(question, context.profile)) continue;
    return question.id;
  }
  return 'summary';
}
