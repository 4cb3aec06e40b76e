// When the retention sweep runs. With Redis: a BullMQ job scheduler (`retention-sweep` on the queue
// `saathi-retention`) that every instance upserts and every instance serves with one worker, so however
// many instances run, one sweep runs per period. Without Redis (the embedded default): a plain unref'd
// interval in this process. Either way a failed sweep is logged and the next period tries again.
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { ConversationStore } from '../dialogue/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { DAY_MS, runRetentionSweep, type RetentionSweepResult } from './retention.js';

export const RETENTION_QUEUE = 'saathi-retention';
export const RETENTION_SCHEDULER = 'retention-sweep';

export interface RetentionSchedule {
  /** Resolves once the schedule is in place (with Redis: the job scheduler is registered). */
  readonly ready: Promise<void>;
  /** Stops scheduling; resolves when a sweep in progress (if any) has finished. */
  stop(): Promise<void>;
}

type Sweep = () => Promise<RetentionSweepResult>;
type Log = Pick<Logger, 'info' | 'warn'>;

/** How the interval runner sets its timer (tests pass their own and fire it by hand). */
export interface IntervalTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const unrefTimer: IntervalTimer = {
  set: (callback, ms) => setInterval(callback, ms).unref(),
  clear: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface RetentionIntervalOptions {
  readonly sweep: Sweep;
  readonly everyMs: number;
  readonly log?: Log;
  readonly timer?: IntervalTimer;
}

/** Embedded: sweeps every `everyMs` in this process, one sweep at a time (a tick during one is skipped). */
export function startRetentionInterval(options: RetentionIntervalOptions): RetentionSchedule {
  const { sweep, everyMs, log, timer = unrefTimer } = options;
  let running: Promise<void> | undefined;
  const handle = timer.set(() => {
    if (running) return;
    running = sweep().then(
      () => undefined,
      (error: unknown) => log?.warn({ err: error }, 'retention sweep failed; the next period tries again'),
    );
    void running.finally(() => (running = undefined));
  }, everyMs);
  return {
    ready: Promise.resolve(),
    async stop() {
      timer.clear(handle);
      await running;
    },
  };
}

export interface RetentionJobsOptions {
  /** BullMQ connection (`maxRetriesPerRequest: null`); not closed by `stop`. */
  readonly connection: Redis;
  /** BullMQ key prefix (the campaign engine's is `${SAATHI_REDIS_PREFIX}bull`). */
  readonly bullPrefix: string;
  readonly everyMs: number;
  readonly sweep: Sweep;
  readonly log?: Log;
  /** Extra worker options (tests shorten lockDuration). */
  readonly workerOptions?: Partial<WorkerOptions>;
  /** Wait before registering the scheduler again after Redis refused (default 1 min). */
  readonly retryMs?: number;
}

export interface RetentionJobs extends RetentionSchedule {
  readonly queue: Queue;
  readonly worker: Worker;
}

/** With Redis: registers (or updates) the shared job scheduler and serves its jobs in this process. */
export function startRetentionJobs(options: RetentionJobsOptions): RetentionJobs {
  const { connection, bullPrefix, everyMs, sweep, log, retryMs = 60_000 } = options;
  const queue = new Queue(RETENTION_QUEUE, { connection, prefix: bullPrefix });
  const worker = new Worker(
    RETENTION_QUEUE,
    async () => {
      const { removed, batches } = await sweep();
      return { removed, batches };
    },
    { connection, prefix: bullPrefix, concurrency: 1, ...options.workerOptions },
  );
  worker.on('error', (error) => log?.warn({ err: error }, 'retention worker error'));
  worker.on('failed', (job, error) =>
    log?.warn({ err: error, job: job?.id }, 'retention sweep failed; the next period tries again'),
  );
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => {
    const register = () =>
      queue
        .upsertJobScheduler(
          RETENTION_SCHEDULER,
          { every: everyMs },
          { name: 'sweep', opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
        )
        .then(
          () => resolve(),
          (error: unknown) => {
            log?.warn({ err: error }, 'could not register the retention sweep yet; will retry');
            if (!stopped) retry = setTimeout(() => void register(), retryMs).unref();
          },
        );
    void register();
  });
  return {
    queue,
    worker,
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await worker.close();
      await queue.close();
    },
  };
}

export interface RetentionDeps {
  readonly config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'retentionDays' | 'retentionSweepMinutes'>;
  readonly store: Pick<ConversationStore, 'sweepIdle'>;
  readonly log: Log;
  readonly metrics?: Pick<Metrics, 'retentionSwept'>;
  readonly clock?: () => Date;
}

/** Starts the schedule the configuration calls for (BullMQ with REDIS_URL, else an interval). */
export function startRetention(deps: RetentionDeps): RetentionSchedule {
  const { config, store, log, metrics, clock } = deps;
  const retentionMs = config.retentionDays * DAY_MS;
  const everyMs = config.retentionSweepMinutes * 60_000;
  const sweep = () =>
    runRetentionSweep({
      store,
      retentionMs,
      log,
      ...(clock ? { clock } : {}),
      ...(metrics ? { counter: metrics.retentionSwept } : {}),
    });
  if (!config.redisUrl) return startRetentionInterval({ sweep, everyMs, log });
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
  const jobs = startRetentionJobs({
    connection,
    bullPrefix: `${config.redisPrefix}bull`,
    everyMs,
    sweep,
    log,
  });
  return {
    ready: jobs.ready,
    async stop() {
      await jobs.stop();
      connection.disconnect();
    },
  };
}
