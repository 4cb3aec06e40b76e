// The inbox port: every accepted inbound message is written down durably BEFORE its turn runs, and
// marked done once its answer has left (HTTP response handed over, or REST send). Whatever is not done
// after a grace period was interrupted by a crash: the recovery loop claims it (a lease, so two processes
// never handle one entry), replays the turn (idempotent by MessageSid) and sends the answer by REST.
// The same single write counts the sender's messages per minute (flood limit), so it costs no extra trip.
// Adapters: adapters/memory-inbox.ts, adapters/redis-inbox.ts.
import type { Begun } from './store.js';
import type { InboundEvent } from './types.js';

export interface InboxEntry {
  readonly ownerId: string;
  readonly inbound: InboundEvent;
  /** The address the owner wrote to (Twilio's `To`), so a recovered answer comes from the same number. */
  readonly replyFrom?: string;
}

/** A claimed entry: what to replay, and how many of its answer's messages were already sent by REST. */
export interface ClaimedEntry extends InboxEntry {
  readonly sent: number;
}

/**
 * `admitted`: recorded, go ahead. `flooded`: the first message over the limit this minute (answer it
 * once, politely); `muted`: any further one (answer nothing). Neither of the last two is recorded.
 */
export type Admission = 'admitted' | 'flooded' | 'muted';

export interface AdmitOptions {
  /** Epoch ms (the injected clock). */
  readonly now: number;
  /** Messages allowed per sender per clock minute. */
  readonly perMinute: number;
  /** When the entry becomes due for recovery if it is still not done (epoch ms). */
  readonly dueAt: number;
}

export interface ClaimOptions {
  readonly now: number;
  /** A claimed entry is not handed out again before now + leaseMs. */
  readonly leaseMs: number;
  readonly limit: number;
}

export interface Inbox {
  /** Counts the message against its sender's allowance and, within it, records the entry (one round trip). */
  admit(entry: InboxEntry, options: AdmitOptions): Promise<Admission>;
  /** The answer has left: forget the entry. Idempotent. */
  done(messageId: string): Promise<void>;
  /** Entries due (not done past their grace period), each leased to the caller. */
  claim(options: ClaimOptions): Promise<ClaimedEntry[]>;
  /** `sent` messages of the entry's answer have gone out by REST (so a retry sends only the rest). */
  progress(messageId: string, sent: number): Promise<void>;
  /** Entries not done yet (metrics, tests). */
  pending(): Promise<number>;
}

/**
 * `Inbox.admit` and, when the message is admitted, its turn's first read (`ConversationStore.begin` of
 * the entry's owner and message) in one round trip, in that order. Offered where the inbox and the
 * conversation store share a database (adapters/redis-turn-start.ts); elsewhere the two calls are made.
 * `begun` is there when admitted; a read that cannot be decoded rejects it (failing the turn, not the
 * admission).
 */
export type AdmitAndBegin = (
  entry: InboxEntry,
  options: AdmitOptions,
) => Promise<{
  readonly admission: Admission;
  readonly begun?: Promise<Begun>;
  /**
   * Where campaigns share the database too: the script also touched the owner's WhatsApp session window,
   * and this is the campaign that last reached the owner, if one did (the message is a reply to it).
   */
  readonly lastCampaign?: string;
}>;

/** Serializes an entry for storage (dates as epoch ms). */
export function encodeEntry(entry: InboxEntry): string {
  return JSON.stringify({
    ...entry,
    inbound: { ...entry.inbound, receivedAt: entry.inbound.receivedAt.getTime() },
  });
}

export function decodeEntry(json: string, sent: number): ClaimedEntry {
  const raw = JSON.parse(json) as InboxEntry & { inbound: InboundEvent & { receivedAt: number } };
  return { ...raw, inbound: { ...raw.inbound, receivedAt: new Date(raw.inbound.receivedAt) }, sent };
}

/** The flood counter's bucket: one per sender per clock minute. */
export function minuteBucket(now: number): number {
  return Math.floor(now / 60_000);
}
