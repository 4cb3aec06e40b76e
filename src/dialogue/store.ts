// The conversation store port: one owner's persisted dialogue, a receipt per handled message (dedupe),
// and delivery statuses. Concurrency is optimistic: a commit names the version it read. Adapters: adapters/memory-store.ts, adapters/redis-store.ts.
import type { DialogueContext } from './types.js';

export interface ConversationRecord {
  readonly flow: { readonly id: string; readonly version: number };
  /** The machine's state value (a top-level state name). */
  readonly state: string;
  readonly context: DialogueContext;
  /** Epoch ms of the owner's last message. */
  readonly lastSeen: number;
}

export interface StoredConversation {
  readonly record: ConversationRecord;
  /** Monotonic version for optimistic concurrency; 0 means "no record". */
  readonly version: number;
}

/** What was answered to one inbound message, kept so a redelivery gets the same answer. */
export interface Receipt {
  readonly messageId: string;
  readonly response: string;
}

export const MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'receiving',
  'received',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'partially_delivered',
  'canceled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface StatusUpdate {
  readonly messageId: string;
  readonly status: MessageStatus;
  readonly errorCode?: string | undefined;
  readonly at: number;
}

export type CommitResult = 'ok' | 'conflict' | 'duplicate';

/**
 * The store cannot be reached right now (connection down, command timed out). Nothing was written by
 * the failed call; the caller answers "try again in a minute" and everything recovers once it is back.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}

/** What a turn reads first: the receipt of its message (if it was handled) and the conversation. */
export interface Begun {
  readonly receipt?: string;
  readonly conversation?: StoredConversation;
}

export interface ConversationStore {
  load(ownerId: string): Promise<StoredConversation | undefined>;
  /** What a turn needs first, in one round trip: the receipt of this message (if it was handled) and the conversation. */
  begin(ownerId: string, messageId: string): Promise<Begun>;
  /**
   * Atomically: if the stored version is still `expectedVersion` and the receipt is new, write `record`
   * (or erase the conversation when null) and the receipt.
   */
  commit(
    ownerId: string,
    expectedVersion: number,
    record: ConversationRecord | null,
    receipt: Receipt,
  ): Promise<CommitResult>;
  receipt(messageId: string): Promise<string | undefined>;
  /**
   * Retention: deletes up to `limit` conversations whose owner's last message (`lastSeen`) is before
   * `before` (epoch ms) and returns their owner ids. A conversation a turn moved past `before` meanwhile is
   * kept. Call again until fewer than `limit` come back.
   */
  sweepIdle(before: number, limit: number): Promise<string[]>;
  recordStatus(update: StatusUpdate): Promise<void>;
  status(messageId: string): Promise<StatusUpdate | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Order of message statuses: a callback may arrive late, and a later status never goes back to an earlier
 * one (`delivered` arriving after `read` keeps `read`). Failures are final unless the message was read.
 */
const RANK: Readonly<Record<MessageStatus, number>> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  receiving: 3,
  received: 3,
  partially_delivered: 4,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  canceled: 5,
  read: 6,
};

export function statusRank(status: MessageStatus): number {
  return RANK[status];
}

export const RECEIPT_TTL_SECONDS = 48 * 3600;

/** How long a message's delivery status is kept after its last update. */
export const STATUS_TTL_SECONDS = 30 * 24 * 3600;
