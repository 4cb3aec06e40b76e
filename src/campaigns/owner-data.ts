// One owner's campaign data, for the operator's export and for erasure: delivery records and reactions
// (campaign store), the WhatsApp session window, and send jobs still waiting in BullMQ (their data holds
// the owner id). Erasure leaves the campaign counters, which hold no owner.
import type { Logger } from '../logger.js';
import type { CampaignQueues } from './queues.js';
import type { SessionWindow } from './session-window.js';
import type { CampaignStore, OwnerCampaignData } from './store.js';

export interface OwnerDataDeps {
  readonly store: CampaignStore;
  readonly sessions: SessionWindow;
  readonly queues: CampaignQueues;
  readonly logger?: Logger;
}

export interface CampaignOwnerExport extends OwnerCampaignData {
  /** The owner's last WhatsApp message (epoch ms), while the 24-hour window is tracked. */
  readonly lastInbound?: number;
}

export async function campaignDataOf(deps: OwnerDataDeps, ownerId: string): Promise<CampaignOwnerExport> {
  const [data, lastInbound] = await Promise.all([
    deps.store.ofOwner(ownerId),
    deps.sessions.lastInbound(ownerId),
  ]);
  return { ...data, ...(lastInbound === undefined ? {} : { lastInbound }) };
}

/**
 * Erases the owner from every campaign that queued them: waiting or failed send jobs first (a job being
 * sent right now cannot be removed; its delivery then finds no record and sends nothing), then the
 * records, reactions, last campaign, frequency entries and session window. Returns the campaigns touched.
 */
export async function eraseCampaignOwner(deps: OwnerDataDeps, ownerId: string): Promise<number> {
  const { recipients } = await deps.store.ofOwner(ownerId);
  await Promise.all(
    recipients.map(async ({ campaignId }) => {
      try {
        await deps.queues.send(campaignId).remove(deps.queues.sendJobId(campaignId, ownerId));
      } catch (error) {
        deps.logger?.warn({ err: error, campaignId }, 'could not remove an erased owner’s send job');
      }
    }),
  );
  const [erased] = await Promise.all([deps.store.eraseOwner(ownerId), deps.sessions.forget(ownerId)]);
  return erased;
}
