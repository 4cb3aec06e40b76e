// Status callbacks of the fake Twilio REST API: form posts signed with X-Twilio-Signature exactly as
// Twilio signs them (HMAC-SHA1 of the callback URL + sorted params, with the auth token). They can be
// switched off, delayed, reversed (out of order) or duplicated, to test that statuses never move back.
import twilio from 'twilio';

export interface CallbackOptions {
  /** Default true. */
  readonly enabled?: boolean;
  /** Wait before each callback (default 0). */
  readonly delayMs?: number;
  /** `reversed` posts the last status first (e.g. read, delivered, sent). */
  readonly order?: 'in-order' | 'reversed';
  /** Post every callback twice. */
  readonly duplicate?: boolean;
}

export interface DeliveredCallback {
  /** The URL the callback was signed for (the StatusCallback given). */
  readonly url: string;
  /** Where it was actually posted (differs when `deliverCallbackTo` rewrites it). */
  readonly postedTo: string;
  readonly params: Readonly<Record<string, string>>;
  readonly signature: string;
  /** HTTP status of the app's answer; undefined when the post failed. */
  readonly httpStatus: number | undefined;
  readonly error?: string;
}

export interface CallbackPlan {
  readonly url: string;
  /** One params object per status, in Twilio's order. */
  readonly sequence: readonly Record<string, string>[];
}

export class CallbackPoster {
  options: Required<CallbackOptions>;
  readonly delivered: DeliveredCallback[] = [];
  #pending = 0;
  #idle: (() => void)[] = [];
  #timers = new Set<NodeJS.Timeout>();
  #closed = false;
  /** Bumped by cancel(): runs of an older generation stop and no longer count as pending. */
  #generation = 0;

  constructor(
    private readonly authToken: string,
    private readonly deliverTo: (url: string) => string,
    options: CallbackOptions = {},
  ) {
    this.options = { enabled: true, delayMs: 0, order: 'in-order', duplicate: false, ...options };
  }

  configure(options: CallbackOptions): void {
    this.options = { ...this.options, ...options };
  }

  schedule(plan: CallbackPlan): void {
    if (!this.options.enabled || this.#closed || plan.sequence.length === 0) return;
    const { order, duplicate, delayMs } = this.options;
    const ordered = order === 'reversed' ? [...plan.sequence].reverse() : plan.sequence;
    const posts = duplicate ? ordered.flatMap((params) => [params, params]) : ordered;
    this.#pending++;
    const generation = this.#generation;
    void this.#run(plan.url, posts, delayMs, generation).finally(() => {
      if (generation !== this.#generation) return;
      if (--this.#pending <= 0) for (const resolve of this.#idle.splice(0)) resolve();
    });
  }

  /** Drops every callback not yet posted. */
  cancel(): void {
    this.#generation++;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#pending = 0;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Resolves when every scheduled callback has been posted. */
  idle(): Promise<void> {
    return this.#pending <= 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  close(): void {
    this.#closed = true;
    this.cancel();
  }

  async #run(
    url: string,
    posts: readonly Record<string, string>[],
    delayMs: number,
    generation: number,
  ): Promise<void> {
    for (const params of posts) {
      if (delayMs > 0) await this.#sleep(delayMs);
      if (this.#closed || generation !== this.#generation) return;
      await this.#post(url, params);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  async #post(url: string, params: Record<string, string>): Promise<void> {
    const signature = twilio.getExpectedTwilioSignature(this.authToken, url, params);
    const postedTo = this.deliverTo(url);
    try {
      const response = await fetch(postedTo, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
          'User-Agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      this.delivered.push({ url, postedTo, params, signature, httpStatus: response.status });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.delivered.push({ url, postedTo, params, signature, httpStatus: undefined, error: reason });
    }
  }
}

/** Twilio's call status for each StatusCallbackEvent. */
const CALL_EVENT_STATUS: Readonly<Record<string, string>> = {
  initiated: 'initiated',
  ringing: 'ringing',
  answered: 'in-progress',
  completed: 'completed',
};

export interface MessageOutcome {
  readonly status: 'failed' | 'undelivered';
  readonly errorCode: number;
}

export function messageSequence(
  base: Record<string, string>,
  whatsapp: boolean,
  outcome: MessageOutcome | undefined,
): Record<string, string>[] {
  const step = (status: string, extra: Record<string, string> = {}) => ({
    ...base,
    MessageStatus: status,
    SmsStatus: status,
    ...extra,
  });
  if (outcome?.status === 'failed') return [step('failed', failure(outcome.errorCode))];
  if (outcome?.status === 'undelivered')
    return [step('sent'), step('undelivered', failure(outcome.errorCode))];
  if (!whatsapp) return [step('sent'), step('delivered')];
  return [step('sent'), step('delivered', { EventType: 'DELIVERED' }), step('read', { EventType: 'READ' })];
}

function failure(errorCode: number): Record<string, string> {
  return { ErrorCode: String(errorCode), ChannelStatusMessage: `Error ${errorCode}` };
}

export function callSequence(
  base: Record<string, string>,
  events: readonly string[],
): Record<string, string>[] {
  const wanted = events.length > 0 ? events : ['completed'];
  return wanted.flatMap((event, index) => {
    const status = CALL_EVENT_STATUS[event];
    if (status === undefined) return [];
    const extra: Record<string, string> = status === 'completed' ? { CallDuration: '42', Duration: '1' } : {};
    return [{ ...base, CallStatus: status, SequenceNumber: String(index), ...extra }];
  });
}
