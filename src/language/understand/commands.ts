// Commands ("menu", "band karo", "நிறுத்து"), yes / no answers, feedback on a tip or offer, and "none"
// answers to counts — each matched only when the whole message says it (plus polite filler words).
import { LANGS } from '../langs.js';
import { CoverMatcher } from './cover.js';
import {
  ANSWERS,
  COMMANDS,
  FEEDBACK,
  allWords,
  understandingData,
  type Command,
  type Feedback,
  type Lexicon,
  type WordLists,
  type YesNo,
} from './lexicon-data.js';

function entries<V extends string>(
  values: readonly V[],
  lists: Partial<Record<V, WordLists>>,
): [V, string][] {
  return values.flatMap((value) =>
    LANGS.flatMap((l) => (lists[value]?.[l] ?? []).map((w): [V, string] => [value, w])),
  );
}

interface Matchers {
  readonly command: CoverMatcher<Command>;
  readonly yesNo: CoverMatcher<YesNo>;
  readonly feedback: CoverMatcher<Feedback>;
  readonly none: CoverMatcher<'none'>;
}

let matchers: Matchers | undefined;

export function buildCommandMatchers(lexicon: Lexicon): Matchers {
  const answerFillers = allWords(lexicon.answerFillers);
  return {
    command: new CoverMatcher(entries(COMMANDS, lexicon.commands), allWords(lexicon.fillers)),
    yesNo: new CoverMatcher(entries(ANSWERS, lexicon.answers), answerFillers),
    feedback: new CoverMatcher(entries(FEEDBACK, lexicon.feedback), answerFillers),
    none: new CoverMatcher(
      allWords(lexicon.none).map((w): ['none', string] => ['none', w]),
      answerFillers,
    ),
  };
}

function commandMatchers(): Matchers {
  matchers ??= buildCommandMatchers(understandingData().lexicon);
  return matchers;
}

/** The command the message is, alone or with filler words ("STOP", "menu dikhao", "mera data delete karo"). */
export function matchCommand(text: string): Command | undefined {
  return commandMatchers().command.match(text);
}

/** A yes or no answer in any of the 12 languages, native or romanized, or 👍 / 👎. */
export function matchYesNo(text: string): YesNo | undefined {
  return commandMatchers().yesNo.match(text);
}

/** Feedback on a tip or offer: like, dislike, not for me, interested, or "why this?". */
export function matchFeedback(text: string): Feedback | undefined {
  return commandMatchers().feedback.match(text);
}

/** "Nobody" / "only me" answers to a count question ("koi nahi", "sirf main", "யாரும் இல்லை"). */
export function matchNone(text: string): boolean {
  return commandMatchers().none.match(text) === 'none';
}
