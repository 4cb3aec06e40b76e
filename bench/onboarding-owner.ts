// One simulated owner of the onboarding load bench: types the whole English journey, one message after
// another, each waiting for its answer, as Twilio would deliver it (a signed webhook over a keep-alive
// connection, given up after Twilio's timeout). "Try again in a minute" is typed again with a new
// MessageSid after a short wait, as a person does; a webhook that got no answer is followed up in Redis:
// accepted ones must be answered by REST (the recovery loop), unaccepted ones are typed again.
import { request as httpRequest, type Agent } from 'node:http';
import { messagesOf, inboundForm, messageSid, sign } from '../tests/support/whatsapp.js';

/** The journey and, for each message, the English texts its answer must contain (locale keys). */
export const JOURNEY: readonly { readonly text: string; readonly expect: readonly string[] }[] = [
  { text: 'Hello', expect: ['consent.notice'] },
  { text: 'yes', expect: ['q.businessKind'] },
  { text: 'I run a grocery shop', expect: ['q.location'] },
  { text: 'Lucknow', expect: ['q.years'] },
  { text: '6 years', expect: ['q.sales'] },
  { text: 'about 2.5 lakh a month', expect: ['q.workers'] },
  { text: '3', expect: ['q.udyam'] },
  { text: 'no', expect: ['q.gst'] },
  { text: 'yes', expect: ['q.need'] },
  { text: 'I need a new machine', expect: ['q.amount'] },
  { text: '3 lakh', expect: ['summary.confirm'] },
  { text: 'yes', expect: ['marketing.ask'] },
  { text: 'no', expect: ['marketing.no', 'recs.intro'] },
];

export type Verdict = 'ok' | 'unavailable' | 'failure' | 'empty' | 'unexpected';

/** One webhook: answered over HTTP, answered by REST after the HTTP answer was lost, or never. */
export interface Attempt {
  readonly sid: string;
  readonly step: number;
  readonly via: 'http' | 'rest' | 'none';
  readonly bodies: readonly string[];
  readonly verdict?: Verdict;
}

export interface OwnerRecord {
  readonly from: string;
  readonly attempts: Attempt[];
  /** REST messages to this owner already matched to an attempt. */
  restSeen: number;
  /** Journey steps answered as expected. */
  completed: number;
}

export interface PhaseStats {
  messages: number;
  errors: number;
  retried: number;
  /** Messages that never got into the server (the connection failed first), typed again. */
  retyped: number;
  readonly latencies: number[];
  /** Errors by kind, with one example of each. */
  readonly errorKinds: Map<string, { count: number; example: string }>;
}

export interface OwnerContext {
  readonly serverUrl: string;
  /** The URL Twilio signs (PUBLIC_BASE_URL + path). */
  readonly signedUrl: string;
  readonly authToken: string;
  readonly agent: Agent;
  /** Twilio gives up on a webhook after this long; the answer is then lost. */
  readonly timeoutMs: number;
  /** How long to wait for a REST answer to a webhook whose answer was lost. */
  readonly restWaitMs: number;
  /** "Try again in a minute" counts as a retry (outage phase) rather than an error. */
  readonly toleratesUnavailable: boolean;
  readonly judge: (bodies: readonly string[], step: number) => Verdict;
  /** The answer committed for a message (its receipt), undefined when none; throws while Redis is away. */
  readonly receipt: (sid: string) => Promise<readonly string[] | undefined>;
  /** Whether the server's inbox holds the message (accepted, not yet answered); throws while Redis is away. */
  readonly pending: (sid: string) => Promise<boolean>;
  readonly restTo: (from: string) => readonly string[];
  readonly stats: PhaseStats;
  readonly onSend?: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_TRIES_PER_STEP = 60;

type Posted =
  { readonly status: number; readonly type: string; readonly text: string } | { readonly failed: string };

function post(ctx: OwnerContext, form: Record<string, string>): Promise<Posted> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve) => {
    const req = httpRequest(
      `${ctx.serverUrl}/twilio/whatsapp`,
      {
        method: 'POST',
        agent: ctx.agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-twilio-signature': sign(ctx.authToken, ctx.signedUrl, form),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => resolve({ failed: error.message }));
      },
    );
    req.setTimeout(ctx.timeoutMs, () => req.destroy(new Error(`no answer within ${ctx.timeoutMs} ms`)));
    req.on('error', (error) => resolve({ failed: error.message }));
    req.end(body);
  });
}

function noteError(ctx: OwnerContext, kind: string, example: string): void {
  ctx.stats.errors++;
  const seen = ctx.stats.errorKinds.get(kind);
  if (seen) seen.count++;
  else ctx.stats.errorKinds.set(kind, { count: 1, example: example.replace(/\s+/g, ' ').slice(0, 200) });
}

/**
 * After a webhook got no answer: waits until the server's records tell what happened. Accepted and
 * committed → its answer must arrive by REST; neither in the inbox nor committed → it never got in.
 */
async function followUp(
  ctx: OwnerContext,
  owner: OwnerRecord,
  sid: string,
): Promise<{ readonly bodies: readonly string[] } | 'not accepted' | 'unanswered'> {
  const deadline = performance.now() + ctx.restWaitMs;
  let absentSince: number | undefined;
  while (performance.now() < deadline) {
    try {
      const expected = await ctx.receipt(sid);
      if (expected !== undefined) {
        const rest = ctx.restTo(owner.from);
        if (rest.length >= owner.restSeen + expected.length) {
          const bodies = rest.slice(owner.restSeen, owner.restSeen + expected.length);
          owner.restSeen += expected.length;
          return { bodies };
        }
        absentSince = undefined;
      } else if (await ctx.pending(sid)) absentSince = undefined;
      // The request may still be on its way through the server: "never got in" only once that is settled.
      else if ((absentSince ??= performance.now()) < performance.now() - 3000) return 'not accepted';
    } catch {
      absentSince = undefined; // Redis away: ask again later
    }
    await sleep(100);
  }
  return 'unanswered';
}

/** Types one journey step until it is answered (or the journey breaks); false when the owner gives up. */
async function step(ctx: OwnerContext, owner: OwnerRecord, index: number): Promise<boolean> {
  const { text } = JOURNEY[index]!;
  for (let tries = 0; tries < MAX_TRIES_PER_STEP; tries++) {
    const sid = messageSid();
    const form = inboundForm({ from: owner.from, body: text, sid, profileName: 'Ramesh' });
    ctx.stats.messages++;
    ctx.onSend?.();
    const started = performance.now();
    const posted = await post(ctx, form);
    const record = (via: Attempt['via'], bodies: readonly string[]) => {
      const verdict = via === 'none' ? undefined : ctx.judge(bodies, index);
      owner.attempts.push({ sid, step: index, via, bodies, ...(verdict ? { verdict } : {}) });
    };
    if (!('failed' in posted)) {
      ctx.stats.latencies.push(performance.now() - started);
      if (posted.status !== 200 || !posted.type.startsWith('text/xml')) {
        record('none', []);
        noteError(ctx, `HTTP ${posted.status}`, `${posted.type}: ${posted.text}`);
        await sleep(300 + Math.random() * 300);
        continue;
      }
    }
    const heard = 'failed' in posted ? [] : messagesOf(posted.text);
    if (heard.length > 0) record('http', heard);
    else {
      // No answer in the webhook (it failed, or came back empty): accepted messages are answered by REST.
      const outcome = await followUp(ctx, owner, sid);
      if (outcome === 'unanswered') {
        record('none', []);
        const why = 'failed' in posted ? 'no HTTP answer' : 'empty answer';
        noteError(
          ctx,
          `${why}, and no REST answer followed`,
          `${sid} ${'failed' in posted ? posted.failed : ''}`,
        );
        return false;
      }
      if (outcome === 'not accepted') {
        record('none', []);
        if ('failed' in posted) ctx.stats.retyped++;
        else noteError(ctx, 'empty answer, and the message was not accepted', sid);
        await sleep(300 + Math.random() * 300);
        continue;
      }
      record('rest', outcome.bodies);
    }
    const bodies = owner.attempts.at(-1)!.bodies;
    const verdict = owner.attempts.at(-1)!.verdict!;
    if (verdict === 'ok') return true;
    if (verdict === 'unavailable' && ctx.toleratesUnavailable) ctx.stats.retried++;
    else noteError(ctx, `step ${index + 1} "${text}": ${verdict} answer`, bodies.join(' | '));
    // The conversation went somewhere else: this owner's journey is broken, do not pile errors on it.
    if (verdict === 'unexpected') return false;
    await sleep(300 + Math.random() * 300);
  }
  noteError(ctx, `step ${index + 1} still unanswered after ${MAX_TRIES_PER_STEP} tries`, owner.from);
  return false;
}

/** The whole journey for one owner. */
export async function runOwner(ctx: OwnerContext, owner: OwnerRecord): Promise<void> {
  for (let index = 0; index < JOURNEY.length; index++) {
    if (!(await step(ctx, owner, index))) return;
    owner.completed++;
  }
}
