// A WhatsApp voice note through the real webhook: acknowledged at once with empty TwiML, then fetched
// from a local Twilio media server with the account's credentials, transcribed by the real Speech client
// against the gRPC fake, handled like typed text, and answered by REST starting with what was heard.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createRecordingSender } from '../../src/adapters/recording-sender.js';
import { GoogleSpeechToText } from '../../src/language/speech/index.js';
import type { Runtime } from '../../src/main.js';
import { eventually } from '../support/eventually.js';
import { startFakeGoogleSpeech, type FakeGoogleSpeech } from '../support/fake-google-speech.js';
import { startMediaServer, type MediaServer } from '../support/media-server.js';
import { testRuntime } from '../support/runtime.js';
import { inboundForm, messagesOf, sign } from '../support/whatsapp.js';

const SID = `AC${'7'.repeat(32)}`;
const TOKEN = 'voice-note-webhook-token';
const BASE = 'https://saathi.example.in';
const HI_OGG = readFileSync(new URL('../fixtures/audio/hi-loan.16k.ogg', import.meta.url));
const TA_OGG = readFileSync(new URL('../fixtures/audio/ta-loan.16k.ogg', import.meta.url));

let speech: FakeGoogleSpeech;
let media: MediaServer;

beforeAll(async () => {
  speech = await startFakeGoogleSpeech();
  media = await startMediaServer(SID, TOKEN);
});
afterAll(async () => {
  await media.close();
  await speech.close();
});

async function postSigned(runtime: Runtime, form: Record<string, string>) {
  const signature = sign(TOKEN, `${BASE}/twilio/whatsapp`, form);
  return request(runtime.app)
    .post('/twilio/whatsapp')
    .type('form')
    .set('X-Twilio-Signature', signature)
    .send(form);
}

const voiceNote = (from: string, url: string) =>
  inboundForm({
    from,
    extra: { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg', MessageType: 'audio' },
  });

describe('WhatsApp voice notes', () => {
  it('are acknowledged at once, transcribed, and answered by REST like typed text', async () => {
    const sender = createRecordingSender();
    const runtime = testRuntime(
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE },
      { sender, stt: new GoogleSpeechToText({ client: speech.speechClient() }) },
    );
    speech.register(HI_OGG, {
      transcript: 'नमस्ते मुझे दुकान के लिए लोन चाहिए',
      languageCode: 'hi-IN',
      confidence: 0.9,
    });
    const from = 'whatsapp:+919877700001';
    const res = await postSigned(
      runtime,
      voiceNote(from, media.put('hi-note', { bytes: HI_OGG, contentType: 'audio/ogg' })),
    );
    expect(res.status).toBe(200);
    expect(messagesOf(res.text)).toEqual([]);

    const messages = () =>
      sender.sent().flatMap((entry) => (entry.kind === 'message' ? [entry.message] : []));
    await eventually('the heard line and the answer are sent', () => messages().length >= 2);
    const bodies = messages();
    expect(bodies.every((message) => message.to === from)).toBe(true);
    expect(bodies[0]?.body).toBe(
      runtime.messages.format('hi', {
        key: 'voice_note.heard',
        params: { text: 'नमस्ते मुझे दुकान के लिए लोन चाहिए' },
      }),
    );
    expect(bodies[1]?.body).toContain(runtime.messages.format('hi', { key: 'consent.notice' }));
    const stored = await runtime.store.load(runtime.engine.ownerId(from));
    expect(stored?.record.context.lang).toBe('hi');
    expect(media.seen.some((seen) => seen.server === 'api')).toBe(true);
    await runtime.close();
  });

  it('delivered again after they were answered are not answered twice', async () => {
    const sender = createRecordingSender();
    const runtime = testRuntime(
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE },
      { sender, stt: new GoogleSpeechToText({ client: speech.speechClient() }) },
    );
    speech.register(HI_OGG, { transcript: 'नमस्ते मुझे लोन चाहिए', languageCode: 'hi-IN', confidence: 0.9 });
    const form = voiceNote(
      'whatsapp:+919877700009',
      media.put('hi-again', { bytes: HI_OGG, contentType: 'audio/ogg' }),
    );
    const pending = () => runtime.inbox.claim({ now: Date.now() + 86_400_000, leaseMs: 1, limit: 10 });
    await postSigned(runtime, form);
    await eventually('the first delivery is answered and done', async () => (await pending()).length === 0);
    const answered = sender.sent().length;
    expect(answered).toBeGreaterThanOrEqual(2);

    const again = await postSigned(runtime, form);
    expect(again.status).toBe(200);
    expect(messagesOf(again.text)).toEqual([]);
    await eventually('the second delivery is settled', async () => (await pending()).length === 0);
    expect(sender.sent()).toHaveLength(answered);
    await runtime.close();
  });

  it('that cannot be made out get a polite request to send it again or type', async () => {
    const sender = createRecordingSender();
    const runtime = testRuntime(
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE },
      { sender, stt: new GoogleSpeechToText({ client: speech.speechClient() }) },
    );
    // The fake hears nothing in audio it has no transcript for.
    const res = await postSigned(
      runtime,
      voiceNote('whatsapp:+919877700002', media.put('ta-note', { bytes: TA_OGG, contentType: 'audio/ogg' })),
    );
    expect(messagesOf(res.text)).toEqual([]);
    await eventually('a message is sent', () => sender.sent().length > 0);
    const [first] = sender.sent();
    expect(first?.kind === 'message' ? first.message.body : undefined).toBe(
      runtime.messages.format('en', { key: 'voice_note.unclear' }),
    );
    await runtime.close();
  });

  it('without a speech provider go through the turn, which asks the owner to type', async () => {
    const sender = createRecordingSender();
    const runtime = testRuntime(
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE },
      { sender },
    );
    const from = 'whatsapp:+919877700003';
    await postSigned(runtime, inboundForm({ from, body: 'hello' }));
    const res = await postSigned(
      runtime,
      voiceNote(from, media.put('hi-note-2', { bytes: HI_OGG, contentType: 'audio/ogg' })),
    );
    expect(messagesOf(res.text).join('\n')).toContain(runtime.messages.format('en', { key: 'error.media' }));
    expect(sender.sent()).toEqual([]);
    await runtime.close();
  });
});
