// In-memory lender records (embedded default and tests); the logic is in campaigns/lenders.ts.
import type { Lender, LenderRecords, StoredKey } from '../campaigns/lenders.js';

export function createMemoryLenderRecords(): LenderRecords {
  const lenders = new Map<string, Lender>();
  const keys = new Map<string, StoredKey>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    putLender(lender) {
      lenders.set(lender.id, copy(lender));
      return Promise.resolve();
    },
    getLender(id) {
      const found = lenders.get(id);
      return Promise.resolve(found && copy(found));
    },
    lenders() {
      return Promise.resolve([...lenders.values()].map(copy));
    },
    putKey(key) {
      const lastUsedAt = keys.get(key.id)?.lastUsedAt;
      keys.set(key.id, copy(lastUsedAt === undefined ? key : { ...key, lastUsedAt }));
      return Promise.resolve();
    },
    getKey(id) {
      const found = keys.get(id);
      return Promise.resolve(found && copy(found));
    },
    keysOf(lenderId) {
      return Promise.resolve([...keys.values()].filter((k) => k.lenderId === lenderId).map(copy));
    },
    touchKey(id, at) {
      const found = keys.get(id);
      if (found) keys.set(id, { ...found, lastUsedAt: at });
      return Promise.resolve();
    },
  };
}
