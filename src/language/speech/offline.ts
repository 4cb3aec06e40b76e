// The default without Google: speech recognition is off. Callers check `configured` first and offer the
// keypad (calls) or ask for a typed message (WhatsApp voice notes).
import type { Recognition, RecognizeRequest, SpeechToText } from './port.js';

/** Speech recognition was asked for although no provider is configured. */
export class SpeechUnavailable extends Error {
  override readonly name = 'SpeechUnavailable';

  constructor(
    message = 'speech recognition is not configured (set GOOGLE_CLOUD_PROJECT and Google credentials to enable it); check SpeechToText.configured before calling recognize()',
  ) {
    super(message);
  }
}

export function createOfflineSpeechToText(): SpeechToText {
  return {
    configured: false,
    recognize(_request: RecognizeRequest): Promise<Recognition | undefined> {
      return Promise.reject(new SpeechUnavailable());
    },
  };
}
