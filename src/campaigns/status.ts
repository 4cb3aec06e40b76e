// What happens after a campaign message left: provider status callbacks (messages and calls) mapped to
// the recipient by sid, never moving a status backwards, and the owner's reactions (a reply, interest,
// STOP) credited once to the campaign that last reached them. The webhooks call these.
import { describeTwilioError, isOptOutCode } from '../channels/twilio-errors.js';
import type { ConsentLedger } from '../consent/ledger.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../dialogue/store.js';
import type { CampaignStore, StatusChange } from './store.js';

export interface CampaignStatusUpdate {
  readonly messageSid: string;
  /** A message status (`delivered`, `read`, …) or a call status (`completed`, `no-answer`, …). */
  readonly status: string;
  readonly errorCode?: string | number | undefined;
  readonly at: number;
}

export interface StatusDeps {
  readonly store: CampaignStore;
  readonly consent: ConsentLedger;
}

/** Call statuses as message statuses: an answered call counts as delivered, an unanswered one as failed. */
const CALL_STATUS: Readonly<Record<string, { status: MessageStatus; reason?: string }>> = {
  initiated: { status: 'queued' },
  ringing: { status: 'sending' },
  'in-progress': { status: 'delivered' },
  answered: { status: 'delivered' },
  completed: { status: 'delivered' },
  busy: { status: 'failed', reason: 'the line was busy' },
  'no-answer': { status: 'failed', reason: 'the call was not answered' },
  failed: { status: 'failed', reason: 'the call could not be connected' },
  canceled: { status: 'canceled', reason: 'the call was canceled' },
};

function asMessageStatus(status: string): { status: MessageStatus; reason?: string } | undefined {
  if ((MESSAGE_STATUSES as readonly string[]).includes(status)) return { status: status as MessageStatus };
  return CALL_STATUS[status];
}

/**
 * Applies a status callback to the campaign recipient its sid belongs to. Returns the change, or
 * undefined when the sid is not a campaign's or the status would move backwards. An opt-out code
 * (21610, 63014) suppresses the owner everywhere.
 */
export async function recordCampaignStatus(
  deps: StatusDeps,
  update: CampaignStatusUpdate,
): Promise<StatusChange | undefined> {
  const mapped = asMessageStatus(update.status);
  if (mapped === undefined) return undefined;
  const code =
    update.errorCode === undefined || update.errorCode === '' ? undefined : Number(update.errorCode);
  const failing =
    mapped.status === 'failed' || mapped.status === 'undelivered' || mapped.status === 'canceled';
  const reason = !failing
    ? undefined
    : code !== undefined && Number.isFinite(code)
      ? describeTwilioError(code).reason
      : (mapped.reason ?? `delivery ${mapped.status}`);
  const change = await deps.store.applyStatus(update.messageSid, mapped.status, reason);
  if (change !== undefined && isOptOutCode(code)) {
    await deps.consent.suppress(change.ownerId, update.at);
    await deps.store.recordReaction(change.campaignId, change.ownerId, 'opted_out');
  }
  return change;
}

/**
 * An owner answered after a campaign reached them (a WhatsApp reply or a keypress on the campaign call):
 * counted once as a reply, and once as interest when they said so. Returns the campaign credited.
 */
export async function recordCampaignReply(
  deps: Pick<StatusDeps, 'store'>,
  ownerId: string,
  reply: { readonly interested: boolean; readonly campaignId?: string },
): Promise<string | undefined> {
  const campaignId = reply.campaignId ?? (await deps.store.lastCampaign(ownerId));
  if (campaignId === undefined) return undefined;
  const record = await deps.store.recipient(campaignId, ownerId);
  if (record?.kind !== 'sent') return undefined;
  await deps.store.recordReaction(campaignId, ownerId, 'replied');
  if (reply.interested) await deps.store.recordReaction(campaignId, ownerId, 'interested');
  return campaignId;
}

/** The owner said STOP after a campaign: counted as an opt-out of that campaign (the ledger is the caller's). */
export async function recordCampaignOptOut(
  deps: Pick<StatusDeps, 'store'>,
  ownerId: string,
): Promise<string | undefined> {
  const campaignId = await deps.store.lastCampaign(ownerId);
  if (campaignId === undefined) return undefined;
  await deps.store.recordReaction(campaignId, ownerId, 'opted_out');
  return campaignId;
}
