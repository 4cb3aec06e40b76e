// Speech recognition through the real @google-cloud/speech client (gRPC) against a local fake of
// Speech-to-Text v1 that checks the audio like Google; fixtures are real espeak-ng recordings.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AudioTooLong,
  createSpeechToText,
  GoogleSpeechToText,
  langOfSpeechCode,
  SpeechUnavailable,
} from '../../src/language/speech/index.js';
import { ProviderError } from '../../src/language/translate/provider-error.js';
import { startFakeGoogleSpeech, type FakeGoogleSpeech } from '../support/fake-google-speech.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));
const HI_WAV = fixture('hi-loan.8k.wav');
const HI_AMOUNT_OGG = fixture('hi-amount.16k.ogg');
const TA_OGG = fixture('ta-loan.16k.ogg');
const TA_WAV = fixture('ta-loan.8k.wav');

let fake: FakeGoogleSpeech;
let stt: GoogleSpeechToText;

beforeAll(async () => {
  fake = await startFakeGoogleSpeech();
  stt = new GoogleSpeechToText({ client: fake.speechClient() });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.register(HI_WAV, { transcript: 'मुझे दुकान के लिए लोन चाहिए', languageCode: 'hi-IN' });
  fake.register(TA_OGG, { transcript: 'எனக்கு கடன் வேண்டும்', languageCode: 'ta-IN', confidence: 0.81 });
  fake.register(TA_WAV, { transcript: 'எனக்கு கடன் வேண்டும்', languageCode: 'ta-IN' });
  fake.register(HI_AMOUNT_OGG, { transcript: 'दो लाख', languageCode: 'hi-IN' });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('Google speech-to-text through the real client', () => {
  it('recognizes a Hindi phone recording (8 kHz LINEAR16 WAV) with the phone model', async () => {
    const heard = await stt.recognize({
      audio: HI_WAV,
      encoding: 'LINEAR16',
      sampleRateHertz: 8000,
      languages: ['hi'],
    });
    expect(heard).toMatchObject({ transcript: 'मुझे दुकान के लिए लोन चाहिए', lang: 'hi' });
    expect(Object.keys(heard ?? {}).sort()).toEqual(['confidence', 'lang', 'transcript']);
    expect(heard?.confidence).toBeCloseTo(0.92, 5);
    const [call] = fake.recognizeCalls;
    expect(call?.config).toMatchObject({
      encoding: 'LINEAR16',
      sampleRateHertz: 8000,
      languageCode: 'hi-IN',
      model: 'telephony',
      maxAlternatives: 1,
    });
    expect(call?.config.enableAutomaticPunctuation).not.toBe(true);
    expect(call?.config.alternativeLanguageCodes).toBeUndefined();
  });

  it('recognizes a Tamil voice note (OGG/Opus 16 kHz) among alternatives, without a phone model', async () => {
    const heard = await stt.recognize({
      audio: TA_OGG,
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languages: ['hi', 'ta', 'en'],
    });
    expect(heard).toMatchObject({ transcript: 'எனக்கு கடன் வேண்டும்', lang: 'ta' });
    expect(heard?.confidence).toBeCloseTo(0.81, 5);
    const [call] = fake.recognizeCalls;
    expect(call?.config).toMatchObject({
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languageCode: 'hi-IN',
      alternativeLanguageCodes: ['ta-IN', 'en-IN'],
    });
    expect(call?.config.model).toBeUndefined();
  });

  it('8 kHz call audio with alternatives uses the default model (phone models take no alternatives)', async () => {
    const heard = await stt.recognize({
      audio: TA_WAV,
      encoding: 'LINEAR16',
      sampleRateHertz: 8000,
      languages: ['ta', 'en'],
    });
    expect(heard?.lang).toBe('ta');
    expect(fake.recognizeCalls[0]?.config.model).toBeUndefined();
  });

  it('only the requested languages can be chosen: Tamil audio asked as Hindi comes back Hindi, unsure', async () => {
    const heard = await stt.recognize({
      audio: TA_OGG,
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languages: ['hi', 'en'],
    });
    expect(heard?.lang).toBe('hi');
    expect(heard?.confidence).toBeLessThan(0.5);
  });

  it('asks for Punjabi as pa-Guru-IN and maps the lower-case answer back', async () => {
    fake.register(HI_AMOUNT_OGG, { transcript: 'ਦੋ ਲੱਖ', languageCode: 'pa-Guru-IN' });
    const heard = await stt.recognize({
      audio: HI_AMOUNT_OGG,
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languages: ['hi', 'pa'],
    });
    expect(fake.recognizeCalls[0]?.config.alternativeLanguageCodes).toEqual(['pa-Guru-IN']);
    expect(heard).toMatchObject({ transcript: 'ਦੋ ਲੱਖ', lang: 'pa' });
  });

  it('passes hints as one speech context, keeps at most three alternatives and drops duplicates', async () => {
    await stt.recognize({
      audio: HI_AMOUNT_OGG,
      encoding: 'OGG_OPUS',
      sampleRateHertz: 16000,
      languages: ['hi', 'hi', 'en', 'mr', 'gu', 'ta'],
      hints: ['दो लाख', '  ', 'Mudra'],
    });
    const [call] = fake.recognizeCalls;
    expect(call?.config.alternativeLanguageCodes).toEqual(['en-IN', 'mr-IN', 'gu-IN']);
    expect(call?.config.speechContexts).toEqual([{ phrases: ['दो लाख', 'Mudra'] }]);
  });

  it('returns undefined when nothing intelligible was heard, and for empty audio without a call', async () => {
    const silence = Buffer.alloc(16000);
    await expect(
      stt.recognize({ audio: silence, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['en'] }),
    ).resolves.toBeUndefined();
    await expect(
      stt.recognize({
        audio: Buffer.alloc(0),
        encoding: 'LINEAR16',
        sampleRateHertz: 8000,
        languages: ['en'],
      }),
    ).resolves.toBeUndefined();
    expect(fake.recognizeCalls).toHaveLength(1);
  });
});

describe('speech failures', () => {
  it('a WAV whose header disagrees with sampleRateHertz is INVALID_ARGUMENT, not retryable', async () => {
    const error = await rejection(
      stt.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 16000, languages: ['hi'] }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'google-speech', code: 'INVALID_ARGUMENT', retryable: false });
    expect((error as Error).message).toMatch(/match the value in the FLAC\/WAV header \(8000\)/);
  });

  it('a truncated WAV and text posing as a voice note are INVALID_ARGUMENT', async () => {
    const truncated = await rejection(
      stt.recognize({
        audio: fixture('broken-truncated.wav'),
        encoding: 'LINEAR16',
        sampleRateHertz: 8000,
        languages: ['hi'],
      }),
    );
    expect(truncated).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false });
    const notAudio = await rejection(
      stt.recognize({
        audio: fixture('broken-not-audio.ogg'),
        encoding: 'OGG_OPUS',
        sampleRateHertz: 48000,
        languages: ['hi'],
      }),
    );
    expect(notAudio).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false });
    expect((notAudio as Error).message).toMatch(/not an Ogg stream/);
  });

  it('an OGG_OPUS rate Google does not take, or one that contradicts the OpusHead, is refused', async () => {
    const odd = await rejection(
      stt.recognize({ audio: TA_OGG, encoding: 'OGG_OPUS', sampleRateHertz: 44100, languages: ['ta'] }),
    );
    expect(odd).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const contradicting = await rejection(
      stt.recognize({ audio: TA_OGG, encoding: 'OGG_OPUS', sampleRateHertz: 48000, languages: ['ta'] }),
    );
    expect((contradicting as Error).message).toMatch(/OpusHead input sample rate \(16000\)/);
  });

  it.each(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED'] as const)(
    '%s is retryable, after exactly one attempt (the library does not retry behind our back)',
    async (status) => {
      fake.failNext('recognize', 1, status);
      const error = await rejection(
        stt.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['hi'] }),
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: 'google-speech', code: status, retryable: true });
      expect(fake.recognizeCalls).toHaveLength(1);
      // The next call goes through.
      await expect(
        stt.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['hi'] }),
      ).resolves.toMatchObject({ lang: 'hi' });
    },
  );

  it('PERMISSION_DENIED is not retryable', async () => {
    fake.failNext('recognize', 1, 'PERMISSION_DENIED');
    await expect(
      stt.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['hi'] }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
  });

  it('refuses audio over one minute or 10 MB before calling', async () => {
    const minuteAndMore = Buffer.alloc(61 * 8000, 0xff); // µ-law at 8 kHz: one byte per sample
    const long = await rejection(
      stt.recognize({ audio: minuteAndMore, encoding: 'MULAW', sampleRateHertz: 8000, languages: ['hi'] }),
    );
    expect(long).toBeInstanceOf(AudioTooLong);
    expect((long as AudioTooLong).seconds).toBeCloseTo(61, 5);
    expect((long as Error).message).toMatch(/61\.0 s is over the 60 s limit/);
    const big = await rejection(
      stt.recognize({
        audio: Buffer.alloc(10 * 1024 * 1024 + 2),
        encoding: 'LINEAR16',
        sampleRateHertz: 48000,
        languages: ['hi'],
      }),
    );
    expect(big).toBeInstanceOf(AudioTooLong);
    expect(fake.recognizeCalls).toHaveLength(0);
  });

  it('needs at least one candidate language', async () => {
    await expect(
      stt.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: [] }),
    ).rejects.toThrow(RangeError);
  });
});

describe('speech factory and offline adapter', () => {
  it('is offline without GOOGLE_CLOUD_PROJECT, says why once, and refuses clearly', async () => {
    const lines: string[] = [];
    const offline = createSpeechToText(
      { googleProject: undefined },
      { info: (msg: string) => lines.push(msg) },
    );
    expect(offline.configured).toBe(false);
    expect(lines).toEqual([
      expect.stringMatching(/GOOGLE_CLOUD_PROJECT is not set: speech recognition is off/),
    ]);
    const error = await rejection(
      offline.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['hi'] }),
    );
    expect(error).toBeInstanceOf(SpeechUnavailable);
    expect((error as Error).message).toMatch(/speech recognition is not configured/);
  });

  it('uses Google when GOOGLE_CLOUD_PROJECT is set (client options reach the real client)', async () => {
    const lines: string[] = [];
    const google = createSpeechToText(
      { googleProject: 'saathi-test' },
      { info: (msg: string) => lines.push(msg) },
      { clientOptions: fake.clientOptions() },
    );
    expect(google.configured).toBe(true);
    expect(lines).toEqual([]);
    await expect(
      google.recognize({ audio: HI_WAV, encoding: 'LINEAR16', sampleRateHertz: 8000, languages: ['hi'] }),
    ).resolves.toMatchObject({ lang: 'hi' });
    await (google as GoogleSpeechToText).close();
  });

  it('maps Google language codes back in any case', () => {
    expect(langOfSpeechCode('hi-in')).toBe('hi');
    expect(langOfSpeechCode('PA-GURU-IN')).toBe('pa');
    expect(langOfSpeechCode('pa-IN')).toBe('pa');
    expect(langOfSpeechCode('ta')).toBe('ta');
    expect(langOfSpeechCode('fr-FR')).toBeUndefined();
    expect(langOfSpeechCode(undefined)).toBeUndefined();
  });
});
