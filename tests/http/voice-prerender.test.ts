// Static prompts of the languages Twilio cannot <Say> (Odia, Urdu) are synthesized ahead of time, so a
// new caller's language menu and the first questions play from the cache without asking the provider.
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/language/langs.js';
import type { Audio, TextToSpeech } from '../../src/language/tts/port.js';
import { testRuntime } from '../support/runtime.js';

/** A TextToSpeech with Odia and Urdu voices that counts what it asks its "provider" (cache misses). */
function countingTts(): TextToSpeech & { readonly providerCalls: string[] } {
  const cache = new Map<string, Audio>();
  const providerCalls: string[] = [];
  return {
    providerCalls,
    configured: true,
    voices: () => Promise.resolve<Lang[]>(['or', 'ur', 'hi']),
    synthesize: ({ text, lang, format }) => {
      const id = createHash('sha256').update(`${lang}|${format}|${text}`).digest('hex');
      let audio = cache.get(id);
      if (!audio) {
        providerCalls.push(`${lang}:${text}`);
        audio = { id, contentType: 'audio/wav', bytes: Buffer.from(text) };
        cache.set(id, audio);
      }
      return Promise.resolve(audio);
    },
    cached: (id) => Promise.resolve(cache.get(id)),
  };
}

describe('voice prompts rendered ahead of time', () => {
  it('covers the Odia and Urdu menu options and fixed prompts; a new call asks the provider for nothing', async () => {
    const tts = countingTts();
    const runtime = testRuntime({}, { tts });
    const { rendered, failed } = await runtime.prerenderVoice();
    expect(failed).toEqual([]);
    const langs = new Set(rendered.map((r) => r.prompt.lang));
    expect([...langs].sort()).toEqual(['or', 'ur']);
    const before = tts.providerCalls.length;
    expect(before).toBe(rendered.length);

    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const base = { CallSid: callSid, From: '+919812300000', To: '+14155550100', Direction: 'inbound' };
    const menu = await request(runtime.app).post('/twilio/voice').type('form').send(base);
    expect(menu.status).toBe(200);
    expect(menu.text).toContain('<Play>');
    // Odia (key 10) is chosen: its consent prompt plays from the cache as well.
    const odia = await request(runtime.app)
      .post('/twilio/voice/next?s=1')
      .type('form')
      .send({ ...base, Digits: '10' });
    expect(odia.status).toBe(200);
    expect(odia.text).toContain('<Play>');
    // Consent given (key 1): the first question and its options play from the cache too.
    const question = await request(runtime.app)
      .post('/twilio/voice/next?s=2')
      .type('form')
      .send({ ...base, Digits: '1' });
    expect(question.status).toBe(200);
    expect(question.text).toContain('<Play>');
    expect(tts.providerCalls.slice(before)).toEqual([]);
  });
});
