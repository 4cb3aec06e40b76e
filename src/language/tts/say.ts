// The fallback without our own audio: what Twilio <Say> needs to speak a prompt in a language (the
// Indian voice from src/language/voices.ts and its locale), or undefined for Odia and Urdu, which have no
// <Say> voice — there the call offers text (WhatsApp/SMS) or our synthesized audio instead.
import type { Lang } from '../langs.js';
import { LOCALE_TAG } from '../langs.js';
import { VOICE } from '../voices.js';

export interface SayVoice {
  /** `voice` attribute, e.g. `Google.hi-IN-Wavenet-A`. */
  readonly voice: string;
  /** `language` attribute, e.g. `hi-IN` (taken from the voice name). */
  readonly language: string;
}

export function sayFor(lang: Lang): SayVoice | undefined {
  const voice = VOICE[lang].sayVoice;
  if (voice === undefined) return undefined;
  const locale = /^(?:[A-Za-z]+\.)?([a-z]{2,3}-[A-Z]{2})-/.exec(voice)?.[1];
  return { voice, language: locale ?? LOCALE_TAG[lang] };
}
