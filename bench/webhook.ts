// Webhook benchmark: the full WhatsApp path (signature check, dedupe, dialogue step, Redis save, TwiML)
// against a minimal Express handler answering fixed TwiML, both served and measured in this same run.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { compose } from '../src/main.js';
import { runLoad, type LoadResult } from './load.js';

const TOKEN = 'bench-token-0123456789abcdef';
const CONVERSATION = ['hi', '1', 'kirana', '226001', '5 years', '2 lakh', '3', 'yes', 'no', '2', '3 lakh', 'yes', 'more', 'menu', '1'];

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

export async function benchWebhook({ requests = 6000, owners = 32, redisUrl = process.env.REDIS_URL }: { requests?: number; owners?: number; redisUrl?: string | undefined } = {}): Promise<WebhookBench> {
  const base = 'https://bench.saathi.test';
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({ NODE_ENV: 'test', TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: base, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  const runtime = compose(config, { log: pino({ level: 'silent' }), redisPrefix: prefix });
  const full = await listen(runtime.app);

  const minimal = express();
  minimal.use(express.urlencoded({ extended: false }));
  minimal.post('/twilio/whatsapp', (_req, res) => {
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Namaste!</Message></Response>');
  });
  const baselineServer = await listen(minimal);

  const owner = (worker: number, round: number) => `whatsapp:+9198${String(worker).padStart(4, '0')}${String(round).padStart(4, '0')}`;
  const request = (port: number) => (worker: number, index: number) => {
    const round = Math.floor(index / CONVERSATION.length);
    const form: Record<string, string> = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: owner(worker, round),
      To: 'whatsapp:+14155238886',
      Body: CONVERSATION[index % CONVERSATION.length]!,
      NumMedia: '0',
      ProfileName: 'Bench',
    };
    return {
      url: `http://127.0.0.1:${port}/twilio/whatsapp`,
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${base}/twilio/whatsapp`, form),
        },
        body: new URLSearchParams(form),
      },
      ok: (status: number, body: string) => status === 200 && body.includes('<Message>'),
    };
  };

  // Warm both up, then measure them back to back.
  await runLoad(owners, 500, request(baselineServer.port));
  await runLoad(owners, 500, request(full.port));
  const baseline = await runLoad(owners, requests, request(baselineServer.port));
  const measured = await runLoad(owners, requests, request(full.port));

  baselineServer.server.close();
  full.server.close();
  if (redisUrl) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
  await runtime.close();
  return { store: redisUrl ? 'redis' : 'memory', baseline, full: measured, ratio: measured.perSecond / baseline.perSecond };
}
