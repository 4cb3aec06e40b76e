// Pure pieces of the voice work: audio header parsing on the real fixtures, WAV repair for Twilio, voice
// choice, the <Say> fallback, the memory audio cache and bounded prerendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durationSeconds, opusInfo, wavInfo } from '../../src/language/speech/audio-info.js';
import { checkSyncLimits, AudioTooLong } from '../../src/language/speech/limits.js';
import { audioId, createMemoryAudioCache } from '../../src/language/tts/audio-cache.js';
import { prerender } from '../../src/language/tts/prerender.js';
import type { Audio, SynthesisRequest, TextToSpeech } from '../../src/language/tts/port.js';
import { sayFor } from '../../src/language/tts/say.js';
import { chooseVoices } from '../../src/language/tts/voice-choice.js';
import { ensurePlayableWav, pcmToWav, UnplayableAudio } from '../../src/language/tts/wav.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url));

describe('audio headers of the fixtures', () => {
  it('reads an 8 kHz phone WAV', () => {
    const info = wavInfo(fixture('hi-loan.8k.wav'));
    expect(info).toMatchObject({
      formatTag: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataOffset: 44,
    });
    expect(info?.durationSeconds).toBeGreaterThan(2);
    expect(info?.durationSeconds).toBeLessThan(3);
  });

  it('reads an Ogg/Opus voice note: OpusHead rate and length from the last granule', () => {
    const info = opusInfo(fixture('ta-loan.16k.ogg'));
    expect(info).toMatchObject({ channels: 1, inputSampleRate: 16000, preSkip: 312 });
    expect(info?.durationSeconds).toBeGreaterThan(1.5);
    expect(info?.durationSeconds).toBeLessThan(2.5);
    expect(durationSeconds(fixture('ta-loan.16k.ogg'), 'OGG_OPUS', 16000)).toBe(info?.durationSeconds);
  });

  it('reports an OpusHead rate of 0 as 48000', () => {
    const bytes = Buffer.from(fixture('hi-amount.16k.ogg'));
    const head = bytes.indexOf('OpusHead');
    bytes.writeUInt32LE(0, head + 12);
    expect(opusInfo(bytes)?.inputSampleRate).toBe(48000);
  });

  it('finds nothing in broken files', () => {
    expect(wavInfo(fixture('broken-truncated.wav'))).toBeUndefined();
    expect(opusInfo(fixture('broken-not-audio.ogg'))).toBeUndefined();
    expect(opusInfo(fixture('hi-loan.8k.wav'))).toBeUndefined();
    expect(durationSeconds(fixture('broken-truncated.wav'), 'LINEAR16', 8000)).toBeUndefined();
  });

  it('measures raw audio by size and rate, and enforces the sync limits', () => {
    expect(durationSeconds(Buffer.alloc(16000), 'LINEAR16', 8000)).toBe(1);
    expect(durationSeconds(Buffer.alloc(16000), 'MULAW', 8000)).toBe(2);
    const request = { encoding: 'MULAW', sampleRateHertz: 8000, languages: ['hi'] } as const;
    expect(() => checkSyncLimits({ ...request, audio: Buffer.alloc(60 * 8000) })).not.toThrow();
    expect(() => checkSyncLimits({ ...request, audio: Buffer.alloc(60 * 8000 + 8) })).toThrow(AudioTooLong);
  });
});

describe('WAV files Twilio can play', () => {
  it('keeps a canonical 8 kHz mono WAV as it is', () => {
    const wav = pcmToWav(Buffer.alloc(800), 8000);
    expect(ensurePlayableWav(wav, 8000)).toBe(wav);
  });

  it('wraps raw PCM and repairs streaming-style sizes', () => {
    const wrapped = ensurePlayableWav(Buffer.alloc(1600, 1), 8000);
    expect(wavInfo(wrapped)).toMatchObject({ sampleRate: 8000, dataBytes: 1600, durationSeconds: 0.1 });
    const streamed = pcmToWav(Buffer.alloc(1600, 1), 8000);
    streamed.writeUInt32LE(0xffffffff, 4);
    streamed.writeUInt32LE(0xffffffff, 40);
    const repaired = ensurePlayableWav(streamed, 8000);
    expect(repaired.readUInt32LE(4)).toBe(36 + 1600);
    expect(repaired.readUInt32LE(40)).toBe(1600);
  });

  it('refuses audio Twilio would not play as asked', () => {
    expect(() => ensurePlayableWav(pcmToWav(Buffer.alloc(800), 24000), 8000)).toThrow(/expected 8000 Hz/);
    const stereo = pcmToWav(Buffer.alloc(800), 8000);
    stereo.writeUInt16LE(2, 22);
    expect(() => ensurePlayableWav(stereo, 8000)).toThrow(UnplayableAudio);
    expect(() => ensurePlayableWav(fixture('broken-truncated.wav'), 8000)).toThrow(/incomplete/);
    expect(() => ensurePlayableWav(Buffer.alloc(3), 8000)).toThrow(UnplayableAudio);
  });
});

describe('voice choice and the <Say> fallback', () => {
  it('prefers Wavenet, then Neural2, then Standard, for the xx-IN locale only', () => {
    const chosen = chooseVoices([
      { name: 'hi-IN-Standard-A', languageCodes: ['hi-IN'] },
      { name: 'hi-IN-Neural2-A', languageCodes: ['hi-IN'] },
      { name: 'ta-IN-Standard-B', languageCodes: ['ta-IN'] },
      { name: 'ta-IN-Standard-A', languageCodes: ['ta-IN'] },
      { name: 'en-US-Wavenet-A', languageCodes: ['en-US'] },
      { name: 'pa-IN-Wavenet-A', languageCodes: ['PA-in'] },
    ]);
    expect(chosen).toEqual({ hi: 'hi-IN-Neural2-A', ta: 'ta-IN-Standard-A', pa: 'pa-IN-Wavenet-A' });
  });

  it('gives Twilio <Say> voice and language, and nothing for Odia and Urdu', () => {
    expect(sayFor('hi')).toEqual({ voice: 'Google.hi-IN-Wavenet-A', language: 'hi-IN' });
    expect(sayFor('pa')).toEqual({ voice: 'Google.pa-IN-Standard-A', language: 'pa-IN' });
    expect(sayFor('or')).toBeUndefined();
    expect(sayFor('ur')).toBeUndefined();
  });
});

describe('memory audio cache and prerendering', () => {
  const audioOf = (text: string): Audio => ({
    id: audioId('v', 'wav', text),
    contentType: 'audio/wav',
    bytes: Buffer.from(text),
  });

  it('keeps at most maxEntries, dropping the oldest, and refuses ids that are not hashes', async () => {
    const cache = createMemoryAudioCache(2);
    const [a, b, c] = ['a', 'b', 'c'].map(audioOf) as [Audio, Audio, Audio];
    await cache.put(a);
    await cache.put(b);
    await cache.put(c);
    await expect(cache.get(a.id)).resolves.toBeUndefined();
    await expect(cache.get(c.id)).resolves.toEqual(c);
    await expect(cache.put({ ...a, id: '../x' })).rejects.toThrow(RangeError);
  });

  it('renders every prompt with at most `concurrency` in flight and collects failures', async () => {
    let inFlight = 0;
    let peak = 0;
    const tts: TextToSpeech = {
      configured: true,
      voices: () => Promise.resolve(['hi']),
      cached: () => Promise.resolve(undefined),
      async synthesize(request: SynthesisRequest) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        if (request.lang === 'or') throw new Error('no Odia voice');
        return audioOf(request.text);
      },
    };
    const prompts: SynthesisRequest[] = Array.from({ length: 10 }, (_, i) => ({
      text: `prompt ${i}`,
      lang: i === 4 ? 'or' : 'hi',
      format: 'wav',
    }));
    const result = await prerender(tts, prompts, { concurrency: 3 });
    expect(peak).toBe(3);
    expect(result.rendered).toHaveLength(9);
    expect(result.failed.map((f) => f.prompt.text)).toEqual(['prompt 4']);
    await expect(prerender(tts, prompts, { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
