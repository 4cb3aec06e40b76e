// One contract for every Sender: the Twilio sender (real `twilio` client against the fake REST API) and
// the recording sender (embedded default) accept and refuse the same sends the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingSender } from '../../src/adapters/recording-sender.js';
import { createTwilioSender } from '../../src/adapters/twilio-sender.js';
import { SendError, type Sender } from '../../src/channels/sender.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';

interface Sent {
  readonly kind: 'message' | 'call';
  readonly sid: string;
  readonly to: string;
  readonly body?: string | undefined;
  readonly contentSid?: string | undefined;
  readonly contentVariables?: Readonly<Record<string, string>> | undefined;
  readonly url?: string | undefined;
}

interface Harness {
  readonly sender: Sender;
  /** What the sender really delivered (fake's records or the recording). */
  delivered(): Sent[];
  close(): Promise<void>;
}

let fake: FakeTwilioRest;
beforeAll(async () => {
  fake = await startFakeTwilioRest();
});
afterAll(() => fake.close());

const harnesses: [string, boolean, () => Harness][] = [
  [
    'twilio sender',
    true,
    () => {
      fake.reset();
      const sender = createTwilioSender({
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        whatsappFrom: 'whatsapp:+14155238886',
        apiBaseUrl: fake.url,
        timeoutMs: 2000,
      });
      return {
        sender,
        delivered: () => [
          ...fake.messages.map((m) => ({
            kind: 'message' as const,
            sid: m.sid,
            to: m.to,
            body: m.body,
            contentSid: m.contentSid,
            contentVariables: m.contentVariables,
          })),
          ...fake.calls.map((c) => ({ kind: 'call' as const, sid: c.sid, to: c.to, url: c.url })),
        ],
        close: () => Promise.resolve(sender.close()),
      };
    },
  ],
  [
    'recording sender',
    false,
    () => {
      const sender = createRecordingSender();
      return {
        sender,
        delivered: () =>
          sender.sent().map((r) =>
            r.kind === 'message'
              ? {
                  kind: r.kind,
                  sid: r.sid,
                  to: r.message.to,
                  body: r.message.body,
                  contentSid: r.message.contentSid,
                  contentVariables: r.message.contentVariables,
                }
              : { kind: r.kind, sid: r.sid, to: r.call.to, url: r.call.url },
          ),
        close: () => Promise.resolve(),
      };
    },
  ],
];

const TEMPLATE = `HX${'a1'.repeat(16)}`;

async function refusal(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe.each(harnesses)('Sender contract: %s', (_name, configured, make) => {
  let h: Harness;
  beforeAll(() => {
    h = make();
  });
  afterAll(() => h.close());

  it('says whether anything leaves the machine', () => {
    expect(h.sender.configured).toBe(configured);
  });

  it('sends a free-text message and returns a Twilio-shaped sid', async () => {
    const sent = await h.sender.sendMessage({ to: 'whatsapp:+919800000001', body: 'Namaste' });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    expect(h.delivered()).toContainEqual(
      expect.objectContaining({
        kind: 'message',
        sid: sent.sid,
        to: 'whatsapp:+919800000001',
        body: 'Namaste',
      }),
    );
  });

  it('sends a template with its variables', async () => {
    const sent = await h.sender.sendMessage({
      to: 'whatsapp:+919800000002',
      contentSid: TEMPLATE,
      contentVariables: { 1: 'Asha', 2: 'Mudra' },
    });
    expect(h.delivered()).toContainEqual(
      expect.objectContaining({
        sid: sent.sid,
        contentSid: TEMPLATE,
        contentVariables: { 1: 'Asha', 2: 'Mudra' },
      }),
    );
  });

  it('places a call', async () => {
    const sent = await h.sender.placeCall({
      to: 'whatsapp:+919800000003',
      url: 'https://saathi.example/twilio/voice',
    });
    expect(sent.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(h.delivered()).toContainEqual(
      expect.objectContaining({ kind: 'call', sid: sent.sid, to: '+919800000003' }),
    );
  });

  it('gives every send its own sid', async () => {
    const sids = await Promise.all(
      [1, 2, 3, 4, 5].map(() => h.sender.sendMessage({ to: 'whatsapp:+919800000004', body: 'hi' })),
    );
    expect(new Set(sids.map((s) => s.sid)).size).toBe(5);
  });

  it.each([
    ['no text, template or media', { to: 'whatsapp:+919800000005' }, 21602],
    ['no recipient', { to: '', body: 'hi' }, 21604],
    ['a body over 1600 characters', { to: 'whatsapp:+919800000005', body: 'x'.repeat(1601) }, 21617],
    ['a malformed template id', { to: 'whatsapp:+919800000005', contentSid: 'HXnot-a-sid' }, 21655],
  ])('refuses a message with %s, permanently, with the code', async (_what, message, code) => {
    const before = h.delivered().length;
    const error = await refusal(h.sender.sendMessage(message));
    expect(error).toMatchObject({ kind: 'permanent', code, httpStatus: 400 });
    expect(error.reason).toMatch(new RegExp(`\\(${code}\\)$`));
    expect(h.delivered()).toHaveLength(before);
  });

  it('refuses a call without a recipient', async () => {
    const error = await refusal(h.sender.placeCall({ to: '', url: 'https://saathi.example/twilio/voice' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 21201 });
  });
});
