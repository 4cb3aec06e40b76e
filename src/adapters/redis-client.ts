// One place for the ioredis options Saathi runs with: fail fast while Redis is away (one retry, a short
// command timeout) so a webhook answers "try again in a minute" instead of hanging, and reconnect forever
// in the background so everything recovers by itself when Redis returns.
import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import { StoreUnavailable } from '../dialogue/store.js';

export interface RedisClientOptions {
  /** Longest a single command may take before it counts as "Redis unavailable" (ms). */
  readonly commandTimeoutMs?: number;
  /** Called with each connection error (logging); ioredis keeps reconnecting regardless. */
  readonly onError?: (error: Error) => void;
}

/** The inbox's "answer has left" script (adapters/redis-inbox.ts): never deferred by auto-pipelining. */
export const INBOX_DONE_COMMAND = 'saathiInboxDone';

/** Delay before reconnect attempt `times` (1, 2, …): 100 ms growing to a 1 s ceiling, never giving up. */
export function reconnectDelay(times: number): number {
  return Math.min(100 * times, 1000);
}

export function redisOptions(options: RedisClientOptions = {}): RedisOptions {
  return {
    // Commands issued while disconnected wait in the offline queue (so a process that is still connecting
    // does not refuse its first requests), but only until the next failed reconnect attempt: with one
    // retry per request ioredis fails the queue every second attempt (≤ 1 s apart), and the command timeout
    // bounds everything else.
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    connectTimeout: 2000,
    enableAutoPipelining: true,
    // Written to the socket at once, in the same tick as the HTTP answer it follows (crash window).
    autoPipeliningIgnoredCommands: [INBOX_DONE_COMMAND],
    retryStrategy: reconnectDelay,
  };
}

export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, redisOptions(options));
  redis.on('error', (error: Error) => options.onError?.(error));
  return redis;
}

/** Replies with which a Redis that is starting refuses every command (it executed nothing). */
const NOT_READY = /^(LOADING|MASTERDOWN|TRYAGAIN)\b/;

/**
 * True for failures of the connection rather than of the command: Redis answered nothing, or answered
 * that it is not ready yet (a restart still loading its append-only file). Any other ReplyError (Redis
 * refused the command: wrong type, script error) is a bug, not an outage.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return !(error instanceof ReplyError) || NOT_READY.test(error.message);
}

/**
 * Runs a Redis call, turning connection failures into StoreUnavailable (other errors pass through).
 * Wrap only the Redis call itself, never the decoding of its answer.
 */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreUnavailable || !isConnectionError(error)) throw error;
    throw new StoreUnavailable(`Redis is unavailable: ${(error as Error).message}`, { cause: error });
  }
}
