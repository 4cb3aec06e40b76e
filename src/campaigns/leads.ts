// Leads: an owner who said "interested" and agreed to be put in touch with one lender. recordLead checks
// the consent ledger (`share:<lenderId>` granted, no STOP) and copies what that lender may see from the
// owner's profile record; the LeadStore port keeps leads (sealed at rest in Redis) per lender in
// recording order, and keeps erasure notices so lenders learn which leads to delete.
import { createHash, randomBytes } from 'node:crypto';
import { normalizeAddress } from '../adapters/sealer.js';
import type { ConsentLedger } from '../consent/ledger.js';
import type { Lang } from '../language/langs.js';
import type { ProfileStore } from '../profile/store.js';

export interface Lead {
  /** `ld_` + recording time + randomness: ids sort in recording order. */
  readonly id: string;
  readonly lenderId: string;
  readonly ownerId: string;
  readonly campaignId?: string;
  readonly itemId?: string;
  /** When the owner said "interested" (epoch ms). */
  readonly at: number;
  readonly recordedAt: number;
  readonly name?: string;
  /** E.164, e.g. +919812345678 */
  readonly number?: string;
  readonly lang: Lang;
  readonly businessKind?: string;
  readonly place?: string;
  readonly district?: string;
  readonly state?: string;
  readonly need?: string;
  /** rupees needed */
  readonly amount?: number;
}

export interface LeadInput {
  readonly lenderId: string;
  readonly ownerId: string;
  readonly campaignId?: string;
  readonly itemId?: string;
  readonly at: number;
}

export interface ErasureNotice {
  readonly leadId: string;
  readonly erasedAt: number;
}

export interface LeadStore {
  /** Stores the lead unless this lender already has one for the same owner, campaign and item: then that one. */
  add(lead: Lead): Promise<Lead>;
  /** One of the lender's leads; undefined when absent or another lender's. */
  get(lenderId: string, leadId: string): Promise<Lead | undefined>;
  /** The lender's leads with ids after `after` (exclusive), in id order. */
  page(lenderId: string, after: string, limit: number): Promise<Lead[]>;
  /**
   * Deletes every lead of the owner (only those of `lenderId` when given: the owner withdrew that
   * lender's share consent) and leaves an erasure notice for each lender; returns them.
   */
  deleteOf(
    ownerId: string,
    erasedAt: number,
    lenderId?: string,
  ): Promise<(ErasureNotice & { lenderId: string })[]>;
  /** The lender's erasure notices since `since` (inclusive), oldest first. */
  erasures(lenderId: string, since: number): Promise<ErasureNotice[]>;
  /** Every lead of the owner, for any lender, in id (recording) order: the owner's data export. */
  ofOwner(ownerId: string): Promise<Lead[]>;
}

export type RecordLeadResult =
  | { readonly recorded: true; readonly lead: Lead }
  | { readonly recorded: false; readonly reason: 'no_consent' | 'suppressed' | 'unknown_owner' };

export interface LeadPage {
  readonly leads: Lead[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly next?: string;
}

export interface Leads {
  recordLead(input: LeadInput): Promise<RecordLeadResult>;
  list(lenderId: string, options?: { since?: number; cursor?: string; limit?: number }): Promise<LeadPage>;
  get(lenderId: string, leadId: string): Promise<Lead | undefined>;
  /** Erasure of an owner (or a withdrawal for one lender): their leads go, each lender is left a notice. */
  deleteLeadsOf(ownerId: string, lenderId?: string): Promise<number>;
  erasures(lenderId: string, options?: { since?: number }): Promise<ErasureNotice[]>;
  /** The owner's leads for any lender, in recording order (operator export, docs/security.md). */
  leadsOf(ownerId: string): Promise<Lead[]>;
}

/** Same owner, campaign and item for one lender: one lead. */
export function leadOnceKey(lead: Pick<Lead, 'lenderId' | 'ownerId' | 'campaignId' | 'itemId'>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([lead.ownerId, lead.campaignId ?? '', lead.itemId ?? '']))
    .digest('base64url')
    .slice(0, 24);
  return `${lead.lenderId}:${digest}`;
}

/** The smallest lead id recorded at or after `at`. */
export const leadIdFloor = (at: number): string =>
  `ld_${Math.max(0, Math.floor(at)).toString(36).padStart(9, '0')}`;

export const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

export interface LeadsDeps {
  readonly store: LeadStore;
  readonly consent: ConsentLedger;
  readonly profiles: ProfileStore;
  readonly clock?: () => number;
  readonly random?: (bytes: number) => Buffer;
}

export function createLeads(deps: LeadsDeps): Leads {
  const { store, consent, profiles, clock = Date.now, random = randomBytes } = deps;
  return {
    async recordLead(input) {
      const [current, suppressed] = await Promise.all([
        consent.current(input.ownerId),
        consent.isSuppressed(input.ownerId),
      ]);
      if (!current.sharedWith.includes(input.lenderId)) return { recorded: false, reason: 'no_consent' };
      if (suppressed) return { recorded: false, reason: 'suppressed' };
      const record = await profiles.get(input.ownerId);
      if (!record) return { recorded: false, reason: 'unknown_owner' };
      const now = clock();
      const p = record.profile;
      const lead: Lead = {
        id: `${leadIdFloor(now)}${random(5).toString('hex')}`,
        lenderId: input.lenderId,
        ownerId: input.ownerId,
        ...(input.campaignId === undefined ? {} : { campaignId: input.campaignId }),
        ...(input.itemId === undefined ? {} : { itemId: input.itemId }),
        at: input.at,
        recordedAt: now,
        ...(record.name === undefined ? {} : { name: record.name }),
        ...(record.address === undefined ? {} : { number: normalizeAddress(record.address) }),
        lang: record.lang,
        ...(p.businessKind === undefined ? {} : { businessKind: p.businessKind }),
        ...(p.place === undefined ? {} : { place: p.place }),
        ...(p.district === undefined ? {} : { district: p.district }),
        ...(p.state === undefined ? {} : { state: p.state }),
        ...(p.need === undefined ? {} : { need: p.need }),
        ...(p.amount === undefined ? {} : { amount: p.amount }),
      };
      return { recorded: true, lead: await store.add(lead) };
    },
    async list(lenderId, { since, cursor, limit = DEFAULT_PAGE } = {}) {
      const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE);
      const after = cursor ?? (since === undefined ? '' : leadIdFloor(since));
      const leads = await store.page(lenderId, after, size + 1);
      const page = leads.slice(0, size);
      const last = page.at(-1);
      return leads.length > size && last ? { leads: page, next: last.id } : { leads: page };
    },
    get(lenderId, leadId) {
      return store.get(lenderId, leadId);
    },
    async deleteLeadsOf(ownerId, lenderId) {
      return (await store.deleteOf(ownerId, clock(), lenderId)).length;
    },
    erasures(lenderId, { since = 0 } = {}) {
      return store.erasures(lenderId, since);
    },
    leadsOf(ownerId) {
      return store.ofOwner(ownerId);
    },
  };
}
