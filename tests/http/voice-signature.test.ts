// Voice routes behind Twilio signatures (POST steps and the GET of <Play> audio), synthesized audio for
// Odia/Urdu, and the language from a new caller's first words.
import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/language/langs.js';
import type { RecognizeRequest, SpeechToText } from '../../src/language/speech/port.js';
import type { Audio, TextToSpeech } from '../../src/language/tts/port.js';
import { sign } from '../support/whatsapp.js';
import { testRuntime } from '../support/runtime.js';

const TOKEN = 'voice-test-token-0123456789abcdef';
const BASE = 'https://saathi.example.in';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['Say', 'Play', 'Gather'].includes(name),
});

/** An in-memory TextToSpeech with Odia and Urdu voices: audio bytes are the text itself. */
function memoryTts(): TextToSpeech {
  const cache = new Map<string, Audio>();
  return {
    configured: true,
    voices: () => Promise.resolve<Lang[]>(['or', 'ur', 'hi']),
    synthesize: ({ text, lang }) => {
      const id = Buffer.from(`${lang}:${text}`).toString('base64url').slice(0, 40);
      const audio: Audio = { id, contentType: 'audio/wav', bytes: Buffer.from(text) };
      cache.set(id, audio);
      return Promise.resolve(audio);
    },
    cached: (id) => Promise.resolve(cache.get(id)),
  };
}

const form = (extra: Record<string, string> = {}) => ({
  CallSid: `CA${randomBytes(16).toString('hex')}`,
  From: '+919812399999',
  To: '+14155550100',
  Direction: 'inbound',
  ...extra,
});

describe('signed voice requests', () => {
  const { app } = testRuntime(
    { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE },
    { voice: { tts: memoryTts() } },
  );

  it('answers a signed call, refuses an unsigned or tampered one with 403', async () => {
    const fields = form();
    const signature = sign(TOKEN, `${BASE}/twilio/voice`, fields);
    expect((await request(app).post('/twilio/voice').type('form').send(fields)).status).toBe(403);
    expect(
      (
        await request(app)
          .post('/twilio/voice')
          .type('form')
          .set('X-Twilio-Signature', signature)
          .send({ ...fields, Digits: '1' })
      ).status,
    ).toBe(403);
    const ok = await request(app)
      .post('/twilio/voice')
      .type('form')
      .set('X-Twilio-Signature', signature)
      .send(fields);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/xml/);
  });

  it('plays Odia and Urdu options as synthesized audio that Twilio can fetch with a signed GET', async () => {
    const fields = form();
    const res = await request(app)
      .post('/twilio/voice')
      .type('form')
      .set('X-Twilio-Signature', sign(TOKEN, `${BASE}/twilio/voice`, fields))
      .send(fields);
    const doc = parser.parse(res.text) as { Response: { Gather: { Play?: string[] }[] } };
    const plays = doc.Response.Gather[0]?.Play ?? [];
    expect(plays).toHaveLength(2);
    const url = plays[0] ?? '';
    expect(url.startsWith(`${BASE}/twilio/voice/audio/`)).toBe(true);
    const path = url.slice(BASE.length);
    expect((await request(app).get(path)).status).toBe(403);
    const audio = await request(app)
      .get(path)
      .set('X-Twilio-Signature', sign(TOKEN, url, {}));
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    const missing = `/twilio/voice/audio/unknown-audio-id`;
    expect(
      (
        await request(app)
          .get(missing)
          .set('X-Twilio-Signature', sign(TOKEN, `${BASE}${missing}`, {}))
      ).status,
    ).toBe(404);
  });
});

describe('language from the first words', () => {
  const heardRequests: RecognizeRequest[] = [];
  const stt = (transcript: string, lang: Lang): SpeechToText => ({
    configured: true,
    recognize: (req) => {
      heardRequests.push(req);
      return Promise.resolve({ transcript, lang, confidence: 0.9 });
    },
  });
  const fetchRecording = () => Promise.resolve(Buffer.alloc(1600));

  it('records the first words, recognizes them in the prior languages and starts in that language', async () => {
    const { app } = testRuntime({}, { voice: { stt: stt('வணக்கம் எனக்கு கடன் வேண்டும்', 'ta'), fetchRecording } });
    const fields = form({ From: '+916380099999' });
    const first = await request(app).post('/twilio/voice').type('form').send(fields);
    const doc = parser.parse(first.text) as {
      Response: { Record?: Record<string, string>; Redirect?: unknown };
    };
    expect(doc.Response.Record).toMatchObject({ action: '/twilio/voice/next?s=1', maxLength: '5' });
    const next = await request(app)
      .post('/twilio/voice/next?s=1')
      .type('form')
      .send({ ...fields, RecordingUrl: 'https://api.twilio.com/rec/RE1' });
    const said = parser.parse(next.text) as { Response: { Gather: { Say: { voice: string }[] }[] } };
    expect(said.Response.Gather[0]?.Say.every((say) => say.voice === 'Google.ta-IN-Standard-A')).toBe(true);
    expect(heardRequests.at(-1)?.languages.slice(0, 2)).toEqual(['ta', 'te']);
  });

  it('falls back to the keypad menu when the text detector disagrees with the recognizer', async () => {
    const { app } = testRuntime({}, { voice: { stt: stt('नमस्ते मुझे लोन चाहिए', 'ta'), fetchRecording } });
    const fields = form();
    await request(app).post('/twilio/voice').type('form').send(fields);
    const next = await request(app)
      .post('/twilio/voice/next?s=1')
      .type('form')
      .send({ ...fields, RecordingUrl: 'https://api.twilio.com/rec/RE2' });
    const doc = parser.parse(next.text) as { Response: { Gather: Record<string, unknown>[] } };
    expect(doc.Response.Gather[0]).toMatchObject({ input: 'dtmf', timeout: '3' });
  });
});
