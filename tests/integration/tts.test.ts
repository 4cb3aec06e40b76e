// Text-to-speech through the real @google-cloud/text-to-speech client (gRPC) against the local fake:
// voice choice from listVoices, 8 kHz WAV Twilio can play, the content-hash cache in memory and on disk,
// Odia/Urdu behaviour, failures, prerendering and the <Say> fallback.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wavInfo } from '../../src/language/speech/audio-info.js';
import {
  audioFileName,
  createDiskAudioCache,
  createMemoryAudioCache,
  createTextToSpeech,
  GoogleTextToSpeech,
  parseAudioFileName,
  TtsUnavailable,
  VoiceUnavailable,
} from '../../src/language/tts/index.js';
import { ProviderError } from '../../src/language/translate/provider-error.js';
import {
  DEFAULT_VOICES,
  startFakeGoogleSpeech,
  type FakeGoogleSpeech,
} from '../support/fake-google-speech.js';

let fake: FakeGoogleSpeech;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeGoogleSpeech();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'saathi-audio-'));
  dirs.push(dir);
  return dir;
};
const adapter = (cache = createMemoryAudioCache()): GoogleTextToSpeech =>
  new GoogleTextToSpeech({ cache, client: fake.ttsClient() });

const HINDI = 'नमस्ते, साथी में आपका स्वागत है।';

describe('Google text-to-speech through the real client', () => {
  it('asks listVoices once and keeps one Indian voice per language (no Odia unless listed)', async () => {
    const tts = adapter();
    const [langs] = await Promise.all([
      tts.voices(),
      tts.voices(),
      tts.synthesize({ text: 'Hi', lang: 'en', format: 'wav' }),
    ]);
    expect(fake.listVoicesCalls).toBe(1);
    expect([...langs].sort()).toEqual(['bn', 'en', 'gu', 'hi', 'kn', 'ml', 'mr', 'pa', 'ta', 'te', 'ur']);
    await expect(tts.voiceFor('hi')).resolves.toBe('hi-IN-Wavenet-A');
    await expect(tts.voiceFor('en')).resolves.toBe('en-IN-Wavenet-A');
    await expect(tts.voiceFor('or')).resolves.toBeUndefined();
  });

  it('renders 8 kHz LINEAR16 as a valid RIFF/WAVE file named by its content hash', async () => {
    const audio = await adapter().synthesize({ text: HINDI, lang: 'hi', format: 'wav' });
    expect(fake.synthesizeCalls).toEqual([
      {
        text: HINDI,
        languageCode: 'hi-IN',
        voiceName: 'hi-IN-Wavenet-A',
        audioEncoding: 'LINEAR16',
        sampleRateHertz: 8000,
        status: 0,
      },
    ]);
    expect(audio.contentType).toBe('audio/wav');
    expect(audio.id).toBe(createHash('sha256').update(`hi-IN-Wavenet-A|wav|${HINDI}`).digest('hex'));
    expect(audio.bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(audio.bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
    expect(audio.bytes.readUInt32LE(4)).toBe(audio.bytes.length - 8);
    const info = wavInfo(audio.bytes);
    expect(info).toMatchObject({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(info?.dataBytes).toBe(audio.bytes.length - 44);
    expect(info?.durationSeconds).toBeGreaterThan(1);
    expect(audioFileName(audio)).toBe(`${audio.id}.wav`);
  });

  it('renders MP3 on request', async () => {
    const audio = await adapter().synthesize({ text: 'வணக்கம்', lang: 'ta', format: 'mp3' });
    expect(audio.contentType).toBe('audio/mpeg');
    expect([...audio.bytes.subarray(0, 2)]).toEqual([0xff, 0xfb]);
    expect(fake.synthesizeCalls[0]).toMatchObject({ languageCode: 'ta-IN', audioEncoding: 'MP3' });
  });

  it('asks the provider once per distinct prompt, even when the same prompt is asked concurrently', async () => {
    const tts = adapter();
    const first = await tts.synthesize({ text: HINDI, lang: 'hi', format: 'wav' });
    const again = await tts.synthesize({ text: `  ${HINDI} `, lang: 'hi', format: 'wav' });
    expect(again).toEqual(first);
    const [a, b] = await Promise.all([
      tts.synthesize({ text: 'दो लाख', lang: 'hi', format: 'wav' }),
      tts.synthesize({ text: 'दो लाख', lang: 'hi', format: 'wav' }),
    ]);
    expect(a.id).toBe(b.id);
    await tts.synthesize({ text: HINDI, lang: 'hi', format: 'mp3' });
    expect(fake.synthesizeCalls.map((call) => [call.text, call.audioEncoding])).toEqual([
      [HINDI, 'LINEAR16'],
      ['दो लाख', 'LINEAR16'],
      [HINDI, 'MP3'],
    ]);
    await expect(tts.cached(first.id)).resolves.toEqual(first);
  });

  it('keeps audio on disk: a new adapter over the same directory does not call again', async () => {
    const dir = tempDir();
    const one = adapter(createDiskAudioCache(join(dir, 'nested', 'audio')));
    const audio = await one.synthesize({ text: HINDI, lang: 'hi', format: 'wav' });
    expect(existsSync(join(dir, 'nested', 'audio', `${audio.id}.wav`))).toBe(true);
    expect(readFileSync(join(dir, 'nested', 'audio', `${audio.id}.wav`)).equals(audio.bytes)).toBe(true);

    const two = adapter(createDiskAudioCache(join(dir, 'nested', 'audio')));
    await expect(two.cached(audio.id)).resolves.toEqual(audio);
    await expect(two.synthesize({ text: HINDI, lang: 'hi', format: 'wav' })).resolves.toEqual(audio);
    expect(fake.synthesizeCalls).toHaveLength(1);
    await expect(two.cached('0'.repeat(64))).resolves.toBeUndefined();
    await expect(two.cached('../../etc/passwd')).resolves.toBeUndefined();
  });

  it('has no Odia voice unless listVoices offers one, and drops Urdu when it is not offered', async () => {
    const tts = adapter();
    await expect(tts.synthesize({ text: 'ନମସ୍କାର', lang: 'or', format: 'wav' })).rejects.toBeInstanceOf(
      VoiceUnavailable,
    );
    await expect(tts.synthesize({ text: 'آداب', lang: 'ur', format: 'wav' })).resolves.toMatchObject({
      contentType: 'audio/wav',
    });

    fake.setVoices([
      ...DEFAULT_VOICES.filter((voice) => !voice.languageCodes.includes('ur-IN')),
      {
        name: 'or-IN-Standard-A',
        languageCodes: ['or-IN'],
        ssmlGender: 'FEMALE',
        naturalSampleRateHertz: 24000,
      },
    ]);
    const later = adapter();
    expect(await later.voices()).toContain('or');
    expect(await later.voices()).not.toContain('ur');
    await expect(later.synthesize({ text: 'ନମସ୍କାର', lang: 'or', format: 'wav' })).resolves.toMatchObject({
      contentType: 'audio/wav',
    });
    const error = await later
      .synthesize({ text: 'آداب', lang: 'ur', format: 'wav' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoiceUnavailable);
    expect((error as Error).message).toMatch(/no text-to-speech voice for ur \(ur-IN\)/);
  });

  it('maps failures to ProviderError and asks listVoices again after a failed first try', async () => {
    fake.failNext('listVoices', 1, 'UNAVAILABLE');
    const tts = adapter();
    await expect(tts.voices()).rejects.toMatchObject({
      provider: 'google-tts',
      code: 'UNAVAILABLE',
      retryable: true,
    });
    await expect(tts.voices()).resolves.toContain('hi');
    expect(fake.listVoicesCalls).toBe(2);

    fake.failNext('synthesizeSpeech', 1, 'DEADLINE_EXCEEDED');
    const error = await tts.synthesize({ text: HINDI, lang: 'hi', format: 'wav' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'DEADLINE_EXCEEDED', retryable: true });
    // Nothing was cached for the failed prompt: the next try calls again and succeeds.
    await expect(tts.synthesize({ text: HINDI, lang: 'hi', format: 'wav' })).resolves.toMatchObject({
      contentType: 'audio/wav',
    });
    expect(fake.synthesizeCalls).toHaveLength(2);
    await expect(tts.synthesize({ text: '   ', lang: 'hi', format: 'wav' })).rejects.toThrow(RangeError);
  });
});

describe('text-to-speech factory, offline adapter and file names', () => {
  it('is offline without GOOGLE_CLOUD_PROJECT, says why, but still serves cached files', async () => {
    const dir = tempDir();
    const audio = await adapter(createDiskAudioCache(dir)).synthesize({
      text: HINDI,
      lang: 'hi',
      format: 'wav',
    });
    const lines: string[] = [];
    const offline = createTextToSpeech({ audioDir: dir }, { info: (msg: string) => lines.push(msg) });
    expect(offline.configured).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/voice prompts use Twilio <Say>/)]);
    await expect(offline.voices()).resolves.toEqual([]);
    await expect(offline.synthesize({ text: HINDI, lang: 'hi', format: 'wav' })).rejects.toBeInstanceOf(
      TtsUnavailable,
    );
    await expect(offline.cached(audio.id)).resolves.toEqual(audio);
  });

  it('uses Google with a disk cache when GOOGLE_CLOUD_PROJECT is set', async () => {
    const dir = tempDir();
    const tts = createTextToSpeech(
      { googleProject: 'saathi-test', audioDir: dir },
      { info: () => undefined },
      { clientOptions: fake.clientOptions() },
    );
    expect(tts.configured).toBe(true);
    const audio = await tts.synthesize({ text: 'नमस्ते', lang: 'hi', format: 'mp3' });
    expect(existsSync(join(dir, `${audio.id}.mp3`))).toBe(true);
    await (tts as GoogleTextToSpeech).close();
  });

  it('parses only our own audio file names', () => {
    const id = 'a'.repeat(64);
    expect(parseAudioFileName(`${id}.wav`)).toEqual({ id, format: 'wav' });
    expect(parseAudioFileName(`${id}.mp3`)).toEqual({ id, format: 'mp3' });
    expect(parseAudioFileName(`${id}.ogg`)).toBeUndefined();
    expect(parseAudioFileName(`../${id}.wav`)).toBeUndefined();
    expect(parseAudioFileName('A'.repeat(64) + '.wav')).toBeUndefined();
  });
});
