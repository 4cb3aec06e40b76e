// The speech-to-text port: a caller's first words, a spoken answer or a WhatsApp voice note, in one of up
// to four candidate languages. Adapters: Google Cloud Speech-to-Text v1 and an offline one that is
// honest about not being configured.
import type { Lang } from '../langs.js';

export type AudioEncoding = 'LINEAR16' | 'MULAW' | 'OGG_OPUS';

export interface RecognizeRequest {
  readonly audio: Buffer;
  readonly encoding: AudioEncoding;
  readonly sampleRateHertz: number;
  /** The most likely language first, then up to three alternatives. */
  readonly languages: readonly Lang[];
  /** Words the recognizer should favour (choices, place names). */
  readonly hints?: readonly string[];
}

export interface Recognition {
  readonly transcript: string;
  /** The language the recognizer chose among the candidates. */
  readonly lang: Lang;
  /** 0–1; 0 when the provider gave none. */
  readonly confidence: number;
}

export interface SpeechToText {
  /** False when no provider is configured: callers fall back to the keypad or ask to type. */
  readonly configured: boolean;
  /** Undefined when nothing intelligible was heard. Throws ProviderError when the provider fails. */
  recognize(request: RecognizeRequest): Promise<Recognition | undefined>;
}
