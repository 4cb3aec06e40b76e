// The campaign store port: campaign definitions and their state, live counters, and one delivery record
// per (campaign, owner) that makes sending exactly-once: `queued` → `sending` (with a lease) → `sent` with
// the provider's sid, or a final `skipped`/`failed`/`unknown`. The Redis adapter does every transition in
// one Lua script, so counters never drift from the records they count.
import type { MessageStatus } from '../dialogue/store.js';
import type { Campaign, CampaignState } from './campaign.js';
import type { FrequencyCap } from './policy-config.js';

export type RecipientState =
  | { readonly kind: 'queued' }
  | { readonly kind: 'sending'; readonly leaseUntil: number }
  | { readonly kind: 'sent'; readonly sid: string; readonly status: MessageStatus; readonly failure?: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly code?: number; readonly reason: string }
  /** The worker died (or the sender threw) after claiming: the message may have left. Never resent. */
  | { readonly kind: 'unknown' };

export interface CampaignCounters {
  /** Recipients the fan-out queued (one each, however often the fan-out ran). */
  readonly queued: number;
  /** Accepted by the provider. */
  readonly sent: number;
  readonly delivered: number;
  readonly read: number;
  /** Failed at the provider, when sending or later (status callbacks). */
  readonly failed: number;
  /** Of `failed`: refused when sending (never accepted, so not in `sent`). */
  readonly failedAtSend: number;
  /** Failures by readable reason, e.g. `"recipient has unsubscribed (replied STOP) (21610)": 3`. */
  readonly failedBy: Readonly<Record<string, number>>;
  readonly skipped: number;
  /** Skips by reason: no_consent, opted_out, no_variant, dnd, frequency_cap, … */
  readonly skippedBy: Readonly<Record<string, number>>;
  /** Outcome unknown after a crash mid-send (not resent). */
  readonly unknown: number;
  readonly replied: number;
  readonly interested: number;
  readonly optedOut: number;
  /** The fan-out has queued the whole audience. */
  readonly fanoutDone: boolean;
}

/** Settled recipients (nothing more will be sent to them). */
export function settled(counters: CampaignCounters): number {
  return counters.sent + counters.failedAtSend + counters.skipped + counters.unknown;
}

export type ClaimResult =
  | { readonly kind: 'claimed' }
  /** Another attempt holds a live lease on this recipient. */
  | { readonly kind: 'busy'; readonly leaseUntil: number }
  /** A lease expired without a sid: recorded as unknown, not resent. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'capped' }
  | { readonly kind: 'final' };

export type Outcome =
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly code?: number; readonly reason: string; readonly optedOut?: boolean }
  /** The send threw in a way that does not say whether the message left: recorded, never resent. */
  | { readonly kind: 'unknown' };

export interface StatusChange {
  readonly campaignId: string;
  readonly ownerId: string;
  readonly from: MessageStatus;
  readonly to: MessageStatus;
}

export type Reaction = 'replied' | 'interested' | 'opted_out';

/** What the campaign store keeps about one owner (the operator's export of their data). */
export interface OwnerCampaignData {
  /** One delivery record per campaign that queued the owner, with the reactions counted for it. */
  readonly recipients: readonly {
    readonly campaignId: string;
    readonly state: RecipientState;
    readonly reactions: readonly Reaction[];
  }[];
  /** The campaign that last reached the owner, while replies are still credited to it. */
  readonly lastCampaign?: string;
  /** Marketing sends counted against the owner's frequency cap (campaign id → epoch ms). */
  readonly frequency: Readonly<Record<string, number>>;
}

export interface CampaignStore {
  create(campaign: Campaign, state: CampaignState): Promise<void>;
  get(id: string): Promise<Campaign | undefined>;
  /** Rewrites the definition (drafts approved or revised); the state is kept apart. */
  update(campaign: Campaign): Promise<void>;
  /** The lender's campaigns, newest first. */
  listByLender(lenderId: string): Promise<Campaign[]>;
  state(id: string): Promise<CampaignState | undefined>;
  /** Moves to `to` only from one of `from`; false when the campaign was elsewhere. */
  transition(id: string, from: readonly CampaignState[], to: CampaignState): Promise<boolean>;
  /** Campaigns that need workers (running or paused, fan-out started). */
  active(): Promise<string[]>;
  setActive(id: string, active: boolean): Promise<void>;
  counters(id: string): Promise<CampaignCounters>;
  /** Records owners as queued (once each); returns those still queued, for the fan-out to enqueue. */
  markQueued(id: string, ownerIds: readonly string[]): Promise<string[]>;
  markFanoutDone(id: string): Promise<void>;
  recipient(id: string, ownerId: string): Promise<RecipientState | undefined>;
  /** queued → sending with a lease, reserving the owner's frequency cap (per campaign) atomically. */
  claim(
    id: string,
    ownerId: string,
    options: { now: number; leaseMs: number; cap?: FrequencyCap },
  ): Promise<ClaimResult>;
  /** queued/sending → skipped, failed or unknown; a failure releases the frequency reservation. False if already final. */
  finish(id: string, ownerId: string, outcome: Outcome): Promise<boolean>;
  /** sending → queued after a retryable error (the message did not leave). */
  release(id: string, ownerId: string): Promise<void>;
  /** sending (or unknown) → sent: records the sid for status callbacks and the owner's last campaign. */
  sent(id: string, ownerId: string, sid: string, status: MessageStatus): Promise<boolean>;
  /** Finds the recipient a provider sid belongs to. */
  bySid(sid: string): Promise<{ campaignId: string; ownerId: string } | undefined>;
  /** Applies a status callback; never moves backwards. Returns the change, or undefined if ignored. */
  applyStatus(
    sid: string,
    status: MessageStatus,
    failure: string | undefined,
  ): Promise<StatusChange | undefined>;
  /** The campaign that last reached the owner (for replies), if recent. */
  lastCampaign(ownerId: string): Promise<string | undefined>;
  /** The string key `lastCampaign` reads, for a script that reads it along with other work. */
  lastCampaignKey(ownerId: string): string;
  /** Counts a reply (and interest / opt-out) once per recipient. */
  recordReaction(id: string, ownerId: string, reaction: Reaction): Promise<boolean>;
  /** Everything kept about the owner: delivery records, reactions, last campaign, frequency entries. */
  ofOwner(ownerId: string): Promise<OwnerCampaignData>;
  /**
   * Erasure: removes the owner's delivery records, sid lookups, reactions, last campaign and frequency
   * entries. Campaign counters stay (they hold no owner). Returns how many campaigns held a record.
   */
  eraseOwner(ownerId: string): Promise<number>;
}
