// The Twilio sender with the real `twilio` client against the local fake REST API: what goes on the wire
// and how every kind of failure becomes a retryable or permanent SendError.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTwilioSender,
  type TwilioSender,
  type TwilioSenderOptions,
} from '../../src/adapters/twilio-sender.js';
import { SendError } from '../../src/channels/sender.js';
import { startFakeTwilioRest, type Fault, type FakeTwilioRest } from '../support/fake-twilio-rest.js';

const TO = 'whatsapp:+919812345678';
const FROM = 'whatsapp:+14155238886';
const SERVICE = `MG${'2'.repeat(32)}`;
const TEMPLATE = `HX${'3'.repeat(32)}`;

let fake: FakeTwilioRest;
const senders: TwilioSender[] = [];

function sender(overrides: Partial<TwilioSenderOptions> = {}): TwilioSender {
  const created = createTwilioSender({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    whatsappFrom: FROM,
    apiBaseUrl: fake.url,
    timeoutMs: 1500,
    statusCallbackUrl: 'https://saathi.example/twilio/whatsapp/status',
    callStatusCallbackUrl: 'https://saathi.example/twilio/voice/status',
    ...overrides,
  });
  senders.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => new Error('expected the send to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

beforeAll(async () => {
  // Status callbacks are covered in twilio-status-callbacks.test.ts.
  fake = await startFakeTwilioRest({ callbacks: { enabled: false } });
});
afterEach(() => fake.reset());
afterAll(async () => {
  for (const s of senders) s.close();
  await fake.close();
});

describe('Twilio sender: what is sent', () => {
  it('posts a WhatsApp text with From, Body and the default StatusCallback', async () => {
    const sent = await sender().sendMessage({ to: TO, body: 'नमस्ते' });
    expect(sent).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/) as string, status: 'queued' });
    expect(fake.attempts).toHaveLength(1);
    expect(fake.attempts[0]?.params).toEqual({
      To: TO,
      From: FROM,
      Body: 'नमस्ते',
      StatusCallback: 'https://saathi.example/twilio/whatsapp/status',
    });
  });

  it('sends a template: ContentSid and ContentVariables as a JSON string', async () => {
    await sender().sendMessage({
      to: TO,
      contentSid: TEMPLATE,
      contentVariables: { 1: 'Asha', 2: '₹50,000' },
    });
    const params = fake.attempts[0]?.params;
    expect(params?.ContentSid).toBe(TEMPLATE);
    expect(params?.Body).toBeUndefined();
    expect(JSON.parse(params?.ContentVariables ?? 'null')).toEqual({ 1: 'Asha', 2: '₹50,000' });
    expect(fake.messages[0]?.contentVariables).toEqual({ 1: 'Asha', 2: '₹50,000' });
  });

  it('prefers the Messaging Service over From, and a message can still name its own From', async () => {
    const viaService = await sender({ messagingServiceSid: SERVICE }).sendMessage({ to: TO, body: 'hi' });
    expect(viaService.status).toBe('accepted');
    expect(fake.messages[0]).toMatchObject({ messagingServiceSid: SERVICE, from: undefined });
    await sender({ messagingServiceSid: SERVICE }).sendMessage({
      to: TO,
      body: 'hi',
      from: 'whatsapp:+14150000000',
    });
    expect(fake.messages[1]).toMatchObject({ from: 'whatsapp:+14150000000', messagingServiceSid: undefined });
  });

  it('sends every media URL and a per-message StatusCallback', async () => {
    const media = ['https://saathi.example/media/a.ogg', 'https://saathi.example/media/b.pdf'];
    await sender().sendMessage({
      to: TO,
      body: 'notes',
      mediaUrl: media,
      statusCallback: 'https://other.example/cb',
    });
    expect(fake.messages[0]).toMatchObject({ mediaUrl: media, statusCallback: 'https://other.example/cb' });
  });

  it('places a call to the plain number from the WhatsApp number, with status events', async () => {
    const sent = await sender().placeCall({ to: TO, url: 'https://saathi.example/twilio/voice/outbound' });
    expect(sent).toEqual({ sid: expect.stringMatching(/^CA[0-9a-f]{32}$/) as string, status: 'queued' });
    expect(fake.calls[0]).toMatchObject({
      to: '+919812345678',
      from: '+14155238886',
      url: 'https://saathi.example/twilio/voice/outbound',
      statusCallback: 'https://saathi.example/twilio/voice/status',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await sender({ voiceFrom: '+912240000000' }).placeCall({
      to: '+919812345678',
      url: 'https://saathi.example/v',
    });
    expect(fake.calls[1]?.from).toBe('+912240000000');
  });

  it('refuses a call when no caller number is known, without a request', async () => {
    const error = await failure(
      sender({ whatsappFrom: undefined, messagingServiceSid: SERVICE }).placeCall({
        to: TO,
        url: 'https://x.example/v',
      }),
    );
    expect(error).toMatchObject({ kind: 'permanent', code: undefined });
    expect(error.reason).toContain('TWILIO_VOICE_FROM');
    expect(fake.attempts).toHaveLength(0);
  });
});

describe('Twilio sender: failures', () => {
  it.each<[string, Fault, number | undefined, number | undefined]>([
    ['429 Too Many Requests', 429, 20429, 429],
    ['500 Internal Server Error', 500, 20500, 500],
    ['503 Service Unavailable', 503, 20503, 503],
    ['63018 WhatsApp rate limit', 63018, 63018, 429],
    [
      'a proxy 502 page without a Twilio body',
      { status: 502, body: '<html>Bad Gateway</html>' },
      undefined,
      502,
    ],
  ])('%s is retryable, and the library does not retry it itself', async (_name, fault, code, httpStatus) => {
    fake.failNext(1, fault);
    const error = await failure(sender().sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'retryable', code, httpStatus });
    expect(fake.attempts).toHaveLength(1);
    expect(fake.messages).toHaveLength(0);
  });

  it('a request with no answer times out as retryable', async () => {
    fake.failNext(1, 'hang');
    const error = await failure(sender({ timeoutMs: 300 }).sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'retryable', code: undefined, httpStatus: undefined });
    expect(error.reason).toMatch(/no answer from Twilio within 300 ms/);
  });

  it('a reset connection is retryable', async () => {
    fake.failNext(1, 'reset');
    const error = await failure(sender().sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'retryable', httpStatus: undefined });
    expect(error.reason).toMatch(/network error talking to Twilio/);
  });

  it('an unreachable API is retryable', async () => {
    const closed = await startFakeTwilioRest();
    await closed.close();
    const error = await failure(sender({ apiBaseUrl: closed.url }).sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'retryable' });
    expect(error.reason).toContain('ECONNREFUSED');
  });

  it.each([
    [21610, 'recipient has unsubscribed (replied STOP) (21610)'],
    [63003, "'To' is not a valid WhatsApp address (63003)"],
    [63024, 'invalid message recipient (not a WhatsApp user) (63024)'],
    [63016, 'outside the 24-hour WhatsApp window: an approved template (ContentSid) is needed (63016)'],
  ])('%i is permanent with a readable reason', async (code, reason) => {
    fake.failFor(TO, code);
    const error = await failure(sender().sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'permanent', code, httpStatus: 400, reason, message: reason });
  });

  it('a per-recipient fault leaves other recipients alone and can be limited', async () => {
    fake.failFor(TO, 503, { times: 1 });
    const s = sender();
    await failure(s.sendMessage({ to: TO, body: 'hi' }));
    await expect(s.sendMessage({ to: 'whatsapp:+919800000009', body: 'hi' })).resolves.toMatchObject({
      status: 'queued',
    });
    await expect(s.sendMessage({ to: TO, body: 'hi' })).resolves.toMatchObject({ status: 'queued' });
  });

  it('wrong credentials are permanent (401, 20003)', async () => {
    const error = await failure(sender({ authToken: 'not-the-token' }).sendMessage({ to: TO, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 20003, httpStatus: 401 });
    expect(error.reason).toContain('TWILIO_AUTH_TOKEN');
    expect(fake.attempts).toHaveLength(0);
  });

  it('an invalid ContentVariables value is refused by the API (21656)', async () => {
    // The sender always encodes variables as JSON; a non-string value is what Twilio refuses.
    const variables = { 1: 42 } as unknown as Record<string, string>;
    const error = await failure(
      sender().sendMessage({ to: TO, contentSid: TEMPLATE, contentVariables: variables }),
    );
    expect(error).toMatchObject({ kind: 'permanent', code: 21656 });
  });
});
