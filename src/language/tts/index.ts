// Text-to-speech for voice prompts: the port, the Google and offline adapters, the audio cache (memory
// and disk), prerendering, the <Say> fallback, and the factory the composition root calls.
import type { Logger } from '../../logger.js';
import { createDiskAudioCache } from './disk-audio-cache.js';
import { GoogleTextToSpeech, type SynthesizeClient, type TtsClientOptions } from './google.js';
import { createOfflineTextToSpeech } from './offline.js';
import type { TextToSpeech } from './port.js';

export type { Audio, AudioFormat, SynthesisRequest, TextToSpeech } from './port.js';
export {
  audioFileName,
  audioId,
  createMemoryAudioCache,
  isAudioId,
  parseAudioFileName,
  type AudioCache,
} from './audio-cache.js';
export { createDiskAudioCache } from './disk-audio-cache.js';
export {
  GoogleTextToSpeech,
  VoiceUnavailable,
  WAV_SAMPLE_RATE,
  type GoogleTtsOptions,
  type SynthesizeClient,
  type TtsClientOptions,
} from './google.js';
export { createOfflineTextToSpeech, TtsUnavailable } from './offline.js';
export { prerender, type PrerenderResult } from './prerender.js';
export { sayFor, type SayVoice } from './say.js';
export { chooseVoices } from './voice-choice.js';

export interface TtsConfig {
  /** GOOGLE_CLOUD_PROJECT: unset means offline (<Say> only). */
  readonly googleProject?: string | undefined;
  /** SAATHI_AUDIO_DIR: where synthesized prompts are kept. */
  readonly audioDir: string;
}

export function createTextToSpeech(
  config: TtsConfig,
  log: Pick<Logger, 'info'>,
  deps: { client?: SynthesizeClient; clientOptions?: TtsClientOptions } = {},
): TextToSpeech {
  const cache = createDiskAudioCache(config.audioDir);
  if (config.googleProject === undefined || config.googleProject === '') {
    log.info('GOOGLE_CLOUD_PROJECT is not set: voice prompts use Twilio <Say> (none for Odia and Urdu).');
    return createOfflineTextToSpeech(cache);
  }
  return new GoogleTextToSpeech({
    cache,
    client: deps.client,
    clientOptions: { projectId: config.googleProject, ...deps.clientOptions },
  });
}
