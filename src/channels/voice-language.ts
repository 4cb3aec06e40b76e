// A new caller's language from their first words: the recording is transcribed in the circle prior's
// top language plus up to three alternatives, the recognizer picks one, and the offline text detector
// must agree before it is used. Anything unsure returns undefined: the caller gets the keypad menu.
import { detectLanguage } from '../language/detect/index.js';
import type { Lang } from '../language/langs.js';
import type { VoiceDeps } from './voice-context.js';

/** Twilio recordings are 8 kHz mono 16-bit WAV. */
const RECORDING = { encoding: 'LINEAR16', sampleRateHertz: 8000 } as const;
/** Below this the recognizer's own confidence is too low to act on (0 means "not given"). */
const MIN_RECOGNIZER_CONFIDENCE = 0.4;
const MIN_DETECTOR_CONFIDENCE = 0.3;

export async function detectSpokenLanguage(
  deps: Pick<VoiceDeps, 'stt' | 'fetchRecording' | 'log'>,
  recordingUrl: string,
  prior: readonly Lang[],
): Promise<Lang | undefined> {
  const { stt, fetchRecording, log } = deps;
  if (!stt?.configured || !fetchRecording) return undefined;
  try {
    const audio = await fetchRecording(recordingUrl);
    const recognition = await stt.recognize({ audio, ...RECORDING, languages: prior.slice(0, 4) });
    if (!recognition || recognition.transcript.trim() === '') {
      log.info('first words not understood; offering the keypad menu');
      return undefined;
    }
    if (recognition.confidence > 0 && recognition.confidence < MIN_RECOGNIZER_CONFIDENCE) {
      log.info(
        { lang: recognition.lang, confidence: recognition.confidence },
        'recognizer unsure of the language; offering the keypad menu',
      );
      return undefined;
    }
    const detected = detectLanguage(recognition.transcript);
    if (detected.lang !== recognition.lang || detected.confidence < MIN_DETECTOR_CONFIDENCE) {
      log.info(
        { recognized: recognition.lang, detected: detected.lang },
        'text detector disagrees on the language; offering the keypad menu',
      );
      return undefined;
    }
    return recognition.lang;
  } catch (error) {
    log.warn({ err: error }, 'language from speech failed; offering the keypad menu');
    return undefined;
  }
}
