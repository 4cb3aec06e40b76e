// BullMQ queues of the campaign engine: one fan-out queue (a job per campaign, delayed to its start) and
// one send queue per campaign (a job per recipient, its id a hash of campaign and owner, so a repeated
// fan-out adds nothing, and BullMQ's event stream never names an owner id that erasure would miss).
// A queue per campaign lets a lender's pause stop exactly that campaign, and lets workers serve the
// campaigns side by side (see rate-limit.ts for how they share the sender's rate).
import { createHash } from 'node:crypto';
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

export const FANOUT_QUEUE = 'saathi-fanout';
export const sendQueueName = (campaignId: string): string => `saathi-send-${campaignId}`;

export interface QueueSettings {
  /** Redis connection for BullMQ (workers need `maxRetriesPerRequest: null`). */
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix (default `bull`); tests use a unique one. */
  readonly bullPrefix?: string;
  /** Send attempts per recipient (retryable provider errors), default 6. */
  readonly attempts?: number;
  /** First retry delay; doubles each time (default 2 s). */
  readonly retryDelayMs?: number;
  /** The send job id of (campaign, owner), without `:` (default: a SHA-256; the engine uses a keyed hash). */
  readonly jobIdOf?: (campaignId: string, ownerId: string) => string;
}

const defaultJobId = (campaignId: string, ownerId: string): string =>
  createHash('sha256').update(`${campaignId}|${ownerId}`).digest('base64url').slice(0, 32);

export interface CampaignQueues {
  readonly settings: QueueSettings;
  readonly fanout: Queue;
  send(campaignId: string): Queue;
  /** The id of the owner's send job in the campaign's queue. */
  sendJobId(campaignId: string, ownerId: string): string;
  sendJobOptions(campaignId: string, ownerId: string): JobsOptions;
  close(): Promise<void>;
}

export function createCampaignQueues(settings: QueueSettings): CampaignQueues {
  const {
    connection,
    bullPrefix = 'bull',
    attempts = 6,
    retryDelayMs = 2_000,
    jobIdOf = defaultJobId,
  } = settings;
  const options = { connection, prefix: bullPrefix };
  const fanout = new Queue(FANOUT_QUEUE, options);
  const sendQueues = new Map<string, Queue>();
  return {
    settings,
    fanout,
    send(campaignId) {
      let queue = sendQueues.get(campaignId);
      if (queue === undefined) {
        queue = new Queue(sendQueueName(campaignId), options);
        sendQueues.set(campaignId, queue);
      }
      return queue;
    },
    sendJobId: jobIdOf,
    sendJobOptions(campaignId, ownerId) {
      return {
        jobId: jobIdOf(campaignId, ownerId),
        attempts,
        backoff: { type: 'exponential', delay: retryDelayMs },
        removeOnComplete: true,
        removeOnFail: { count: 10_000 },
      };
    },
    async close() {
      await Promise.all([fanout.close(), ...[...sendQueues.values()].map((queue) => queue.close())]);
      sendQueues.clear();
    },
  };
}
