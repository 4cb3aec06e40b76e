// What Twilio's voice features offer each language (CONTRACTS.md, Twilio section): the speech-recognition
// tag for <Gather>, and the <Say> voice. Odia has no Twilio speech recognition; Odia and Urdu have no
// <Say> voice, so they need our own synthesized audio via <Play> or an honest fallback (the voice work).
import type { Lang } from './langs.js';

export interface VoiceSupport {
  /** `language` attribute of a speech <Gather>; undefined where Twilio cannot recognise the language. */
  readonly gatherTag: string | undefined;
  /** Twilio <Say> voice; undefined where Twilio has none. */
  readonly sayVoice: string | undefined;
}

export const VOICE: Readonly<Record<Lang, VoiceSupport>> = {
  en: { gatherTag: 'en-IN', sayVoice: 'Google.en-IN-Standard-A' },
  hi: { gatherTag: 'hi-IN', sayVoice: 'Google.hi-IN-Wavenet-A' },
  bn: { gatherTag: 'bn-IN', sayVoice: 'Google.bn-IN-Standard-A' },
  mr: { gatherTag: 'mr-IN', sayVoice: 'Google.mr-IN-Standard-A' },
  te: { gatherTag: 'te-IN', sayVoice: 'Google.te-IN-Standard-A' },
  ta: { gatherTag: 'ta-IN', sayVoice: 'Google.ta-IN-Standard-A' },
  gu: { gatherTag: 'gu-IN', sayVoice: 'Google.gu-IN-Standard-A' },
  ur: { gatherTag: 'ur-IN', sayVoice: undefined },
  kn: { gatherTag: 'kn-IN', sayVoice: 'Google.kn-IN-Standard-A' },
  or: { gatherTag: undefined, sayVoice: undefined },
  ml: { gatherTag: 'ml-IN', sayVoice: 'Google.ml-IN-Standard-A' },
  pa: { gatherTag: 'pa-guru-IN', sayVoice: 'Google.pa-IN-Standard-A' },
};

/** Languages whose prompts Twilio cannot speak with <Say>. */
export const NO_SAY_VOICE: readonly Lang[] = (Object.keys(VOICE) as Lang[]).filter(
  (lang) => VOICE[lang].sayVoice === undefined,
);
