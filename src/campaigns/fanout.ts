// Fan-out: a campaign's audience becomes one send job per owner, in batches (AudienceIndex.members →
// delivery records marked queued → Queue.addBulk). Safe to run again after a crash: records are marked
// once, job ids derive from (campaign, owner), and settled recipients are never sent twice (deliver.ts).
import type { AudienceIndex, Audience } from './audience.js';
import type { CampaignQueues } from './queues.js';
import type { CampaignStore } from './store.js';

export interface FanoutDeps {
  readonly store: CampaignStore;
  readonly audience: AudienceIndex;
  readonly queues: CampaignQueues;
  readonly batchSize?: number;
}

export interface FanoutResult {
  readonly queued: number;
  readonly stoppedBy?: 'cancelled' | 'missing';
}

export async function fanOut(deps: FanoutDeps, campaignId: string): Promise<FanoutResult> {
  const { store, audience, queues, batchSize = 1_000 } = deps;
  const campaign = await store.get(campaignId);
  if (campaign === undefined) return { queued: 0, stoppedBy: 'missing' };
  await store.transition(campaignId, ['scheduled'], 'running');
  if ((await store.state(campaignId)) === 'cancelled') return { queued: 0, stoppedBy: 'cancelled' };
  await store.setActive(campaignId, true);
  const queue = queues.send(campaignId);
  let queued = 0;
  for await (const batch of audience.members(campaign.audience as Audience, batchSize)) {
    if ((await store.state(campaignId)) === 'cancelled') return { queued, stoppedBy: 'cancelled' };
    const owners = await store.markQueued(campaignId, batch);
    if (owners.length === 0) continue;
    await queue.addBulk(
      owners.map((ownerId) => ({
        name: 'send',
        data: { ownerId },
        opts: queues.sendJobOptions(campaignId, ownerId),
      })),
    );
    queued += owners.length;
  }
  await store.markFanoutDone(campaignId);
  return { queued };
}
