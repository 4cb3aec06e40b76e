// The text-to-speech port: prompts rendered to audio Twilio plays well, cached by content hash. Without a
// provider, voice replies use Twilio <Say> with the language's Indian voice (src/language/voices.ts).
import type { Lang } from '../langs.js';

export type AudioFormat = 'wav' | 'mp3';

export interface SynthesisRequest {
  readonly text: string;
  readonly lang: Lang;
  readonly format: AudioFormat;
}

export interface Audio {
  /** Content hash of (voice, format, text): the file name under /twilio/voice/audio/. */
  readonly id: string;
  readonly contentType: 'audio/wav' | 'audio/mpeg';
  readonly bytes: Buffer;
}

export interface TextToSpeech {
  readonly configured: boolean;
  /** Languages the provider has a voice for (asked of the provider once at start). */
  voices(): Promise<readonly Lang[]>;
  /** Cached by content hash: the provider is asked once per distinct prompt. */
  synthesize(request: SynthesisRequest): Promise<Audio>;
  /** A previously synthesized file by id (for the audio route), or undefined. */
  cached(id: string): Promise<Audio | undefined>;
}
