// A small closed-loop HTTP load generator for loopback benchmarks: `workers` concurrent clients, each
// running its own request sequence; returns throughput and latency percentiles.
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `workers` loops until `totalRequests` have been sent; `next(worker, i)` builds each request. */
export async function runLoad(
  workers: number,
  totalRequests: number,
  next: (worker: number, index: number) => { url: string; init: RequestInit; ok?: (status: number, body: string) => boolean },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = 0; ; index++) {
        if (sent >= totalRequests) return;
        sent++;
        const request = next(worker, index);
        const t0 = performance.now();
        try {
          const res = await fetch(request.url, request.init);
          const body = await res.text();
          if (!(request.ok ? request.ok(res.status, body) : res.ok)) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
