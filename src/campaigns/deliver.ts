// One recipient of one campaign, at the moment of sending: the delivery policy is checked here, not at
// fan-out, because consent, STOP, the clock and the lender's pause can all change while a job waits.
// Order: record state → campaign state and schedule → consent and suppression → DND (voice) → sending
// window → variant in the owner's language → rate slot → a last look (STOP, pause, window) → claim with
// the frequency cap (atomic) → send → record. Independent of BullMQ: the worker maps results to jobs.
import { normalizeAddress } from '../adapters/sealer.js';
import { SendError, type Sender, type Sent } from '../channels/sender.js';
import { isOptOutCode } from '../channels/twilio-errors.js';
import type { ConsentLedger } from '../consent/ledger.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../dialogue/store.js';
import type { ProfileStore } from '../profile/store.js';
import { variantFor, type Campaign, type Channel, type Variant } from './campaign.js';
import type { DndList } from './dnd.js';
import type { DeliveryPolicy } from './policy-config.js';
import { isInsideWindow, nextOpening } from './quiet-hours.js';
import type { RateLimiter } from './rate-limit.js';
import type { SessionWindow } from './session-window.js';
import type { CampaignStore } from './store.js';

export interface DeliveryDeps {
  readonly store: CampaignStore;
  readonly profiles: ProfileStore;
  readonly consent: ConsentLedger;
  readonly sender: Sender;
  readonly dnd: DndList;
  readonly sessions: SessionWindow;
  readonly limiters: Readonly<Record<Channel, RateLimiter>>;
  readonly policy: DeliveryPolicy;
  /** Base of the status-callback and voice URLs (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  readonly clock?: () => number;
  /** How long a claim may stay `sending` before a retry treats its outcome as unknown. */
  readonly leaseMs?: number;
  /** How long a paused campaign's jobs wait before looking again. */
  readonly pausedRecheckMs?: number;
}

export type DeliveryResult =
  | { readonly kind: 'sent'; readonly sid: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly code?: number; readonly reason: string }
  | { readonly kind: 'unknown' }
  /** Nothing to do: already settled (a retry, or a second fan-out). */
  | { readonly kind: 'settled' }
  /** Not now: try again at `until` (epoch ms by the deps' clock). */
  | {
      readonly kind: 'wait';
      readonly until: number;
      readonly reason: 'quiet_hours' | 'not_started' | 'paused' | 'lease';
    }
  /** A retryable provider error: the caller retries with backoff (the claim was released). */
  | { readonly kind: 'retry'; readonly error: SendError };

const CAMPAIGN_CACHE_MS = 1_000;

const asStatus = (status: string): MessageStatus =>
  (MESSAGE_STATUSES as readonly string[]).includes(status) ? (status as MessageStatus) : 'queued';

export function createDelivery(deps: DeliveryDeps) {
  const { store, profiles, consent, sender, dnd, sessions, limiters, policy, publicBaseUrl } = deps;
  const { clock = Date.now, leaseMs = 60_000, pausedRecheckMs = 5_000 } = deps;
  const cache = new Map<string, { campaign: Campaign; at: number }>();

  const campaignOf = async (id: string): Promise<Campaign | undefined> => {
    const hit = cache.get(id);
    if (hit !== undefined && Date.now() - hit.at < CAMPAIGN_CACHE_MS) return hit.campaign;
    const campaign = await store.get(id);
    if (campaign !== undefined) cache.set(id, { campaign, at: Date.now() });
    return campaign;
  };

  const skip = async (campaignId: string, ownerId: string, reason: string): Promise<DeliveryResult> =>
    (await store.finish(campaignId, ownerId, { kind: 'skipped', reason }))
      ? { kind: 'skipped', reason }
      : { kind: 'settled' };

  const send = (campaign: Campaign, variant: Variant, address: string): Promise<Sent> => {
    if (variant.kind === 'call')
      return sender.placeCall({
        to: normalizeAddress(address),
        url: `${publicBaseUrl}/twilio/voice?campaign=${encodeURIComponent(campaign.id)}`,
        statusCallback: `${publicBaseUrl}/twilio/voice/status`,
      });
    const to = address.startsWith('whatsapp:') ? address : `whatsapp:${normalizeAddress(address)}`;
    const statusCallback = `${publicBaseUrl}/twilio/whatsapp/status`;
    return variant.kind === 'text'
      ? sender.sendMessage({ to, body: variant.text, statusCallback })
      : sender.sendMessage({
          to,
          contentSid: variant.template.contentSid,
          contentVariables: variant.template.variables,
          statusCallback,
        });
  };

  /** Campaign state and the sending window, looked at before the rate wait and again right before the send. */
  const gate = async (
    campaign: Campaign,
    ownerId: string,
    now: number,
  ): Promise<DeliveryResult | undefined> => {
    const [state, suppressed] = await Promise.all([store.state(campaign.id), consent.isSuppressed(ownerId)]);
    if (state === 'cancelled' || state === undefined) return skip(campaign.id, ownerId, 'cancelled');
    if (state === 'paused') return { kind: 'wait', until: now + pausedRecheckMs, reason: 'paused' };
    if (suppressed) return skip(campaign.id, ownerId, 'opted_out');
    if (now < campaign.schedule.start)
      return { kind: 'wait', until: campaign.schedule.start, reason: 'not_started' };
    const window = policy.windows[campaign.channel];
    const opening = nextOpening(window, now);
    if (opening >= campaign.schedule.end) return skip(campaign.id, ownerId, 'schedule_ended');
    if (!isInsideWindow(window, now)) return { kind: 'wait', until: opening, reason: 'quiet_hours' };
    return undefined;
  };

  return async function deliver(
    campaignId: string,
    ownerId: string,
    options: { lastAttempt: boolean },
  ): Promise<DeliveryResult> {
    const now = clock();
    const record = await store.recipient(campaignId, ownerId);
    if (record === undefined || (record.kind !== 'queued' && record.kind !== 'sending'))
      return { kind: 'settled' };
    if (record.kind === 'sending') {
      // A claim from an earlier attempt (a worker died, or a stalled job runs twice).
      if (record.leaseUntil > now) return { kind: 'wait', until: record.leaseUntil, reason: 'lease' };
      const claim = await store.claim(campaignId, ownerId, { now, leaseMs });
      return claim.kind === 'unknown' ? { kind: 'unknown' } : { kind: 'settled' };
    }
    const campaign = await campaignOf(campaignId);
    if (campaign === undefined) return skip(campaignId, ownerId, 'cancelled');
    const early = await gate(campaign, ownerId, now);
    if (early !== undefined) return early;

    const profile = await profiles.get(ownerId);
    if (profile === undefined) return skip(campaignId, ownerId, 'no_profile');
    const current = await consent.current(ownerId);
    if (!current.marketing || !profile.marketingConsent) return skip(campaignId, ownerId, 'no_consent');
    if (profile.address === undefined || profile.address === '')
      return skip(campaignId, ownerId, 'no_address');
    if (campaign.channel === 'voice' && (await dnd.has(profile.address)))
      return skip(campaignId, ownerId, 'dnd');
    const inSession = campaign.channel === 'whatsapp' && (await sessions.isOpen(ownerId, now));
    const variant = variantFor(campaign, profile.lang, inSession);
    if (variant === undefined) return skip(campaignId, ownerId, 'no_variant');

    await limiters[campaign.channel].acquire(campaignId, campaign.rateCap);

    // The last look: STOP, a pause or the window's end may have come while this job waited.
    const at = clock();
    const late = await gate(campaign, ownerId, at);
    if (late !== undefined) return late;
    if (variant.kind === 'text' && !(await sessions.isOpen(ownerId, at))) {
      const template = variantFor(campaign, profile.lang, false);
      if (template === undefined) return skip(campaignId, ownerId, 'outside_session_window');
      return sendClaimed(campaign, ownerId, template, profile.address, at, options);
    }
    return sendClaimed(campaign, ownerId, variant, profile.address, at, options);
  };

  async function sendClaimed(
    campaign: Campaign,
    ownerId: string,
    variant: Variant,
    address: string,
    at: number,
    options: { lastAttempt: boolean },
  ): Promise<DeliveryResult> {
    const claim = await store.claim(campaign.id, ownerId, { now: at, leaseMs, cap: policy.frequencyCap });
    if (claim.kind === 'busy') return { kind: 'wait', until: claim.leaseUntil, reason: 'lease' };
    if (claim.kind === 'unknown') return { kind: 'unknown' };
    if (claim.kind === 'capped') return { kind: 'skipped', reason: 'frequency_cap' };
    if (claim.kind === 'final') return { kind: 'settled' };
    let sent: Sent;
    try {
      sent = await send(campaign, variant, address);
    } catch (error) {
      if (!(error instanceof SendError) || error.maybeSent) {
        // We cannot tell whether the provider took the message: record it, never send it again.
        await store.finish(campaign.id, ownerId, { kind: 'unknown' });
        return { kind: 'unknown' };
      }
      if (error.kind === 'retryable' && !options.lastAttempt) {
        await store.release(campaign.id, ownerId);
        return { kind: 'retry', error };
      }
      const optedOut = isOptOutCode(error.code);
      if (optedOut) await consent.suppress(ownerId, at);
      await store.finish(campaign.id, ownerId, {
        kind: 'failed',
        ...(error.code !== undefined ? { code: error.code } : {}),
        reason: error.reason,
        optedOut,
      });
      return {
        kind: 'failed',
        ...(error.code !== undefined ? { code: error.code } : {}),
        reason: error.reason,
      };
    }
    await store.sent(campaign.id, ownerId, sent.sid, asStatus(sent.status));
    return { kind: 'sent', sid: sent.sid };
  }
}

export type Deliver = ReturnType<typeof createDelivery>;
