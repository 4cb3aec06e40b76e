// In-memory conversation store: the embedded default (nothing survives a restart) and the test double
// that passes the same contract suite as the Redis store.
import {
  BusyError,
  statusRank,
  type CommitResult,
  type ConversationRecord,
  type ConversationStore,
  type Receipt,
  type StatusUpdate,
  type StoredConversation,
} from '../dialogue/store.js';

export interface MemoryStoreOptions {
  /** How long a turn may wait for the owner's lock. */
  readonly lockWaitMs?: number;
}

export function createMemoryStore({ lockWaitMs = 10_000 }: MemoryStoreOptions = {}): ConversationStore {
  const conversations = new Map<string, { record: string; version: number }>();
  const receipts = new Map<string, string>();
  const statuses = new Map<string, StatusUpdate>();
  const locks = new Map<string, Promise<void>>();

  return {
    load(ownerId) {
      const found = conversations.get(ownerId);
      return Promise.resolve(
        found ? ({ record: JSON.parse(found.record) as ConversationRecord, version: found.version } satisfies StoredConversation) : undefined,
      );
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
    async withLock<T>(ownerId: string, task: () => Promise<T>): Promise<T> {
      const previous = locks.get(ownerId) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const chained = previous.then(() => mine);
      locks.set(ownerId, chained);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), lockWaitMs)));
      const won = await Promise.race([previous.then(() => 'ok' as const), timeout]);
      clearTimeout(timer);
      if (won === 'timeout') {
        void previous.then(release);
        throw new BusyError(`owner ${ownerId.slice(0, 6)}… is busy`);
      }
      try {
        return await task();
      } finally {
        release();
        if (locks.get(ownerId) === chained) locks.delete(ownerId);
      }
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
