// Campaign workers: a fan-out worker, and a send worker for each active campaign (started and stopped as
// campaigns come and go, by polling the store). Any number of processes may run these side by side:
// jobs are claimed by BullMQ, deliveries by the store's records, the rate by Redis (rate-limit.ts).
// Send workers of different campaigns have the same concurrency, so they hold equal shares of the rate.
import { DelayedError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import type { Deliver } from './deliver.js';
import { fanOut, type FanoutDeps } from './fanout.js';
import { FANOUT_QUEUE, sendQueueName } from './queues.js';
import { settled } from './store.js';

export interface CampaignWorkersOptions extends FanoutDeps {
  readonly deliver: Deliver;
  /** Jobs in flight per campaign and process (default 50). */
  readonly concurrency?: number;
  /** How often the set of active campaigns is looked at (default 1 s). */
  readonly pollMs?: number;
  /** The delivery's clock, to turn its "wait until" times into BullMQ delays. */
  readonly clock?: () => number;
  /** Extra BullMQ worker options (tests shorten lockDuration and stalledInterval). */
  readonly workerOptions?: Partial<WorkerOptions>;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface CampaignWorkers {
  /** Looks at the active campaigns now: starts and stops send workers, marks finished campaigns completed. */
  refresh(): Promise<void>;
  /** Campaign ids with a send worker in this process. */
  running(): string[];
  /** `force` drops jobs in flight (as a crash would); otherwise waits for them. */
  close(force?: boolean): Promise<void>;
}

interface SendData {
  readonly ownerId: string;
}

export function startCampaignWorkers(options: CampaignWorkersOptions): CampaignWorkers {
  const { store, queues, deliver, concurrency = 50, pollMs = 1_000, clock = Date.now, logger } = options;
  const base = {
    connection: queues.settings.connection,
    prefix: queues.settings.bullPrefix ?? 'bull',
    maxStalledCount: 10,
    ...options.workerOptions,
  };
  const senders = new Map<string, Worker<SendData>>();
  let closed = false;

  const listen = <T>(worker: Worker<T>, name: string): Worker<T> => {
    worker.on('error', (error) => logger?.warn({ err: error, queue: name }, 'campaign worker error'));
    worker.on('failed', (job, error) => {
      if (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1))
        logger?.error({ err: error, queue: name, job: job.id }, 'campaign job failed for good');
    });
    return worker;
  };

  const fanoutWorker = listen(
    new Worker<{ campaignId: string }>(FANOUT_QUEUE, async (job) => fanOut(options, job.data.campaignId), {
      ...base,
      concurrency: 2,
    }),
    FANOUT_QUEUE,
  );

  const processSend = (campaignId: string) => async (job: Job<SendData>, token?: string) => {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await deliver(campaignId, job.data.ownerId, { lastAttempt });
    if (result.kind === 'wait') {
      await job.moveToDelayed(Date.now() + Math.max(0, result.until - clock()), token);
      throw new DelayedError();
    }
    if (result.kind === 'retry') throw result.error;
    return result.kind;
  };

  const startSender = async (campaignId: string) => {
    const campaign = await store.get(campaignId);
    const cap = campaign?.rateCap;
    // With a campaign cap, more jobs in flight would only wait longer for their slots.
    const slots = cap === undefined ? concurrency : Math.max(1, Math.min(concurrency, Math.ceil(cap)));
    const name = sendQueueName(campaignId);
    senders.set(
      campaignId,
      listen(new Worker<SendData>(name, processSend(campaignId), { ...base, concurrency: slots }), name),
    );
  };

  const look = async () => {
    if (closed) return;
    const active = new Set(await store.active());
    for (const id of active) {
      const [state, counters] = await Promise.all([store.state(id), store.counters(id)]);
      const finished =
        state === 'cancelled' ||
        state === 'completed' ||
        state === undefined ||
        (state === 'running' && counters.fanoutDone && settled(counters) >= counters.queued);
      if (finished) {
        if (state === 'running') await store.transition(id, ['running'], 'completed');
        await store.setActive(id, false);
        active.delete(id);
      } else if (!senders.has(id) && !closed) await startSender(id);
    }
    for (const [id, worker] of senders)
      if (!active.has(id)) {
        senders.delete(id);
        await worker.close();
      }
  };

  // One look at a time, so a campaign never gets two send workers in this process.
  let looking: Promise<void> = Promise.resolve();
  const refresh = () => (looking = looking.catch(() => undefined).then(look));

  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    timer = setTimeout(() => {
      refresh()
        .catch((error: unknown) => logger?.warn({ err: error }, 'campaign refresh failed'))
        .finally(() => {
          if (!closed) loop();
        });
    }, pollMs);
  };
  void refresh().catch((error: unknown) => logger?.warn({ err: error }, 'campaign refresh failed'));
  loop();

  return {
    refresh,
    running: () => [...senders.keys()],
    async close(force = false) {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await looking.catch(() => undefined);
      const all = [fanoutWorker, ...senders.values()];
      senders.clear();
      await Promise.all(all.map((worker) => worker.close(force)));
    },
  };
}
