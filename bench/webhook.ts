// Webhook benchmark: the full WhatsApp path (signature check, dedupe, dialogue step, Redis save, TwiML)
// against a minimal Express handler answering fixed TwiML, both served and measured in this same run.
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { compose } from '../src/main.js';
import type { LoadResult } from './load.js';
import { deleteUnderUrl } from '../tests/support/redis-cleanup.js';
import type { LoadJob } from './load-worker.js';

const TOKEN = 'bench-token-0123456789abcdef';
const CONVERSATION = [
  'hi',
  '1',
  'kirana',
  '226001',
  '5 years',
  '2 lakh',
  '3',
  'yes',
  'no',
  '2',
  '3 lakh',
  'yes',
  'more',
  'menu',
  '1',
];

async function listen(app: express.Express): Promise<{ server: Server; port: number }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

export interface WebhookBench {
  readonly store: 'redis' | 'memory';
  readonly baseline: LoadResult;
  readonly full: LoadResult;
  readonly ratio: number;
}

export async function benchWebhook({
  requests = 5000,
  owners = 32,
  rounds = 5,
  redisUrl = process.env.REDIS_URL,
}: {
  requests?: number;
  owners?: number;
  rounds?: number;
  redisUrl?: string | undefined;
} = {}): Promise<WebhookBench> {
  const base = 'https://bench.saathi.test';
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({
    NODE_ENV: 'test',
    TWILIO_AUTH_TOKEN: TOKEN,
    PUBLIC_BASE_URL: base,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  });
  const runtime = compose(config, { log: pino({ level: 'silent' }), redisPrefix: prefix });
  const full = await listen(runtime.app);

  const minimal = express();
  minimal.use(express.urlencoded({ extended: false }));
  minimal.post('/twilio/whatsapp', (_req, res) => {
    res
      .type('text/xml')
      .send('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Namaste!</Message></Response>');
  });
  const baselineServer = await listen(minimal);

  let run = 0;
  const load = (port: number, count: number) =>
    new Promise<LoadResult>((resolve, reject) => {
      const job: LoadJob = {
        port,
        requests: count,
        owners,
        token: TOKEN,
        base,
        conversation: CONVERSATION,
        run: run++,
      };
      const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData: job });
      worker.once('message', (result: LoadResult) => resolve(result));
      worker.once('error', reject);
    });

  // Warm both up, then measure them alternately, `rounds` times each; the median round of each counts.
  await load(baselineServer.port, 1000);
  await load(full.port, 1000);
  const baselines: LoadResult[] = [];
  const fulls: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    baselines.push(await load(baselineServer.port, requests));
    fulls.push(await load(full.port, requests));
  }
  const median = (results: LoadResult[]) =>
    [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
  const baseline = median(baselines);
  const measured = median(fulls);

  baselineServer.server.close();
  full.server.close();
  if (redisUrl) await deleteUnderUrl(redisUrl, prefix);
  await runtime.close();
  return {
    store: redisUrl ? 'redis' : 'memory',
    baseline,
    full: measured,
    ratio: measured.perSecond / baseline.perSecond,
  };
}
