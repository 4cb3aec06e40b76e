// The recovery loop: answers, by REST, every inbox entry whose webhook never got its answer out (the
// process died mid-turn, or after committing but before responding). Twilio does not retry a webhook that
// got no answer, so this is how a crash never costs a reply. Runs on start and every few seconds; entries
// are leased (claim), turns are idempotent by MessageSid (the receipt is replayed, never applied twice),
// and REST progress is recorded per message so a retry sends only what is still missing.
//
// The one remaining window: a process killed after the HTTP answer was written but before the entry was
// marked done (one Redis write, issued on the response's 'finish') — the recovered answer is then a
// duplicate. Nothing is ever lost.
import { handleInbound, type EngineDeps, type TurnRenderer } from '../dialogue/engine.js';
import type { ClaimedEntry, Inbox } from '../dialogue/inbox.js';
import { StoreUnavailable } from '../dialogue/store.js';
import type { Logger } from '../logger.js';
import { SendError, type Sender } from './sender.js';

export interface RecoveryDeps {
  readonly inbox: Inbox;
  readonly engine: EngineDeps;
  /** The WhatsApp renderer (receipts hold TwiML; its <Message> bodies are what is sent). */
  readonly render: TurnRenderer;
  readonly sender: Sender;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly clock?: () => Date;
  /** How long a claimed entry is reserved for the claiming process. */
  readonly leaseMs?: number;
  /** Older entries are dropped (WhatsApp only allows free-form replies within 24 hours). */
  readonly maxAgeMs?: number;
  readonly batch?: number;
}

export interface RecoveryPass {
  readonly recovered: number;
  readonly failed: number;
  readonly expired: number;
}

/** The text of each <Message> in TwiML we rendered ourselves (escaped by the twilio library). */
export function messageBodies(xml: string): string[] {
  const unescape = (text: string) =>
    text.replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
    );
  return [...xml.matchAll(/<Message(?:\/>|>([\s\S]*?)<\/Message>)/g)].map((match) =>
    unescape(match[1] ?? ''),
  );
}

/**
 * Marks entries done, remembering those it could not (Redis away) and retrying them on flush(), so an
 * answer that left during an outage is not sent a second time by recovery.
 */
export class Settler {
  private readonly waiting = new Set<string>();
  constructor(
    private readonly inbox: Inbox,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  settle = (messageId: string): void => {
    this.inbox.done(messageId).catch((error: unknown) => {
      this.waiting.add(messageId);
      this.log.warn({ err: error, messageId }, 'could not mark an inbox entry done; will retry');
    });
  };

  async flush(): Promise<void> {
    for (const messageId of [...this.waiting]) {
      await this.inbox.done(messageId);
      this.waiting.delete(messageId);
    }
  }
}

async function recoverEntry(deps: RecoveryDeps, entry: ClaimedEntry): Promise<void> {
  const { inbound } = entry;
  const response = await handleInbound(deps.engine, inbound, deps.render);
  const bodies = messageBodies(response);
  for (let index = entry.sent; index < bodies.length; index++) {
    await deps.sender.sendMessage({
      to: inbound.from,
      body: bodies[index]!,
      ...(entry.replyFrom ? { from: entry.replyFrom } : {}),
    });
    if (index + 1 < bodies.length) await deps.inbox.progress(inbound.messageId, index + 1);
  }
  await deps.inbox.done(inbound.messageId);
}

/** One pass: claim what is due, answer it, mark it done. Stops early when Redis is away. */
export async function recoverOnce(deps: RecoveryDeps, settler?: Settler): Promise<RecoveryPass> {
  const now = (deps.clock ?? (() => new Date()))().getTime();
  const { leaseMs = 60_000, maxAgeMs = 24 * 3600_000, batch = 50 } = deps;
  await settler?.flush();
  const claimed = await deps.inbox.claim({ now, leaseMs, limit: batch });
  let recovered = 0;
  let failed = 0;
  let expired = 0;
  for (const entry of claimed) {
    const messageId = entry.inbound.messageId;
    if (now - entry.inbound.receivedAt.getTime() > maxAgeMs) {
      deps.log.warn({ messageId, ownerId: entry.ownerId }, 'inbox entry too old to answer; dropped');
      await deps.inbox.done(messageId);
      expired++;
      continue;
    }
    try {
      await recoverEntry(deps, entry);
      recovered++;
      deps.log.info({ messageId, ownerId: entry.ownerId }, 'answered an interrupted message by REST');
    } catch (error) {
      if (error instanceof StoreUnavailable) throw error;
      if (error instanceof SendError && error.kind === 'permanent') {
        deps.log.error(
          { messageId, reason: error.reason },
          'recovered answer refused by the provider; dropped',
        );
        await deps.inbox.done(messageId);
        failed++;
        continue;
      }
      // Retryable: the lease runs out and a later pass tries again.
      deps.log.warn({ err: error, messageId }, 'could not answer an interrupted message yet; will retry');
      failed++;
    }
  }
  return { recovered, failed, expired };
}

export interface RecoveryLoop {
  /** Resolves when the pass in progress (if any) has finished. */
  stop(): Promise<void>;
}

/** Runs recoverOnce now and then every `intervalMs`, one pass at a time. */
export function startRecovery(deps: RecoveryDeps, intervalMs: number, settler?: Settler): RecoveryLoop {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    try {
      // Drain: a full batch means more may be waiting.
      for (;;) {
        const result = await recoverOnce(deps, settler);
        if (
          stopped ||
          result.recovered + result.failed + result.expired < (deps.batch ?? 50) ||
          result.failed > 0
        )
          break;
      }
    } catch (error) {
      if (error instanceof StoreUnavailable)
        deps.log.warn({ err: error.message }, 'recovery pass skipped: store unavailable');
      else deps.log.error({ err: error }, 'recovery pass failed');
    }
  };
  const tick = () => {
    running = pass().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
