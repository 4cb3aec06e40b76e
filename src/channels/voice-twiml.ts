// Turns a VoicePrompt into TwiML with the library's VoiceResponse: <Say> with each language's Indian
// voice, <Play> of synthesized audio where Twilio has no voice (Odia, Urdu), and one <Gather> that takes
// keys and, where Twilio can recognise the language, speech.
import twilio from 'twilio';
type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type Gather = ReturnType<VoiceResponse['gather']>;
type GatherAttributes = NonNullable<Parameters<VoiceResponse['gather']>[0]>;
type SayAttributes = NonNullable<Parameters<VoiceResponse['say']>[0]>;
type SayVoice = NonNullable<SayAttributes['voice']>;
type SayLanguage = NonNullable<SayAttributes['language']>;
type GatherLanguage = NonNullable<GatherAttributes['language']>;
import type { Lang } from '../language/langs.js';
import { VOICE } from '../language/voices.js';
import type { Segment, VoicePrompt } from './render-voice.js';

const { twiml } = twilio;

export interface TwimlOptions {
  /** URL of the next step (carries the step counter). */
  readonly action: string;
  /** Only keys: after repeated misses, or where speech cannot be recognised. */
  readonly keypadOnly?: boolean;
  /** URL of synthesized audio for a segment no <Say> voice can speak; undefined leaves it out. */
  readonly audio?: (segment: Segment) => Promise<string | undefined>;
}

/** Keys that end a typed answer (PIN code, years, workers). */
const FINISH_KEY = '#';

async function speak(
  target: VoiceResponse | Gather,
  segments: readonly Segment[],
  options: TwimlOptions,
): Promise<void> {
  for (const segment of segments) {
    const voice = VOICE[segment.lang].sayVoice;
    if (voice) {
      target.say({ voice: voice as SayVoice, language: sayLanguage(segment.lang) }, segment.text);
      continue;
    }
    const url = await options.audio?.(segment);
    if (url) target.play(url);
  }
}

function sayLanguage(lang: Lang): SayLanguage {
  return (lang === 'pa' ? 'pa-IN' : `${lang}-IN`) as SayLanguage;
}

function gatherAttributes(prompt: VoicePrompt, options: TwimlOptions): GatherAttributes {
  const tag = VOICE[prompt.lang].gatherTag;
  const speech = !options.keypadOnly && tag !== undefined && prompt.input !== 'language';
  const base: GatherAttributes = {
    action: options.action,
    method: 'POST',
    input: speech ? ['dtmf', 'speech'] : ['dtmf'],
    timeout: 5,
    actionOnEmptyResult: true,
  };
  if (speech) {
    base.language = tag as GatherLanguage;
    base.speechTimeout = 'auto';
    if (prompt.hints.length > 0) base.hints = prompt.hints.join(', ');
  }
  switch (prompt.input) {
    case 'choice':
      return prompt.options.length <= 9 ? { ...base, numDigits: 1 } : { ...base, finishOnKey: FINISH_KEY };
    case 'language':
      // Language keys go up to 12: a short pause or # ends the number.
      return { ...base, timeout: 3, finishOnKey: FINISH_KEY };
    default:
      return { ...base, timeout: 6, finishOnKey: FINISH_KEY };
  }
}

/** TwiML of a prompt: its sentences inside a <Gather>, or followed by <Hangup/> when nothing is asked. */
export async function promptTwiml(prompt: VoicePrompt, options: TwimlOptions): Promise<string> {
  const response = new twiml.VoiceResponse();
  if (prompt.input === 'none') {
    await speak(response, prompt.segments, options);
    response.hangup();
    return response.toString();
  }
  const gather = response.gather(gatherAttributes(prompt, options));
  await speak(gather, prompt.segments, options);
  return response.toString();
}

/** Says the segments, then records the caller's first words; a key press ends the recording too. */
export async function recordTwiml(
  segments: readonly Segment[],
  options: TwimlOptions & { readonly maxLength: number },
): Promise<string> {
  const response = new twiml.VoiceResponse();
  await speak(response, segments, options);
  response.record({
    action: options.action,
    method: 'POST',
    maxLength: options.maxLength,
    timeout: 3,
    playBeep: false,
    trim: 'trim-silence',
    finishOnKey: '0123456789*#',
  });
  // Twilio skips the action when nothing was recorded: go there anyway, as silence.
  response.redirect({ method: 'POST' }, options.action);
  return response.toString();
}
