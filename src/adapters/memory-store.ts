// In-memory conversation store: the embedded default (nothing survives a restart), passing the same
// contract suite as the Redis store.
import {
  statusRank,
  type CommitResult,
  type ConversationRecord,
  type ConversationStore,
  type Receipt,
  type StatusUpdate,
  type StoredConversation,
} from '../dialogue/store.js';

export function createMemoryStore(): ConversationStore {
  const conversations = new Map<string, { record: string; version: number }>();
  const receipts = new Map<string, string>();
  const statuses = new Map<string, StatusUpdate>();

  const read = (ownerId: string): StoredConversation | undefined => {
    const found = conversations.get(ownerId);
    return found ? { record: JSON.parse(found.record) as ConversationRecord, version: found.version } : undefined;
  };

  return {
    load(ownerId) {
      return Promise.resolve(read(ownerId));
    },
    begin(ownerId, messageId) {
      const receipt = receipts.get(messageId);
      const conversation = read(ownerId);
      return Promise.resolve({ ...(receipt !== undefined ? { receipt } : {}), ...(conversation ? { conversation } : {}) });
    },
    commit(ownerId, expectedVersion, record, receipt: Receipt): Promise<CommitResult> {
      const current = conversations.get(ownerId)?.version ?? 0;
      if (current !== expectedVersion) return Promise.resolve('conflict');
      if (receipts.has(receipt.messageId)) return Promise.resolve('duplicate');
      if (record === null) conversations.delete(ownerId);
      else conversations.set(ownerId, { record: JSON.stringify(record), version: current + 1 });
      receipts.set(receipt.messageId, receipt.response);
      return Promise.resolve('ok');
    },
    receipt(messageId) {
      return Promise.resolve(receipts.get(messageId));
    },
    recordStatus(update) {
      const current = statuses.get(update.messageId);
      if (!current || statusRank(update.status) >= statusRank(current.status)) statuses.set(update.messageId, update);
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
