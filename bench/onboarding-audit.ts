// The onboarding load bench's accounting, once the load is over and the server's inbox is drained: every
// message the server accepted must have had exactly one answer (its HTTP answer, or its committed answer
// sent by REST when the HTTP one was lost), and every owner's stored conversation and saved profile must
// hold the whole journey.
import type { Runtime } from '../src/main.js';
import { JOURNEY, type Attempt, type OwnerRecord } from './onboarding-owner.js';

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

/**
 * `restTo` lists the REST messages the fake Twilio API accepted for an owner, `receipt` the answer
 * committed for a message, `unsettled` the inbox entries still waiting for an answer.
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
    const answers = new Map<string, number>();
    for (const attempt of owner.attempts) answers.set(attempt.sid, attempt.via === 'none' ? 0 : 1);
    const matched = owner.attempts.filter((attempt) => attempt.via === 'rest').flatMap((a) => a.bodies);
    recoveredByRest += owner.attempts.filter((attempt) => attempt.via === 'rest').length;
    // REST messages beyond those matched to a lost HTTP answer: a late answer to a message typed again,
    // or a second answer to one already answered. Each is put down to the message whose receipt it is.
    const { left: extra, unmatched } = subtract(restTo(owner.from), matched);
    duplicated += unmatched;
    if (extra.length > 0) {
      const receipts = new Map<Attempt, readonly string[]>();
      for (const attempt of owner.attempts) {
        const bodies = await receipt(attempt.sid);
        if (bodies) receipts.set(attempt, bodies);
      }
      let rest = extra;
      for (const [attempt, bodies] of receipts) {
        while (bodies.length > 0 && bodies.every((body) => rest.includes(body))) {
          rest = subtract(rest, bodies).left;
          answers.set(attempt.sid, (answers.get(attempt.sid) ?? 0) + 1);
          if (attempt.via === 'none') recoveredByRest++;
        }
      }
      // REST messages that answer none of this owner's messages at all.
      duplicated += rest.length;
    }
    for (const attempt of owner.attempts) {
      const count = answers.get(attempt.sid) ?? 0;
      if (count > 1) duplicated++;
      // Unanswered and accepted: committed (a receipt) or still waiting in the inbox.
      else if (count === 0 && (unsettled.has(attempt.sid) || (await receipt(attempt.sid)) !== undefined))
        lost++;
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
  runtime: Runtime,
  owners: readonly OwnerRecord[],
  problems: string[],
): Promise<number> {
  let finished = 0;
  const note = (what: string) => void (problems.length < 10 && problems.push(what));
  for (const owner of owners) {
    const ownerId = runtime.engine.ownerId(owner.from);
    const stored = await runtime.store.load(ownerId);
    const saved = await runtime.profiles.get(ownerId);
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
  return finished;
}
