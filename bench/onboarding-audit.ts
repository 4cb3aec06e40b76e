// The onboarding load bench's accounting, once the load is over and the server's inbox is drained: every
// message the server accepted must have had exactly one answer (its HTTP answer, or its committed answer
// sent by REST when the HTTP one was lost), and every owner's stored conversation and saved profile must
// hold the whole journey.
import { JOURNEY, type Attempt, type OwnerRecord } from './onboarding-owner.js';
import type { Reader } from './onboarding-reader.js';

export interface Accounting {
  /** Accepted messages that got no answer at all. */
  readonly lost: number;
  /** Messages answered more than once. */
  readonly duplicated: number;
  /** Messages whose answer came by REST (the recovery loop), from the fake Twilio API's records. */
  readonly recoveredByRest: number;
}

/** Removes one occurrence of each of `taken` from `all`; what cannot be matched is returned in `unmatched`. */
function subtract(all: readonly string[], taken: readonly string[]): { left: string[]; unmatched: number } {
  const left = [...all];
  let unmatched = 0;
  for (const body of taken) {
    const at = left.indexOf(body);
    if (at < 0) unmatched++;
    else left.splice(at, 1);
  }
  return { left, unmatched };
}

/** Verdicts that are not the turn's answer: the owner is asked to write again. */
const NOT_THE_ANSWER = new Set(['unavailable', 'failure', 'empty']);

/**
 * `restTo` lists the REST messages the fake Twilio API accepted for an owner, `receipt` the answer
 * committed for a message, `unsettled` the inbox entries still waiting for an answer. A message counts as
 * accepted when its turn was committed (it has a receipt) or it still waits in the inbox. It is lost when
 * its committed answer never reached the owner — also when the owner was told "try again" although the
 * turn had in fact been saved — and duplicated when it got more than one reply (its answer twice, or
 * "try again" and later its answer by REST).
 */
export async function account(
  owners: readonly OwnerRecord[],
  restTo: (from: string) => readonly string[],
  receipt: (sid: string) => Promise<readonly string[] | undefined>,
  unsettled: ReadonlySet<string>,
): Promise<Accounting> {
  let lost = 0;
  let duplicated = 0;
  let recoveredByRest = 0;
  for (const owner of owners) {
    /** Replies of any kind to each message, and how many of them were its committed answer. */
    const replies = new Map<string, number>();
    const answers = new Map<string, number>();
    for (const { sid, via, verdict } of owner.attempts) {
      replies.set(sid, via === 'none' ? 0 : 1);
      answers.set(sid, via !== 'none' && !NOT_THE_ANSWER.has(verdict ?? 'empty') ? 1 : 0);
    }
    const byRest = owner.attempts.filter((attempt) => attempt.via === 'rest');
    recoveredByRest += byRest.length;
    // REST messages beyond those matched to a lost HTTP answer: a late answer to a message typed again,
    // or a second answer to one already answered. Each is put down to the message whose receipt it is.
    const { left: extra, unmatched } = subtract(
      restTo(owner.from),
      byRest.flatMap((attempt) => attempt.bodies),
    );
    duplicated += unmatched;
    const receipts = new Map<Attempt, readonly string[]>();
    for (const attempt of owner.attempts) {
      if (extra.length === 0 && answers.get(attempt.sid) === 1) continue;
      const bodies = await receipt(attempt.sid);
      if (bodies) receipts.set(attempt, bodies);
    }
    let rest = extra;
    for (const [{ sid, via }, bodies] of receipts) {
      while (rest.length > 0 && bodies.length > 0 && bodies.every((body) => rest.includes(body))) {
        rest = subtract(rest, bodies).left;
        replies.set(sid, (replies.get(sid) ?? 0) + 1);
        answers.set(sid, (answers.get(sid) ?? 0) + 1);
        if (via !== 'rest') recoveredByRest++;
      }
    }
    // REST messages that answer none of this owner's messages at all.
    duplicated += rest.length;
    for (const attempt of owner.attempts) {
      const accepted = receipts.has(attempt) || unsettled.has(attempt.sid) || answers.get(attempt.sid) === 1;
      if (!accepted) continue;
      if ((replies.get(attempt.sid) ?? 0) > 1) duplicated++;
      else if ((answers.get(attempt.sid) ?? 0) === 0) lost++;
    }
  }
  return { lost, duplicated, recoveredByRest };
}

const EXPECTED_PROFILE = {
  businessKind: 'kirana',
  state: 'UP',
  yearsInBusiness: 6,
  monthlySales: 250000,
  workers: 3,
  udyam: false,
  gst: true,
  need: 'machinery',
  amount: 300000,
} as const;

/**
 * Owners whose conversation reached the recommendations with exactly one applied turn per journey
 * message, every answer in it, and whose saved profile has them too. Failures are described in `problems`.
 */
export async function finishedOwners(
  reader: Reader,
  owners: readonly OwnerRecord[],
  problems: string[],
): Promise<number> {
  let finished = 0;
  let unfinished = 0;
  const note = (what: string) => void (unfinished++ < 10 && problems.push(what));
  for (const owner of owners) {
    const ownerId = reader.ownerId(owner.from);
    const stored = await reader.store.load(ownerId);
    const saved = await reader.profiles.get(ownerId);
    const answers: Record<string, unknown> = { ...stored?.record.context.profile };
    const missing = Object.entries(EXPECTED_PROFILE).filter(([key, value]) => answers[key] !== value);
    const savedAnswers: Record<string, unknown> = { ...saved?.profile };
    const missingSaved = Object.entries(EXPECTED_PROFILE).filter(
      ([key, value]) => savedAnswers[key] !== value,
    );
    if (owner.completed !== JOURNEY.length)
      note(`${owner.from}: journey stopped after ${owner.completed} steps`);
    else if (stored?.record.state !== 'recommendations') note(`${owner.from}: state ${stored?.record.state}`);
    else if (stored.version !== JOURNEY.length) note(`${owner.from}: ${stored.version} turns applied`);
    else if (missing.length > 0)
      note(`${owner.from}: conversation lacks ${missing.map(([key]) => key).join(', ')}`);
    else if (missingSaved.length > 0 || saved?.marketingConsent !== false || saved.lang !== 'en')
      note(
        `${owner.from}: saved profile lacks ${missingSaved.map(([key]) => key).join(', ') || 'consent/lang'}`,
      );
    else finished++;
  }
  if (unfinished > 10) problems.push(`… and ${unfinished - 10} more owners not finished`);
  return finished;
}
