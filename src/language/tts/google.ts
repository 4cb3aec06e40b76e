// Google Cloud Text-to-Speech (v1) adapter: asks listVoices once and keeps one Indian voice per language,
// renders prompts as 8 kHz LINEAR16 WAV (checked to be a file Twilio plays) or MP3, and keeps every result
// in an AudioCache by content hash, so each distinct prompt is paid for once. Failures become
// ProviderError; a language without a voice is a VoiceUnavailable.
import type { TextToSpeechClient } from '@google-cloud/text-to-speech';
import type { Lang } from '../langs.js';
import { googleProviderError } from '../translate/google-errors.js';
import { ProviderError } from '../translate/provider-error.js';
import { audioId, CONTENT_TYPE, isAudioId, type AudioCache } from './audio-cache.js';
import type { Audio, SynthesisRequest, TextToSpeech } from './port.js';
import { chooseVoices, ttsCode } from './voice-choice.js';
import { ensurePlayableWav, UnplayableAudio } from './wav.js';

export type SynthesizeClient = Pick<
  TextToSpeechClient,
  'initialize' | 'listVoices' | 'synthesizeSpeech' | 'close'
>;
export type TtsClientOptions = NonNullable<ConstructorParameters<typeof TextToSpeechClient>[0]>;

export interface GoogleTtsOptions {
  readonly cache: AudioCache;
  /** A ready client. Default: a TextToSpeechClient made from `clientOptions` (default: ADC, gRPC). */
  readonly client?: SynthesizeClient | undefined;
  readonly clientOptions?: TtsClientOptions | undefined;
  /** Deadline of one call, default 10 s; one attempt (callers retry on ProviderError.retryable). */
  readonly timeoutMs?: number;
}

/** Twilio plays 8 kHz telephone audio; rendering at that rate keeps files small and avoids resampling. */
export const WAV_SAMPLE_RATE = 8000;
const PROVIDER = 'google-tts';

/** The provider has no voice for this language (Odia and Urdu, unless listVoices offers one). */
export class VoiceUnavailable extends Error {
  override readonly name = 'VoiceUnavailable';

  constructor(readonly lang: Lang) {
    super(`no text-to-speech voice for ${lang} (${ttsCode(lang)}); use <Say> or text instead`);
  }
}

export class GoogleTextToSpeech implements TextToSpeech {
  readonly configured = true;
  readonly #cache: AudioCache;
  readonly #given: SynthesizeClient | undefined;
  readonly #clientOptions: TtsClientOptions | undefined;
  readonly #timeoutMs: number;
  #ready: Promise<SynthesizeClient> | undefined;
  #voices: Promise<Partial<Record<Lang, string>>> | undefined;
  readonly #inFlight = new Map<string, Promise<Audio>>();

  constructor(options: GoogleTtsOptions) {
    const { cache, client, clientOptions, timeoutMs = 10_000 } = options;
    this.#cache = cache;
    this.#given = client;
    this.#clientOptions = clientOptions;
    this.#timeoutMs = timeoutMs;
  }

  async voices(): Promise<readonly Lang[]> {
    return Object.keys(await this.#voiceMap()) as Lang[];
  }

  /** The voice name used for a language, or undefined when the provider has none. */
  async voiceFor(lang: Lang): Promise<string | undefined> {
    return (await this.#voiceMap())[lang];
  }

  async synthesize(request: SynthesisRequest): Promise<Audio> {
    const text = request.text.trim();
    if (text === '') throw new RangeError('nothing to synthesize: the text is empty');
    const voice = await this.voiceFor(request.lang);
    if (voice === undefined) throw new VoiceUnavailable(request.lang);
    const id = audioId(voice, request.format, text);
    const pending = this.#inFlight.get(id);
    if (pending !== undefined) return pending;
    const work = this.#render(id, voice, { ...request, text }).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, work);
    return work;
  }

  async cached(id: string): Promise<Audio | undefined> {
    return isAudioId(id) ? this.#cache.get(id) : undefined;
  }

  async close(): Promise<void> {
    if (this.#given !== undefined || this.#ready === undefined) return;
    const client = await this.#ready.catch(() => undefined);
    await client?.close().catch(() => undefined);
  }

  async #render(id: string, voice: string, request: SynthesisRequest): Promise<Audio> {
    const hit = await this.#cache.get(id);
    if (hit !== undefined) return hit;
    const client = await this.#getClient();
    let response;
    try {
      [response] = await client.synthesizeSpeech(
        {
          input: { text: request.text },
          voice: { languageCode: ttsCode(request.lang), name: voice },
          audioConfig:
            request.format === 'wav'
              ? { audioEncoding: 'LINEAR16', sampleRateHertz: WAV_SAMPLE_RATE }
              : { audioEncoding: 'MP3' },
        },
        { timeout: this.#timeoutMs, retry: null },
      );
    } catch (error) {
      throw googleProviderError(error, PROVIDER);
    }
    const content = response.audioContent;
    const raw =
      typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content ?? new Uint8Array());
    let bytes: Buffer;
    try {
      if (raw.length === 0) throw new UnplayableAudio('the provider returned no audio');
      bytes = request.format === 'wav' ? ensurePlayableWav(raw, WAV_SAMPLE_RATE) : raw;
    } catch (error) {
      throw new ProviderError(`${PROVIDER}: BAD_RESPONSE: ${(error as Error).message}`, {
        provider: PROVIDER,
        code: 'BAD_RESPONSE',
        retryable: false,
        cause: error,
      });
    }
    const audio: Audio = { id, contentType: CONTENT_TYPE[request.format], bytes };
    await this.#cache.put(audio);
    return audio;
  }

  #voiceMap(): Promise<Partial<Record<Lang, string>>> {
    this.#voices ??= this.#listVoices().catch((error: unknown) => {
      this.#voices = undefined;
      throw error;
    });
    return this.#voices;
  }

  async #listVoices(): Promise<Partial<Record<Lang, string>>> {
    const client = await this.#getClient();
    try {
      const [response] = await client.listVoices({}, { timeout: this.#timeoutMs, retry: null });
      return chooseVoices(response.voices ?? []);
    } catch (error) {
      throw googleProviderError(error, PROVIDER);
    }
  }

  #getClient(): Promise<SynthesizeClient> {
    this.#ready ??= this.#connect();
    return this.#ready;
  }

  async #connect(): Promise<SynthesizeClient> {
    const client =
      this.#given ??
      new (await import('@google-cloud/text-to-speech')).TextToSpeechClient(this.#clientOptions ?? {});
    try {
      await client.initialize();
      return client;
    } catch (error) {
      this.#ready = undefined;
      if (this.#given === undefined) await client.close().catch(() => undefined);
      throw googleProviderError(error, PROVIDER, 'UNAUTHENTICATED');
    }
  }
}
