// Retention (docs/security.md): a conversation, with the raw answers in its context, is deleted once its
// owner has not written for SAATHI_RETENTION_DAYS. `runRetentionSweep` does that in batches through the
// store's `sweepIdle`; retention-schedule.ts runs it every SAATHI_RETENTION_SWEEP_MINUTES and
// `npm run retention` runs it once. The stores' TTL is only a backstop, a margin past the period.
import type { ConversationStore } from '../dialogue/store.js';
import type { Logger } from '../logger.js';

export const DAY_MS = 24 * 3600 * 1000;

/** The backstop TTL outlives the period by this much, so the sweep (not the TTL) removes data on time. */
export const BACKSTOP_MARGIN_MS = 7 * DAY_MS;

/** The stores' TTL for a retention period: the period plus the margin. */
export function backstopMs(retentionMs: number): number {
  return retentionMs + BACKSTOP_MARGIN_MS;
}

export interface RetentionSweepOptions {
  readonly store: Pick<ConversationStore, 'sweepIdle'>;
  /** Conversations whose owner's last message is older than this are deleted. */
  readonly retentionMs: number;
  readonly clock?: () => Date;
  /** Counts only: never owner ids or anything personal. */
  readonly log?: Pick<Logger, 'info'>;
  /** Conversations deleted per store call (default 500). */
  readonly batch?: number;
  /** Incremented by the number deleted (the `saathi_retention_swept_total` counter). */
  readonly counter?: { inc(value: number): void };
}

export interface RetentionSweepResult {
  /** Conversations deleted. */
  readonly removed: number;
  /** Store calls made. */
  readonly batches: number;
  /** The cut-off used (epoch ms): conversations last seen before it were deleted. */
  readonly before: number;
}

/** One sweep: deletes every conversation idle beyond the period, a batch at a time, until none is left. */
export async function runRetentionSweep(options: RetentionSweepOptions): Promise<RetentionSweepResult> {
  const { store, retentionMs, clock = () => new Date(), log, batch = 500, counter } = options;
  if (!(retentionMs > 0)) throw new RangeError('retentionMs must be positive');
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError('batch must be a positive integer');
  const before = clock().getTime() - retentionMs;
  let removed = 0;
  let batches = 0;
  for (;;) {
    const ids = await store.sweepIdle(before, batch);
    batches++;
    removed += ids.length;
    if (ids.length > 0) counter?.inc(ids.length);
    // A short batch means nothing idle is left (or a turn moved some past the cut-off meanwhile).
    if (ids.length < batch) break;
  }
  log?.info(
    { removed, batches, retentionDays: retentionMs / DAY_MS },
    'retention sweep: idle conversations deleted',
  );
  return { removed, batches, before };
}
