// Voice webhook latency: each IVR step (new caller's language menu, language pick, consent, a choice, a
// typed PIN read back and confirmed, a spoken amount, the status callback) over HTTP on loopback through
// the full app, with prompts already formatted (warm-up calls first). Excludes Google's time: no speech
// or synthesis provider is configured here.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { compose } from '../src/main.js';
import { deleteUnderUrl } from '../tests/support/redis-cleanup.js';

export interface StepLatency {
  readonly step: string;
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const STEPS: readonly { step: string; fields: Record<string, string> }[] = [
  { step: 'call (language menu)', fields: {} },
  { step: 'language key', fields: { Digits: '2' } },
  { step: 'consent key', fields: { Digits: '1' } },
  { step: 'choice key', fields: { Digits: '1' } },
  { step: 'typed PIN (read back)', fields: { Digits: '226001#' } },
  { step: 'confirm read-back', fields: { Digits: '1' } },
  { step: 'spoken years', fields: { SpeechResult: '5 साल', Confidence: '0.9' } },
  { step: 'spoken amount (read back)', fields: { SpeechResult: '2 लाख 50 हज़ार', Confidence: '0.9' } },
];

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export async function benchVoice({
  calls = 300,
  redisUrl = process.env.REDIS_URL,
}: { calls?: number; redisUrl?: string | undefined } = {}): Promise<{
  store: 'redis' | 'memory';
  steps: StepLatency[];
}> {
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({ NODE_ENV: 'test', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  const runtime = compose(config, { log: pino({ level: 'silent' }), redisPrefix: prefix });
  const server = runtime.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const timings = new Map<string, number[]>();
  const record = (step: string, ms: number) => timings.set(step, [...(timings.get(step) ?? []), ms]);

  const post = async (path: string, form: Record<string, string>): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    if (res.status >= 400) throw new Error(`HTTP ${res.status} on ${path}`);
    return res.text();
  };

  const oneCall = async (index: number, measure: boolean) => {
    const base = {
      CallSid: `CA${randomBytes(16).toString('hex')}`,
      From: `+9198${String(10_000_000 + index).padStart(8, '0')}`,
      To: '+14155550100',
      Direction: 'inbound',
    };
    let action = '/twilio/voice';
    for (const { step, fields } of STEPS) {
      const started = performance.now();
      const xml = await post(action, { ...base, ...fields });
      if (measure) record(step, performance.now() - started);
      action = /action="([^"]+)"/.exec(xml)?.[1]?.replace(/&amp;/g, '&') ?? action;
    }
    const started = performance.now();
    await post('/twilio/voice/status', {
      CallSid: base.CallSid,
      CallStatus: 'completed',
      CallDuration: '60',
    });
    if (measure) record('status callback', performance.now() - started);
  };

  try {
    for (let i = 0; i < 30; i++) await oneCall(i, false);
    for (let i = 0; i < calls; i++) await oneCall(1000 + i, true);
  } finally {
    server.close();
    await runtime.close();
    if (redisUrl) await deleteUnderUrl(redisUrl, prefix);
  }
  const steps = [...timings.entries()].map(([step, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { step, count: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
  });
  return { store: redisUrl ? 'redis' : 'memory', steps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchVoice({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  console.log(`== Voice webhooks (store: ${result.store}; target p99 < 50 ms)`);
  for (const s of result.steps)
    console.log(
      `${s.step.padEnd(28)} n=${s.count}  p50 ${s.p50Ms.toFixed(2)} ms  p99 ${s.p99Ms.toFixed(2)} ms`,
    );
}
