// Picks one Text-to-Speech voice per language from what listVoices returned: an Indian (`xx-IN`) voice,
// preferring the more natural families that still render 8 kHz LINEAR16 well. A language gets a voice only
// when the provider lists one (Odia is not confirmed, so it depends on the answer).
import { LANGS, LOCALE_TAG, type Lang } from '../langs.js';

export interface ListedVoice {
  readonly name?: string | null;
  readonly languageCodes?: readonly string[] | null;
}

/** Lower is better; families not named here come last. */
const FAMILY_RANK: readonly (readonly [RegExp, number])[] = [
  [/-Wavenet-/i, 0],
  [/-Neural2-/i, 1],
  [/-Standard-/i, 2],
];

const rank = (name: string): number => FAMILY_RANK.find(([re]) => re.test(name))?.[1] ?? 3;

/** The TTS language code for a language: its Indian locale tag (Punjabi is `pa-IN` here). */
export function ttsCode(lang: Lang): string {
  return LOCALE_TAG[lang];
}

/** The chosen voice name per language, for the languages that have one. */
export function chooseVoices(listed: readonly ListedVoice[]): Partial<Record<Lang, string>> {
  const chosen: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const code = ttsCode(lang).toLowerCase();
    const names = listed
      .filter((voice) => (voice.languageCodes ?? []).some((c) => c.toLowerCase() === code))
      .map((voice) => voice.name ?? '')
      .filter((name) => name !== '')
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    if (names[0] !== undefined) chosen[lang] = names[0];
  }
  return chosen;
}
