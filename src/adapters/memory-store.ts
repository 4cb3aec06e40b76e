// In-memory conversation store: the embedded default (nothing survives a restart), passing the same
// contract suite as the Redis store. Like Redis, it forgets a conversation after the retention period
// without a turn (measured on the injected clock).
import {
  statusRank,
  type CommitResult,
  type ConversationRecord,
  type ConversationStore,
  type Receipt,
  type StatusUpdate,
  type StoredConversation,
} from '../dialogue/store.js';

export interface MemoryStoreOptions {
  /** A conversation without a turn for this long is forgotten (0 = kept forever). */
  readonly retentionMs?: number;
  readonly clock?: () => Date;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const { retentionMs = 0, clock = () => new Date() } = options;
  const conversations = new Map<string, { record: string; version: number; expiresAt: number }>();
  const receipts = new Map<string, string>();
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
      const receipt = receipts.get(messageId);
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
        conversations.set(ownerId, { record: JSON.stringify(record), version: current + 1, expiresAt });
      }
      receipts.set(receipt.messageId, receipt.response);
      return Promise.resolve('ok');
    },
    receipt(messageId) {
      return Promise.resolve(receipts.get(messageId));
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
