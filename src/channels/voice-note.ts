// Turns a WhatsApp voice note into text: fetch the Ogg/Opus file from Twilio, read its OpusHead for the
// sample rate, recognise it among the owner's candidate languages, then cross-check the language with the
// offline text detector. Every way it can go wrong is one named outcome the webhook answers politely.
import { detectLanguage } from '../language/detect/index.js';
import type { Lang } from '../language/langs.js';
import { opusInfo } from '../language/speech/audio-info.js';
import { AudioTooLong } from '../language/speech/limits.js';
import type { SpeechToText } from '../language/speech/port.js';
import { ProviderError } from '../language/translate/provider-error.js';
import { MediaFetchError, type FetchedMedia } from './media.js';

export interface VoiceNoteDeps {
  readonly stt: SpeechToText;
  /** Usually `(url) => fetchTwilioMedia(url, {accountSid, authToken, maxBytes, timeoutMs})`. */
  readonly fetchMedia: (url: string) => Promise<FetchedMedia>;
}

export interface VoiceNoteMedia {
  readonly url: string;
  /** MediaContentType0 as Twilio reported it. */
  readonly contentType: string;
}

export type VoiceNoteError =
  /** No speech provider: ask the owner to type. */
  | 'not_configured'
  /** Nothing recognisable was said. */
  | 'unintelligible'
  /** Longer than one synchronous recognition (1 minute) or the download limit. */
  | 'too_long'
  /** Not an Ogg/Opus file, or the provider refused the audio. */
  | 'bad_audio'
  /** The file could not be downloaded from Twilio. */
  | 'fetch_failed'
  /** The provider failed (see the detail; retryable or misconfigured): ask to type or try later. */
  | 'unavailable';

export type VoiceNoteResult =
  | { readonly text: string; readonly lang: Lang; readonly confidence: number }
  | { readonly error: VoiceNoteError; readonly detail?: string };

/** The text detector overrides the recognizer's language only at or above this confidence. */
export const DETECTOR_OVERRIDE = 0.8;
const OPUS_RATES = new Set([8000, 12000, 16000, 24000, 48000]);

const fail = (error: VoiceNoteError, detail?: string): VoiceNoteResult =>
  detail === undefined ? { error } : { error, detail };

export async function transcribeVoiceNote(
  deps: VoiceNoteDeps,
  media: VoiceNoteMedia,
  candidates: readonly Lang[],
): Promise<VoiceNoteResult> {
  if (!deps.stt.configured) return fail('not_configured');
  if (!media.contentType.toLowerCase().startsWith('audio/') && !/ogg/i.test(media.contentType))
    return fail('bad_audio', `not audio: ${media.contentType}`);

  let fetched: FetchedMedia;
  try {
    fetched = await deps.fetchMedia(media.url);
  } catch (error) {
    if (error instanceof MediaFetchError && error.code === 'too_large')
      return fail('too_long', error.message);
    if (error instanceof MediaFetchError && error.code === 'bad_type')
      return fail('bad_audio', error.message);
    return fail('fetch_failed', error instanceof Error ? error.message : String(error));
  }

  const head = opusInfo(fetched.bytes);
  if (head === undefined) return fail('bad_audio', 'not an Ogg/Opus file');
  const sampleRateHertz = OPUS_RATES.has(head.inputSampleRate) ? head.inputSampleRate : 48_000;

  let heard;
  try {
    heard = await deps.stt.recognize({
      audio: fetched.bytes,
      encoding: 'OGG_OPUS',
      sampleRateHertz,
      languages: candidates,
    });
  } catch (error) {
    if (error instanceof AudioTooLong) return fail('too_long', error.message);
    if (error instanceof ProviderError) {
      if (error.code === 'INVALID_ARGUMENT') return fail('bad_audio', error.message);
      return fail('unavailable', error.message);
    }
    throw error;
  }
  if (heard === undefined || heard.transcript.trim() === '') return fail('unintelligible');

  const detected = detectLanguage(heard.transcript);
  const lang =
    detected.lang !== 'unknown' && detected.lang !== heard.lang && detected.confidence >= DETECTOR_OVERRIDE
      ? detected.lang
      : heard.lang;
  return { text: heard.transcript, lang, confidence: heard.confidence };
}
