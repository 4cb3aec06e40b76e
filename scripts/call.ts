// `npm run call -- [--from +91…] [--lang hi]`: talk to Saathi's IVR in the terminal. Shows what the caller
// hears (<Say> text, <Play> links); type digits to press keys (`1`, `226001#`, `*`), anything else is what
// the caller says (sent as SpeechResult), an empty line is silence. Every step goes through the real HTTP
// handlers in-process as Twilio's webhook (signed when TWILIO_AUTH_TOKEN is set).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import { loadConfig } from '../src/config.js';
import { LANGS, isLang } from '../src/language/langs.js';
import { createLogger } from '../src/logger.js';
import { compose } from '../src/main.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '+919800000001' },
    lang: { type: 'string' },
  },
});

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
const runtime = compose(config, { log: createLogger(config.logLevel) });
const server = runtime.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;
const base = config.publicBaseUrl ?? `http://127.0.0.1:${port}`;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['Say', 'Play', 'Gather'].includes(name),
});
const callSid = `CA${randomBytes(16).toString('hex')}`;
let action = '/twilio/voice';
let ended = false;

type Node = Record<string, unknown>;

function show(xml: string): void {
  const doc = parser.parse(xml) as { Response?: Node };
  const response = doc.Response ?? {};
  const gather = (response.Gather as Node[] | undefined)?.[0];
  for (const node of [response, gather]) {
    for (const say of (node?.Say as Node[] | undefined) ?? [])
      console.log(`\x1b[32mSaathi (${String(say.language)}):\x1b[0m ${String(say['#text'])}`);
    for (const play of (node?.Play as unknown[] | undefined) ?? [])
      console.log(`\x1b[32mSaathi (audio):\x1b[0m ${String(play)}`);
  }
  if (response.Record) console.log('   (recording your first words: say something, or press a key)');
  if (gather) {
    action = String(gather.action);
    console.log(
      `   [listening: ${String(gather.input)}${typeof gather.language === 'string' ? ` in ${gather.language}` : ''}]`,
    );
  } else if (typeof response.Redirect === 'string') action = response.Redirect;
  else if (typeof (response.Redirect as Node | undefined)?.['#text'] === 'string')
    action = (response.Redirect as Node)['#text'] as string;
  if ('Hangup' in response) {
    console.log('   (the call ended)');
    ended = true;
  }
}

async function step(fields: Record<string, string>): Promise<void> {
  const form: Record<string, string> = {
    CallSid: callSid,
    AccountSid: config.twilio.accountSid ?? `AC${'0'.repeat(32)}`,
    From: values.from ?? '+919800000001',
    To: config.twilio.voiceFrom ?? '+14155550100',
    Direction: 'inbound',
    CallStatus: 'in-progress',
    ...fields,
  };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (config.twilio.authToken)
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
      config.twilio.authToken,
      `${base}${action}`,
      form,
    );
  const res = await fetch(`http://127.0.0.1:${port}${action}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
  const body = await res.text();
  if (!res.ok) {
    console.log(`[HTTP ${res.status}] ${body}`);
    ended = true;
    return;
  }
  show(body);
}

const input = (line: string): Record<string, string> => {
  const trimmed = line.trim();
  if (trimmed === '') return {};
  return /^[0-9*#]+$/.test(trimmed) ? { Digits: trimmed } : { SpeechResult: trimmed, Confidence: '0.9' };
};

console.log(
  `Calling Saathi as ${values.from} (${config.redisUrl ? 'Redis' : 'in-memory'} store). Keys: digits, * and #; words are speech; empty line = silence. Ctrl+D hangs up.\n`,
);
await step({});
if (values.lang && !ended) {
  if (!isLang(values.lang)) throw new Error(`--lang must be one of ${LANGS.join(' ')}`);
  console.log(`\x1b[36mYou press:\x1b[0m ${LANGS.indexOf(values.lang) + 1}`);
  await step({ Digits: String(LANGS.indexOf(values.lang) + 1) });
}
const rl = createInterface({ input: process.stdin, output: process.stdout });
rl.setPrompt('\x1b[36mYou:\x1b[0m ');
if (!ended) rl.prompt();
for await (const line of rl) {
  await step(input(line));
  if (ended) break;
  rl.prompt();
}
rl.close();
server.close();
await runtime.close();
