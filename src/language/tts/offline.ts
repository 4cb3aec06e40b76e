// The default without Google: no synthesized audio. Voice replies use Twilio <Say> (see say.ts); files
// already in the audio cache (from an earlier run with Google) are still served.
import type { Lang } from '../langs.js';
import type { AudioCache } from './audio-cache.js';
import type { Audio, SynthesisRequest, TextToSpeech } from './port.js';

export class TtsUnavailable extends Error {
  override readonly name = 'TtsUnavailable';

  constructor(
    message = 'text-to-speech is not configured (set GOOGLE_CLOUD_PROJECT and Google credentials to enable it); use <Say> via sayFor(lang)',
  ) {
    super(message);
  }
}

export function createOfflineTextToSpeech(cache?: AudioCache): TextToSpeech {
  return {
    configured: false,
    voices(): Promise<readonly Lang[]> {
      return Promise.resolve([]);
    },
    synthesize(_request: SynthesisRequest): Promise<Audio> {
      return Promise.reject(new TtsUnavailable());
    },
    cached(id: string): Promise<Audio | undefined> {
      return cache === undefined ? Promise.resolve(undefined) : cache.get(id);
    },
  };
}
