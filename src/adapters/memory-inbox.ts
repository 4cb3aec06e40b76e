// In-memory inbox for the embedded default: the same flood limit and lease semantics as the Redis inbox
// (passes the same contract suite), though a crash loses it together with everything else in memory.
import {
  decodeEntry,
  encodeEntry,
  minuteBucket,
  type Admission,
  type ClaimedEntry,
  type Inbox,
} from '../dialogue/inbox.js';

export function createMemoryInbox(): Inbox {
  const entries = new Map<string, { json: string; dueAt: number; sent: number }>();
  const counters = new Map<string, number>();
  let counterMinute = -1;

  return {
    admit(entry, { now, perMinute, dueAt }): Promise<Admission> {
      const minute = minuteBucket(now);
      // Counters of past minutes are never read again.
      if (minute !== counterMinute) {
        counters.clear();
        counterMinute = minute;
      }
      const count = (counters.get(entry.ownerId) ?? 0) + 1;
      counters.set(entry.ownerId, count);
      if (count > perMinute) return Promise.resolve(count === perMinute + 1 ? 'flooded' : 'muted');
      if (!entries.has(entry.inbound.messageId))
        entries.set(entry.inbound.messageId, { json: encodeEntry(entry), dueAt, sent: 0 });
      return Promise.resolve('admitted');
    },
    done(messageId) {
      entries.delete(messageId);
      return Promise.resolve();
    },
    claim({ now, leaseMs, limit }) {
      const claimed: ClaimedEntry[] = [];
      const due = [...entries]
        .filter(([, entry]) => entry.dueAt <= now)
        .sort(([, a], [, b]) => a.dueAt - b.dueAt);
      for (const [, entry] of due.slice(0, limit)) {
        entry.dueAt = now + leaseMs;
        claimed.push(decodeEntry(entry.json, entry.sent));
      }
      return Promise.resolve(claimed);
    },
    progress(messageId, sent) {
      const entry = entries.get(messageId);
      if (entry) entry.sent = sent;
      return Promise.resolve();
    },
    pending() {
      return Promise.resolve(entries.size);
    },
  };
}
