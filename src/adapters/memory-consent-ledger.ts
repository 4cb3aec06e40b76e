// In-memory consent ledger (embedded default and tests): the same contract as the Redis adapter.
import { deriveConsent, type ConsentEntry, type ConsentLedger } from '../consent/ledger.js';

export function createMemoryConsentLedger(): ConsentLedger {
  const entries = new Map<string, ConsentEntry[]>();
  const suppressed = new Map<string, number>();
  const done = Promise.resolve();
  return {
    append(ownerId, entry) {
      entries.set(ownerId, [...(entries.get(ownerId) ?? []), entry]);
      return done;
    },
    history(ownerId) {
      return Promise.resolve([...(entries.get(ownerId) ?? [])]);
    },
    current(ownerId) {
      return Promise.resolve(deriveConsent(entries.get(ownerId) ?? []));
    },
    suppress(ownerId, at) {
      if (!suppressed.has(ownerId)) suppressed.set(ownerId, at);
      return done;
    },
    unsuppress(ownerId) {
      suppressed.delete(ownerId);
      return done;
    },
    isSuppressed(ownerId) {
      return Promise.resolve(suppressed.has(ownerId));
    },
    erase(ownerId) {
      entries.delete(ownerId);
      return done;
    },
  };
}
