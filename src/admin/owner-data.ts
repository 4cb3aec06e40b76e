// Everything Saathi keeps about one owner, gathered from every store for the operator's export (the
// owner's right of access), and the operator-run erasure that removes it (the owner's right to erasure,
// the same set a chat DELETE removes). Only the STOP suppression survives erasure, by design.
import { randomUUID } from 'node:crypto';
import type { CampaignOwnerExport } from '../campaigns/owner-data.js';
import type { Lead, Leads } from '../campaigns/leads.js';
import type { ConsentEntry, ConsentLedger, CurrentConsent } from '../consent/ledger.js';
import type { ConversationStore } from '../dialogue/store.js';
import type { DialogueContext } from '../dialogue/types.js';
import type { FeedbackStore } from '../personalize/feedback-store.js';
import type { ProfileRecord, ProfileStore } from '../profile/store.js';

export interface OwnerDataSources {
  readonly store: ConversationStore;
  readonly profiles: ProfileStore;
  readonly ledger: ConsentLedger;
  readonly feedback: FeedbackStore;
  readonly leads: Leads;
  /** Campaign records (only with Redis). */
  readonly campaigns?: {
    ownerData(ownerId: string): Promise<CampaignOwnerExport>;
    eraseOwner(ownerId: string): Promise<unknown>;
  };
  readonly clock?: () => Date;
}

export interface OwnerExport {
  readonly ownerId: string;
  readonly exportedAt: string;
  readonly conversation: {
    readonly state: string;
    readonly version: number;
    readonly lastSeen: number;
    readonly flow: { readonly id: string; readonly version: number };
    readonly context: DialogueContext;
  } | null;
  readonly profile: ProfileRecord | null;
  readonly consent: {
    readonly history: readonly ConsentEntry[];
    readonly current: CurrentConsent;
    /** STOP is in force; this entry survives erasure. */
    readonly suppressed: boolean;
  };
  readonly feedback: { readonly dismissed: string[]; readonly seen: Readonly<Record<string, number>> };
  readonly leads: readonly Lead[];
  readonly campaigns: CampaignOwnerExport | null;
}

export async function exportOwner(sources: OwnerDataSources, ownerId: string): Promise<OwnerExport> {
  const { store, profiles, ledger, feedback, leads, campaigns, clock = () => new Date() } = sources;
  const [stored, profile, history, current, suppressed, dismissed, seen, owned, campaignData] =
    await Promise.all([
      store.load(ownerId),
      profiles.get(ownerId),
      ledger.history(ownerId),
      ledger.current(ownerId),
      ledger.isSuppressed(ownerId),
      feedback.dismissed(ownerId),
      feedback.seen(ownerId),
      leads.leadsOf(ownerId),
      campaigns?.ownerData(ownerId),
    ]);
  const record = stored?.record;
  return {
    ownerId,
    exportedAt: clock().toISOString(),
    conversation:
      record && stored
        ? {
            state: record.state,
            version: stored.version,
            lastSeen: record.lastSeen,
            flow: record.flow,
            context: record.context,
          }
        : null,
    profile: profile ?? null,
    consent: { history, current, suppressed },
    feedback: { dismissed, seen: Object.fromEntries(seen) },
    leads: owned,
    campaigns: campaignData ?? null,
  };
}

/** How often a conversation erasure retries when a turn commits in between. */
const ERASE_ATTEMPTS = 5;

/**
 * Erases the owner everywhere: the conversation (a null commit, like a chat DELETE), the profile, the
 * consent history (the suppression stays), feedback, leads (each lender gets an erasure notice) and
 * campaign records. Returns whether a conversation existed.
 */
export async function eraseOwner(sources: OwnerDataSources, ownerId: string): Promise<boolean> {
  const { store, profiles, ledger, feedback, leads, campaigns } = sources;
  let existed = false;
  for (let attempt = 0; ; attempt++) {
    const stored = await store.load(ownerId);
    if (!stored) break;
    existed = true;
    const result = await store.commit(ownerId, stored.version, null, {
      messageId: `admin-erase-${randomUUID()}`,
      response: '',
    });
    if (result !== 'conflict') break;
    if (attempt + 1 >= ERASE_ATTEMPTS) throw new Error('the conversation kept changing; erase again');
  }
  await Promise.all([
    profiles.delete(ownerId),
    ledger.erase(ownerId),
    feedback.forget(ownerId),
    leads.deleteLeadsOf(ownerId),
    campaigns?.eraseOwner(ownerId),
  ]);
  return existed;
}
