// The shape of the fake Twilio REST API (see fake-twilio-rest.ts): its options, its records and the
// methods tests and benchmarks use to inject faults and wait for results.
import type { CallbackOptions, DeliveredCallback, MessageOutcome } from './fake-twilio-callbacks.js';
import type { Fault, Resource } from './fake-twilio-faults.js';
import type { AcceptedCall, AcceptedMessage } from './fake-twilio-resources.js';

export interface FakeTwilioRestOptions {
  readonly accountSid?: string;
  readonly authToken?: string;
  /** Delay before every answer (not for hangs and resets). */
  readonly latencyMs?: number;
  readonly callbacks?: CallbackOptions;
  /** Where a StatusCallback is really posted; it is still signed for the URL given (as behind a proxy). */
  readonly deliverCallbackTo?: (url: string) => string;
  /** False keeps only counters (no per-request records): for long benchmarks. Default true. */
  readonly keepRecords?: boolean;
  readonly clock?: () => Date;
}

export interface Attempt {
  readonly resource: Resource;
  readonly to: string;
  /** Every form field received (repeated fields: the first value). */
  readonly params: Readonly<Record<string, string>>;
  /** The HTTP status answered, or what happened instead. */
  readonly outcome: number | 'hang' | 'reset';
  readonly code: number | undefined;
  readonly sid: string | undefined;
}

export interface FakeTwilioRest {
  readonly url: string;
  readonly port: number;
  readonly accountSid: string;
  readonly authToken: string;
  readonly messages: readonly AcceptedMessage[];
  readonly calls: readonly AcceptedCall[];
  /** Every request that reached an account path, including rejected and failed ones. */
  readonly attempts: readonly Attempt[];
  readonly callbacks: readonly DeliveredCallback[];
  readonly totals: { readonly attempts: number; readonly messages: number; readonly calls: number };
  /** Accepted messages (or calls) to this `To`. */
  countFor(to: string, resource?: Resource): number;
  /** `To`s that were accepted more than once, with their counts. */
  duplicates(resource?: Resource): [to: string, count: number][];
  /** Requests to `to` fail with `fault` (`times` times, default always). */
  failFor(to: string, fault: Fault, options?: { times?: number; resource?: Resource }): void;
  /** The next `count` requests fail with `fault`. */
  failNext(count: number, fault: Fault, options?: { resource?: Resource }): void;
  /** Messages to `to` are accepted, then fail asynchronously (callbacks carry ErrorCode). */
  deliverAs(to: string, outcome: MessageOutcome): void;
  setLatency(ms: number): void;
  setCallbacks(options: CallbackOptions): void;
  /** Resolves when every scheduled status callback has been posted. */
  callbacksIdle(): Promise<void>;
  /** Polls until `predicate` returns a truthy value and resolves with it. */
  waitFor<T>(predicate: () => T | undefined | null | false, options?: { timeoutMs?: number }): Promise<T>;
  /** Forgets records, counters, faults, outcomes and pending callbacks; restores the starting options. */
  reset(): void;
  close(): Promise<void>;
}

/** Polls until `predicate` returns a truthy value and resolves with it. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
