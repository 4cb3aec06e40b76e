// `npm run chat -- [--from +91…] [--name NAME] [--lang hi] [--script FILE]`: chat with Saathi in the terminal
// as a WhatsApp user. Every line goes through the real HTTP handler as a Twilio webhook (signed when
// TWILIO_AUTH_TOKEN is set), so what works here works for Twilio.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { loadConfig } from '../src/config.js';
import { ENDONYM, isLang } from '../src/language/langs.js';
import { createLogger } from '../src/logger.js';
import { compose } from '../src/main.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '+919800000001' },
    name: { type: 'string', default: 'Asha' },
    lang: { type: 'string' },
    script: { type: 'string' },
  },
});

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
const runtime = compose(config, { log: createLogger(config.logLevel) });
const server = runtime.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;
const base = config.publicBaseUrl ?? `http://127.0.0.1:${port}`;
const parser = new XMLParser({ isArray: (name) => name === 'Message' });

async function send(text: string): Promise<string[]> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const form: Record<string, string> = {
    MessageSid: sid,
    AccountSid: config.twilio.accountSid ?? `AC${'0'.repeat(32)}`,
    From: `whatsapp:${values.from}`,
    To: config.twilio.whatsappFrom ?? 'whatsapp:+14155238886',
    Body: text,
    NumMedia: '0',
    ProfileName: values.name ?? '',
    WaId: (values.from ?? '').replace(/\D/g, ''),
  };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (config.twilio.authToken) {
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
      config.twilio.authToken,
      `${base}/twilio/whatsapp`,
      form,
    );
  }
  const res = await fetch(`http://127.0.0.1:${port}/twilio/whatsapp`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
  const body = await res.text();
  if (!res.ok) return [`[HTTP ${res.status}] ${body}`];
  const doc = parser.parse(body) as { Response?: { Message?: unknown[] } | '' };
  return doc.Response ? (doc.Response.Message ?? []).map(String) : [];
}

function show(replies: string[]): void {
  if (replies.length === 0) console.log('   (no reply)');
  for (const reply of replies) console.log(`\x1b[32mSaathi:\x1b[0m ${reply.replace(/\n/g, '\n        ')}\n`);
}

console.log(
  `Chatting as ${values.from} (${values.name}) with the ${config.redisUrl ? 'Redis' : 'in-memory'} store. Ctrl+D to quit.\n`,
);
if (values.lang) {
  if (!isLang(values.lang)) throw new Error(`--lang must be one of en hi bn mr te ta gu ur kn or ml pa`);
  show(await send(ENDONYM[values.lang]));
}
if (values.script) {
  for (const line of readFileSync(values.script, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')) {
    console.log(`\x1b[36mYou:\x1b[0m ${line}`);
    show(await send(line));
  }
} else {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.setPrompt('\x1b[36mYou:\x1b[0m ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== '') show(await send(line));
    rl.prompt();
  }
}
server.close();
await runtime.close();
