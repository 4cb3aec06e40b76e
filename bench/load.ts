// A small closed-loop HTTP load generator for loopback benchmarks: `workers` concurrent clients on
// keep-alive connections, each running its own request sequence; returns throughput and latency percentiles.
import { Agent, request as httpRequest } from 'node:http';
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
  next: (worker: number, index: number) => LoadRequest,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
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
          const { status, body } = await send(agent, request);
          if (!(request.ok ? request.ok(status, body) : status < 400)) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  agent.destroy();
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

export interface LoadRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly ok?: (status: number, body: string) => boolean;
}

function send(agent: Agent, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      request.url,
      { method: request.method ?? 'GET', headers: request.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
