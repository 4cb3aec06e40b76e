// In-memory conversation store: the embedded default (nothing survives a restart), passing the same
// contract suite as the Redis store. Like Redis, it forgets a conversation after the backstop period
// without a turn, and the retention sweep deletes idle ones (both on the injected clock). The sweep also
// drops receipts and statuses as old as Redis would have expired them, so a long-running process does not
// keep every answer.
import {
  RECEIPT_TTL_SECONDS,
  STATUS_TTL_SECONDS,
  statusRank,
  type CommitResult,
  type ConversationRecord,
  type ConversationStore,
  type Receipt,
  type StatusUpdate,
  type StoredConversation,
} from '../dialogue/store.js';

export interface MemoryStoreOptions {
  /** Backstop: a conversation without a turn for this long is forgotten (0 = kept until swept). */
  readonly retentionMs?: number;
  readonly clock?: () => Date;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const { retentionMs = 0, clock = () => new Date() } = options;
  const conversations = new Map<
    string,
    { record: string; version: number; expiresAt: number; lastSeen: number }
  >();
  const receipts = new Map<string, { response: string; at: number }>();
  const statuses = new Map<string, StatusUpdate>();

  const read = (ownerId: string): StoredConversation | undefined => {
    const found = conversations.get(ownerId);
    if (found && found.expiresAt <= clock().getTime()) {
      conversations.delete(ownerId);
      return undefined;
    }
    return found
      ? { record: JSON.parse(found.record) as ConversationRecord, version: found.version }
      : undefined;
  };

  return {
    load(ownerId) {
      return Promise.resolve(read(ownerId));
    },
    begin(ownerId, messageId) {
      const receipt = receipts.get(messageId)?.response;
      const conversation = read(ownerId);
      return Promise.resolve({
        ...(receipt !== undefined ? { receipt } : {}),
        ...(conversation ? { conversation } : {}),
      });
    },
    commit(ownerId, expectedVersion, record, receipt: Receipt): Promise<CommitResult> {
      const current = read(ownerId)?.version ?? 0;
      if (current !== expectedVersion) return Promise.resolve('conflict');
      if (receipts.has(receipt.messageId)) return Promise.resolve('duplicate');
      if (record === null) conversations.delete(ownerId);
      else {
        const expiresAt = retentionMs > 0 ? clock().getTime() + retentionMs : Number.POSITIVE_INFINITY;
        conversations.set(ownerId, {
          record: JSON.stringify(record),
          version: current + 1,
          expiresAt,
          lastSeen: record.lastSeen,
        });
      }
      receipts.set(receipt.messageId, { response: receipt.response, at: clock().getTime() });
      return Promise.resolve('ok');
    },
    receipt(messageId) {
      return Promise.resolve(receipts.get(messageId)?.response);
    },
    sweepIdle(before, limit) {
      const now = clock().getTime();
      for (const [messageId, { at }] of receipts)
        if (at <= now - RECEIPT_TTL_SECONDS * 1000) receipts.delete(messageId);
      for (const [messageId, { at }] of statuses)
        if (at <= now - STATUS_TTL_SECONDS * 1000) statuses.delete(messageId);
      const removed: string[] = [];
      for (const [ownerId, { lastSeen }] of conversations) {
        if (removed.length >= limit) break;
        if (lastSeen >= before) continue;
        conversations.delete(ownerId);
        removed.push(ownerId);
      }
      return Promise.resolve(removed);
    },
    recordStatus(update) {
      const current = statuses.get(update.messageId);
      if (!current || statusRank(update.status) >= statusRank(current.status))
        statuses.set(update.messageId, update);
      return Promise.resolve();
    },
    status(messageId) {
      return Promise.resolve(statuses.get(messageId));
    },
    ping() {
      return Promise.resolve();
    },
    close() {
      return Promise.resolve();
    },
  };
}
