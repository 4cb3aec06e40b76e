// Failed API authentications per client (IP): after `limit` failures in a window the client is refused
// (429 with Retry-After) until the window ends. The port, and the in-memory adapter; Redis beside it.
export interface FailureLimiter {
  /** Seconds until the client may try again; 0 when it may now. */
  blockedFor(client: string): Promise<number>;
  /** Counts one failure. */
  fail(client: string): Promise<void>;
}

export interface FailureLimiterOptions {
  /** Failures allowed per window (default 10). */
  readonly limit?: number;
  /** Window length in ms (default one minute). */
  readonly windowMs?: number;
}

export const DEFAULT_FAILURE_LIMIT = 10;
export const DEFAULT_FAILURE_WINDOW_MS = 60_000;

export function createMemoryFailureLimiter(
  options: FailureLimiterOptions & { clock?: () => number } = {},
): FailureLimiter {
  const { limit = DEFAULT_FAILURE_LIMIT, windowMs = DEFAULT_FAILURE_WINDOW_MS, clock = Date.now } = options;
  const windows = new Map<string, { count: number; endsAt: number }>();
  const live = (client: string, now: number) => {
    const found = windows.get(client);
    if (found && found.endsAt <= now) windows.delete(client);
    return found && found.endsAt > now ? found : undefined;
  };
  return {
    blockedFor(client) {
      const now = clock();
      const window = live(client, now);
      return Promise.resolve(window && window.count >= limit ? Math.ceil((window.endsAt - now) / 1000) : 0);
    },
    fail(client) {
      const now = clock();
      const window = live(client, now) ?? { count: 0, endsAt: now + windowMs };
      windows.set(client, { ...window, count: window.count + 1 });
      if (windows.size > 10_000) for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
      return Promise.resolve();
    },
  };
}
