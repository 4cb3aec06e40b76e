// What every step of a call shares: the dependencies, answering a step (TwiML saved as that step's
// receipt), the miss ladder (re-ask twice, then keys only, then a polite goodbye with a WhatsApp
// follow-up when the caller agreed to messages), and the voices the caller can hear.
import type { EngineDeps } from '../dialogue/engine.js';
import type { Messages } from '../i18n/messages.js';
import type { Lang } from '../language/langs.js';
import type { SpeechToText } from '../language/speech/port.js';
import type { TextToSpeech } from '../language/tts/port.js';
import { VOICE } from '../language/voices.js';
import type { Logger } from '../logger.js';
import type { CirclePrior } from './circle.js';
import type { TextRenderDeps } from './render-text.js';
import { say, simplePrompt, type Segment, type VoicePrompt, type VoiceRenderDeps } from './render-voice.js';
import type { Sender } from './sender.js';
import { promptTwiml } from './voice-twiml.js';
import type { CallState, VoiceCallStore } from './voice-store.js';

export type CampaignAnswer = 'interested' | 'optout' | 'none';

export interface VoiceDeps {
  readonly engine: EngineDeps;
  readonly text: TextRenderDeps;
  readonly messages: Messages;
  readonly log: Logger;
  readonly calls: VoiceCallStore;
  readonly prior: CirclePrior;
  /** Speech-to-text for a new caller's first words; without it (or unconfigured) the keypad menu. */
  readonly stt?: SpeechToText | undefined;
  /** Synthesized audio for languages Twilio cannot <Say> (Odia, Urdu). */
  readonly tts?: TextToSpeech | undefined;
  /** Sends the spoken recommendations and follow-ups to WhatsApp. */
  readonly sender?: Sender | undefined;
  /** Downloads a Twilio recording (with the account's credentials). */
  readonly fetchRecording?: ((url: string) => Promise<Buffer>) | undefined;
  readonly campaignMessage?:
    ((campaignId: string, lang: Lang) => string | undefined | Promise<string | undefined>) | undefined;
  readonly onCampaignAnswer?:
    ((campaignId: string, ownerId: string, answer: CampaignAnswer) => void | Promise<void>) | undefined;
  readonly clock?: (() => Date) | undefined;
}

/** One Twilio voice request, already read from the form. */
export interface VoiceRequest {
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  readonly direction: string;
  /** The step counter of the action URL (0 for the first request of a call). */
  readonly step: number;
  readonly digits?: string | undefined;
  readonly speech?: string | undefined;
  readonly recordingUrl?: string | undefined;
  readonly campaignId?: string | undefined;
  /** Public base URL for audio links, e.g. `https://saathi.example.in`. */
  readonly baseUrl: string;
}

/** Misses at one prompt before the call goes keys-only, and before it says goodbye. */
export const KEYPAD_AFTER = 3;
export const GOODBYE_AFTER = 4;

export const nextAction = (step: number): string => `/twilio/voice/next?s=${step + 1}`;

export class CallContext {
  private ttsLangs: Promise<ReadonlySet<Lang>> | undefined;

  constructor(readonly deps: VoiceDeps) {}

  now(): Date {
    return (this.deps.clock ?? (() => new Date()))();
  }

  /** Languages with synthesized voices, asked of the provider once. */
  private synthesized(): Promise<ReadonlySet<Lang>> {
    const { tts, log } = this.deps;
    this.ttsLangs ??= tts?.configured
      ? tts.voices().then(
          (langs) => new Set(langs),
          (error: unknown) => {
            log.warn({ err: error }, 'text-to-speech voices unavailable: Odia and Urdu prompts fall back');
            this.ttsLangs = undefined;
            return new Set<Lang>();
          },
        )
      : Promise.resolve(new Set<Lang>());
    return this.ttsLangs;
  }

  async renderDeps(): Promise<VoiceRenderDeps> {
    const synthesized = await this.synthesized();
    return {
      ...this.deps.text,
      speakable: (lang) => VOICE[lang].sayVoice !== undefined || synthesized.has(lang),
      whatsapp: this.deps.sender !== undefined,
    };
  }

  private audio(baseUrl: string) {
    const { tts, log } = this.deps;
    return async (segment: Segment): Promise<string | undefined> => {
      if (!tts?.configured) return undefined;
      try {
        const audio = await tts.synthesize({ text: segment.text, lang: segment.lang, format: 'wav' });
        return `${baseUrl}/twilio/voice/audio/${audio.id}`;
      } catch (error) {
        log.warn({ err: error, lang: segment.lang }, 'could not synthesize a prompt; leaving it out');
        return undefined;
      }
    };
  }

  /** Answers a step with a prompt; the TwiML is the step's receipt. */
  async respond(
    call: CallState,
    req: VoiceRequest,
    prompt: VoicePrompt,
    prefix: readonly Segment[] = [],
  ): Promise<string> {
    const spoken = prefix.length > 0 ? { ...prompt, segments: [...prefix, ...prompt.segments] } : prompt;
    const twiml = await promptTwiml(spoken, {
      action: nextAction(req.step),
      keypadOnly: call.keypadOnly,
      audio: this.audio(req.baseUrl),
    });
    return this.save(call, req, twiml);
  }

  async save(call: CallState, req: VoiceRequest, twiml: string): Promise<string> {
    await this.deps.calls.save({ ...call, receipts: { ...call.receipts, [String(req.step)]: twiml } });
    return twiml;
  }

  /** A silence or an answer not understood at `prompt`: re-ask, then keys only, then goodbye. */
  async miss(
    call: CallState,
    req: VoiceRequest,
    prompt: VoicePrompt,
    reason: 'silence' | 'unclear',
    alreadySaid = false,
  ): Promise<string> {
    const misses = call.misses + 1;
    if (misses >= GOODBYE_AFTER) return this.goodbye(call, req);
    const deps = await this.renderDeps();
    const keypadOnly = call.keypadOnly || misses >= KEYPAD_AFTER;
    const note =
      misses >= KEYPAD_AFTER ? 'voice.keypad' : reason === 'silence' ? 'voice.silence' : 'voice.retry';
    const prefix = alreadySaid && note === 'voice.retry' ? [] : [say(deps, call.lang, { key: note })];
    return this.respond({ ...call, misses, keypadOnly }, req, prompt, prefix);
  }

  /** Ends the call politely; a caller who agreed to messages gets a WhatsApp note to carry on there. */
  async goodbye(call: CallState, req: VoiceRequest): Promise<string> {
    const deps = await this.renderDeps();
    const followedUp = await this.followUp(call);
    const prompt = simplePrompt(call.lang, [
      say(deps, call.lang, { key: followedUp ? 'voice.goodbye.followup' : 'voice.goodbye' }),
    ]);
    return this.respond({ ...call, phase: 'ended', misses: 0 }, req, prompt);
  }

  private async followUp(call: CallState): Promise<boolean> {
    const { sender, engine, messages, log } = this.deps;
    if (!sender) return false;
    const conversation = await engine.store.load(engine.ownerId(call.address));
    const context = conversation?.record.context;
    if (!context || context.consent !== 'granted' || context.optedOut) return false;
    try {
      await sender.sendMessage({
        to: `whatsapp:${call.address}`,
        body: messages.format(context.lang, { key: 'voice.followup' }),
      });
      return true;
    } catch (error) {
      log.warn(
        { err: error, callSid: call.callSid },
        'could not send the WhatsApp follow-up of an unfinished call',
      );
      return false;
    }
  }
}
