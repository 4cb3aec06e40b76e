// Speech recognition: the port, the Google and offline adapters, the synchronous limits, and the factory
// the composition root calls with the validated config.
import type { Logger } from '../../logger.js';
import { GoogleSpeechToText, type RecognizeClient, type SpeechClientOptions } from './google.js';
import { createOfflineSpeechToText } from './offline.js';
import type { SpeechToText } from './port.js';

export type { AudioEncoding, Recognition, RecognizeRequest, SpeechToText } from './port.js';
export {
  GoogleSpeechToText,
  langOfSpeechCode,
  SPEECH_CODE,
  type GoogleSpeechOptions,
  type RecognizeClient,
  type SpeechClientOptions,
} from './google.js';
export { createOfflineSpeechToText, SpeechUnavailable } from './offline.js';
export { AudioTooLong, checkSyncLimits, GOOGLE_SYNC_LIMITS, type SyncLimits } from './limits.js';
export { durationSeconds, opusInfo, wavInfo, type OpusInfo, type WavInfo } from './audio-info.js';

export interface SpeechConfig {
  /** GOOGLE_CLOUD_PROJECT: unset means offline (no speech recognition). */
  readonly googleProject?: string | undefined;
}

export function createSpeechToText(
  config: SpeechConfig,
  log: Pick<Logger, 'info'>,
  deps: { client?: RecognizeClient; clientOptions?: SpeechClientOptions } = {},
): SpeechToText {
  if (config.googleProject === undefined || config.googleProject === '') {
    log.info(
      'GOOGLE_CLOUD_PROJECT is not set: speech recognition is off (callers use the keypad; voice notes get a request to type).',
    );
    return createOfflineSpeechToText();
  }
  return new GoogleSpeechToText({
    client: deps.client,
    clientOptions: { projectId: config.googleProject, ...deps.clientOptions },
  });
}
