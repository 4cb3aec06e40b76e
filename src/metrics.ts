// Prometheus metrics of one app instance (its own registry, so tests can run several apps at once).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status'>;
  readonly latency: Histogram<'route'>;
  readonly turns: Counter<'state' | 'lang'>;
  readonly errors: Counter<'kind'>;
  /** Conversations deleted by the retention sweep (src/privacy/retention.ts). */
  readonly retentionSwept: Counter;
}

export function createMetrics({ defaults = false }: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'saathi_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'saathi_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    turns: new Counter({
      name: 'saathi_dialogue_turns_total',
      help: 'Committed dialogue turns by resulting state and language',
      labelNames: ['state', 'lang'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'saathi_errors_total',
      help: 'Errors by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    retentionSwept: new Counter({
      name: 'saathi_retention_swept_total',
      help: 'Conversations deleted by the retention sweep (idle beyond SAATHI_RETENTION_DAYS)',
      registers: [registry],
    }),
  };
}
