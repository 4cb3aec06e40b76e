// In-memory lead store (embedded default and tests): the same contract as the Redis lead store.
import { leadOnceKey, type ErasureNotice, type Lead, type LeadStore } from '../campaigns/leads.js';

export function createMemoryLeadStore(): LeadStore {
  const leads = new Map<string, Lead>();
  const once = new Map<string, string>();
  const notices = new Map<string, ErasureNotice[]>();
  const copy = (lead: Lead): Lead => structuredClone(lead);
  return {
    add(lead) {
      const key = leadOnceKey(lead);
      const existing = leads.get(once.get(key) ?? '');
      if (existing) return Promise.resolve(copy(existing));
      leads.set(lead.id, copy(lead));
      once.set(key, lead.id);
      return Promise.resolve(copy(lead));
    },
    get(lenderId, leadId) {
      const found = leads.get(leadId);
      return Promise.resolve(found?.lenderId === lenderId ? copy(found) : undefined);
    },
    page(lenderId, after, limit) {
      const page = [...leads.values()]
        .filter((l) => l.lenderId === lenderId && l.id > after)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map(copy);
      return Promise.resolve(page);
    },
    deleteOf(ownerId, erasedAt, lenderId) {
      const gone = [...leads.values()].filter(
        (l) => l.ownerId === ownerId && (lenderId === undefined || l.lenderId === lenderId),
      );
      for (const lead of gone) {
        leads.delete(lead.id);
        once.delete(leadOnceKey(lead));
        notices.set(lead.lenderId, [...(notices.get(lead.lenderId) ?? []), { leadId: lead.id, erasedAt }]);
      }
      return Promise.resolve(gone.map((l) => ({ lenderId: l.lenderId, leadId: l.id, erasedAt })));
    },
    ofOwner(ownerId) {
      const owned = [...leads.values()]
        .filter((l) => l.ownerId === ownerId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(copy);
      return Promise.resolve(owned);
    },
    erasures(lenderId, since) {
      return Promise.resolve(
        (notices.get(lenderId) ?? []).filter((n) => n.erasedAt >= since).map((n) => ({ ...n })),
      );
    },
  };
}
