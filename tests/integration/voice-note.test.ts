// A WhatsApp voice note end to end: local Twilio media server → fetchTwilioMedia → OpusHead → the real
// Speech client against the gRPC fake → text, language (cross-checked with the text detector).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchTwilioMedia } from '../../src/channels/media.js';
import { transcribeVoiceNote, type VoiceNoteDeps } from '../../src/channels/voice-note.js';
import { createOfflineSpeechToText, GoogleSpeechToText } from '../../src/language/speech/index.js';
import { startFakeGoogleSpeech, type FakeGoogleSpeech } from '../support/fake-google-speech.js';
import { startMediaServer, type MediaServer } from '../support/media-server.js';

const SID = 'AC00000000000000000000000000000002';
const TOKEN = 'voice-note-token';
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));
const TA_OGG = fixture('ta-loan.16k.ogg');
const HI_OGG = fixture('hi-loan.16k.ogg');
const HI_AMOUNT_OGG = fixture('hi-amount.16k.ogg');
const OGG = 'audio/ogg';

let speech: FakeGoogleSpeech;
let media: MediaServer;
let deps: VoiceNoteDeps;

beforeAll(async () => {
  speech = await startFakeGoogleSpeech();
  media = await startMediaServer(SID, TOKEN);
  deps = {
    stt: new GoogleSpeechToText({ client: speech.speechClient() }),
    fetchMedia: (url) => fetchTwilioMedia(url, { accountSid: SID, authToken: TOKEN, maxBytes: 1024 * 1024 }),
  };
});
afterAll(async () => {
  await media.close();
  await speech.close();
});
beforeEach(() => {
  speech.reset();
  media.reset();
});

describe('transcribeVoiceNote', () => {
  it('turns a Tamil voice note into Tamil text, asking with the OpusHead sample rate', async () => {
    speech.register(TA_OGG, { transcript: 'எனக்கு கடன் வேண்டும்', languageCode: 'ta-IN', confidence: 0.88 });
    const url = media.put('ta', { bytes: TA_OGG, contentType: 'audio/ogg; codecs=opus' });
    const result = await transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi', 'ta', 'en']);
    expect(result).toMatchObject({ text: 'எனக்கு கடன் வேண்டும்', lang: 'ta' });
    expect('confidence' in result ? result.confidence : -1).toBeCloseTo(0.88, 5);
    expect(speech.recognizeCalls[0]?.config).toMatchObject({
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languageCode: 'hi-IN',
      alternativeLanguageCodes: ['ta-IN', 'en-IN'],
    });
    expect(media.seen.map((r) => r.server)).toEqual(['api', 'cdn']);
  });

  it('keeps the recognizer’s language when the detector is unsure (a short number answer)', async () => {
    speech.register(HI_AMOUNT_OGG, { transcript: 'दो लाख', languageCode: 'hi-IN' });
    const url = media.put('amount', { bytes: HI_AMOUNT_OGG, contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi', 'mr'])).resolves.toMatchObject({
      text: 'दो लाख',
      lang: 'hi',
    });
  });

  it('takes the detector’s language when it is confident otherwise (Marathi words labelled Hindi)', async () => {
    speech.register(HI_OGG, { transcript: 'मला दुकानासाठी कर्ज हवे आहे', languageCode: 'hi-IN' });
    const url = media.put('mr', { bytes: HI_OGG, contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi', 'mr'])).resolves.toMatchObject({
      lang: 'mr',
    });
  });

  it('says unintelligible when nothing was recognised', async () => {
    const url = media.put('silence', { bytes: HI_OGG, contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi'])).resolves.toEqual({
      error: 'unintelligible',
    });
  });

  it('says not_configured without a provider, before downloading anything', async () => {
    const url = media.put('ta', { bytes: TA_OGG, contentType: OGG });
    const offline = { ...deps, stt: createOfflineSpeechToText() };
    await expect(transcribeVoiceNote(offline, { url, contentType: OGG }, ['ta'])).resolves.toEqual({
      error: 'not_configured',
    });
    expect(media.seen).toHaveLength(0);
  });

  it('says bad_audio for a file that is not Ogg/Opus, without calling the recognizer', async () => {
    const url = media.put('text', { bytes: fixture('broken-not-audio.ogg'), contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi'])).resolves.toMatchObject({
      error: 'bad_audio',
    });
    expect(speech.recognizeCalls).toHaveLength(0);
    await expect(
      transcribeVoiceNote(deps, { url, contentType: 'image/jpeg' }, ['hi']),
    ).resolves.toMatchObject({ error: 'bad_audio' });
  });

  it('says fetch_failed when Twilio does not hand over the file', async () => {
    const result = await transcribeVoiceNote(
      deps,
      { url: `${media.apiBase}/2010-04-01/Accounts/${SID}/Messages/MM1/Media/gone`, contentType: OGG },
      ['hi'],
    );
    expect(result).toMatchObject({ error: 'fetch_failed' });
    expect('detail' in result ? result.detail : '').toMatch(/HTTP 404/);
  });

  it('says too_long for a download over the limit and for audio over the recognition limit', async () => {
    const url = media.put('huge', { bytes: Buffer.alloc(2 * 1024 * 1024, 1), contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['hi'])).resolves.toMatchObject({
      error: 'too_long',
    });
    const strict = {
      ...deps,
      stt: new GoogleSpeechToText({
        client: speech.speechClient(),
        limits: { maxSeconds: 1, maxBytes: 1e7 },
      }),
    };
    const longer = media.put('ta', { bytes: TA_OGG, contentType: OGG });
    const result = await transcribeVoiceNote(strict, { url: longer, contentType: OGG }, ['ta']);
    expect(result).toMatchObject({ error: 'too_long' });
    expect('detail' in result ? result.detail : '').toMatch(/over the 1 s limit/);
    expect(speech.recognizeCalls).toHaveLength(0);
  });

  it('says unavailable when the provider fails', async () => {
    speech.failNext('recognize', 1, 'UNAVAILABLE');
    const url = media.put('ta', { bytes: TA_OGG, contentType: OGG });
    await expect(transcribeVoiceNote(deps, { url, contentType: OGG }, ['ta'])).resolves.toMatchObject({
      error: 'unavailable',
    });
  });
});
