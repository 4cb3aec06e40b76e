// createSender picks Twilio only when it has everything it needs, says why otherwise, and builds the
// status callback URLs from PUBLIC_BASE_URL.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSender } from '../../src/adapters/create-sender.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';

function capture() {
  const lines: { level: number; msg: string; missing?: string[] }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

let fake: FakeTwilioRest;
beforeAll(async () => {
  fake = await startFakeTwilioRest({ callbacks: { enabled: false } });
});
afterAll(() => fake.close());

describe('createSender', () => {
  it('records in memory when Twilio is not configured, and says what is missing', async () => {
    const { log, lines } = capture();
    const sender = createSender(loadConfig({}).twilio, undefined, log);
    expect(sender.configured).toBe(false);
    await sender.sendMessage({ to: 'whatsapp:+919812345678', body: 'hi' });
    if (sender.configured) throw new Error('expected the recording sender');
    expect(sender.sent()).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]?.msg).toMatch(/Outbound sending is OFF/);
    expect(lines[0]?.missing).toEqual([
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'TWILIO_WHATSAPP_FROM or TWILIO_MESSAGING_SERVICE_SID',
    ]);
  });

  it('needs a WhatsApp sender or a Messaging Service besides the credentials', () => {
    const { log } = capture();
    const config = loadConfig({ TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken });
    expect(createSender(config.twilio, 'https://saathi.example', log).configured).toBe(false);
  });

  it('sends through Twilio with status callbacks under PUBLIC_BASE_URL', async () => {
    const { log } = capture();
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_MESSAGING_SERVICE_SID: `MG${'4'.repeat(32)}`,
      TWILIO_VOICE_FROM: '+912240000000',
      TWILIO_API_BASE_URL: fake.url,
      PUBLIC_BASE_URL: 'https://saathi.example/',
    });
    expect(config.twilio.timeoutMs).toBe(10_000);
    fake.reset();
    const sender = createSender(config.twilio, config.publicBaseUrl, log);
    expect(sender.configured).toBe(true);
    await sender.sendMessage({ to: 'whatsapp:+919812345678', body: 'hi' });
    await sender.placeCall({ to: '+919812345678', url: 'https://saathi.example/twilio/voice/outbound' });
    expect(fake.messages[0]).toMatchObject({
      statusCallback: 'https://saathi.example/twilio/whatsapp/status',
      messagingServiceSid: `MG${'4'.repeat(32)}`,
    });
    expect(fake.calls[0]).toMatchObject({
      statusCallback: 'https://saathi.example/twilio/voice/status',
      from: '+912240000000',
    });
    if (sender.configured) sender.close();
  });

  it('sends without status callbacks when PUBLIC_BASE_URL is unset, and warns', async () => {
    const { log, lines } = capture();
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
      TWILIO_API_BASE_URL: fake.url,
      TWILIO_TIMEOUT_MS: '2500',
    });
    expect(config.twilio.timeoutMs).toBe(2500);
    const sender = createSender(config.twilio, config.publicBaseUrl, log);
    fake.reset();
    await sender.sendMessage({ to: 'whatsapp:+919812345678', body: 'hi' });
    expect(fake.messages[0]?.statusCallback).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.some((line) => line.level === 40 && /PUBLIC_BASE_URL/.test(line.msg))).toBe(true);
    if (sender.configured) sender.close();
  });
});
