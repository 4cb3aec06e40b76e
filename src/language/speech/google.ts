// Google Cloud Speech-to-Text (v1 `recognize`) adapter: the primary language and up to three alternatives,
// phrase hints, a phone model for 8 kHz call audio; the language Google chose is mapped back to ours.
// Audio over the synchronous limits is refused before the call; failures become ProviderError. The
// client library is loaded lazily, so the offline default never pays for it.
import type { SpeechClient } from '@google-cloud/speech';
import { LOCALE_TAG, LANGS, type Lang } from '../langs.js';
import { googleProviderError } from '../translate/google-errors.js';
import { checkSyncLimits, GOOGLE_SYNC_LIMITS, type SyncLimits } from './limits.js';
import type { Recognition, RecognizeRequest, SpeechToText } from './port.js';

/** The part of SpeechClient this adapter uses (tests pass a real client aimed at a fake). */
export type RecognizeClient = Pick<SpeechClient, 'initialize' | 'recognize' | 'close'>;
export type SpeechClientOptions = NonNullable<ConstructorParameters<typeof SpeechClient>[0]>;

export interface GoogleSpeechOptions {
  /** A ready client. Default: a SpeechClient made from `clientOptions` (default: ADC credentials, gRPC). */
  readonly client?: RecognizeClient | undefined;
  /** Options for the SpeechClient this adapter creates (endpoint, port, credentials). */
  readonly clientOptions?: SpeechClientOptions | undefined;
  /**
   * Model for single-language 8 kHz LINEAR16/MULAW call audio. Default `telephony`. Google's phone models
   * do not take alternativeLanguageCodes, so a request with alternatives uses the default model.
   */
  readonly phoneModel?: string | undefined;
  readonly limits?: SyncLimits;
  /**
   * Deadline of one call, default 10 s (a caller is waiting on the line). The adapter makes one attempt:
   * the library's own retries (up to 10 minutes) are off; callers retry on ProviderError.retryable.
   */
  readonly timeoutMs?: number;
}

const PROVIDER = 'google-speech';
const MAX_ALTERNATIVES = 3;
/** Google's adaptation limits: phrases of at most 100 characters, 5,000 phrases per request. */
const MAX_PHRASE_CHARS = 100;
const MAX_PHRASES = 5_000;

/** Speech-to-Text language codes: the locale tags, except Punjabi in Gurmukhi script. */
export const SPEECH_CODE: Readonly<Record<Lang, string>> = { ...LOCALE_TAG, pa: 'pa-Guru-IN' };

const BY_CODE = new Map<string, Lang>(
  LANGS.flatMap((lang) => [
    [SPEECH_CODE[lang].toLowerCase(), lang] as const,
    [LOCALE_TAG[lang].toLowerCase(), lang] as const,
    [lang, lang] as const,
  ]),
);

/** Our language for a code Google returns (any case, `hi-in`, `pa-guru-in`, `hi`), or undefined. */
export function langOfSpeechCode(code: string | null | undefined): Lang | undefined {
  if (code === null || code === undefined || code === '') return undefined;
  const lower = code.toLowerCase();
  return BY_CODE.get(lower) ?? BY_CODE.get(lower.split('-')[0] ?? '');
}

export class GoogleSpeechToText implements SpeechToText {
  readonly configured = true;
  readonly #given: RecognizeClient | undefined;
  readonly #clientOptions: SpeechClientOptions | undefined;
  readonly #phoneModel: string;
  readonly #limits: SyncLimits;
  readonly #timeoutMs: number;
  #ready: Promise<RecognizeClient> | undefined;

  constructor(options: GoogleSpeechOptions = {}) {
    const {
      client,
      clientOptions,
      phoneModel = 'telephony',
      limits = GOOGLE_SYNC_LIMITS,
      timeoutMs = 10_000,
    } = options;
    this.#given = client;
    this.#clientOptions = clientOptions;
    this.#phoneModel = phoneModel;
    this.#limits = limits;
    this.#timeoutMs = timeoutMs;
  }

  async recognize(request: RecognizeRequest): Promise<Recognition | undefined> {
    const languages = [...new Set(request.languages)].slice(0, 1 + MAX_ALTERNATIVES);
    const [primary, ...alternatives] = languages;
    if (primary === undefined) throw new RangeError('recognize needs at least one candidate language');
    checkSyncLimits(request, this.#limits);
    if (request.audio.length === 0) return undefined;

    const phrases = (request.hints ?? [])
      .map((hint) => hint.trim())
      .filter((hint) => hint !== '' && hint.length <= MAX_PHRASE_CHARS)
      .slice(0, MAX_PHRASES);
    const phone =
      (request.encoding === 'LINEAR16' || request.encoding === 'MULAW') && request.sampleRateHertz === 8000;
    const client = await this.#getClient();
    let response;
    try {
      [response] = await client.recognize(
        {
          config: {
            encoding: request.encoding,
            sampleRateHertz: request.sampleRateHertz,
            languageCode: SPEECH_CODE[primary],
            ...(alternatives.length > 0
              ? { alternativeLanguageCodes: alternatives.map((lang) => SPEECH_CODE[lang]) }
              : {}),
            maxAlternatives: 1,
            enableAutomaticPunctuation: false,
            ...(phrases.length > 0 ? { speechContexts: [{ phrases }] } : {}),
            ...(phone && alternatives.length === 0 ? { model: this.#phoneModel } : {}),
          },
          audio: { content: request.audio },
        },
        { timeout: this.#timeoutMs, retry: null },
      );
    } catch (error) {
      throw googleProviderError(error, PROVIDER);
    }
    const heard = (response.results ?? [])
      .map((result) => ({ top: result.alternatives?.[0], code: result.languageCode }))
      .filter((r) => typeof r.top?.transcript === 'string' && r.top.transcript.trim() !== '');
    if (heard.length === 0) return undefined;
    const transcript = heard
      .map((r) => r.top?.transcript?.trim() ?? '')
      .join(' ')
      .replace(/\s+/g, ' ');
    const confidences = heard.map((r) => r.top?.confidence ?? 0).filter((c) => c > 0);
    const confidence =
      confidences.length === 0 ? 0 : confidences.reduce((sum, c) => sum + c, 0) / confidences.length;
    const chosen = langOfSpeechCode(heard.find((r) => r.code)?.code);
    return {
      transcript,
      lang: chosen !== undefined && languages.includes(chosen) ? chosen : primary,
      confidence: Math.min(1, Math.max(0, confidence)),
    };
  }

  /** Closes the client if this adapter created it. */
  async close(): Promise<void> {
    if (this.#given !== undefined || this.#ready === undefined) return;
    const client = await this.#ready.catch(() => undefined);
    await client?.close().catch(() => undefined);
  }

  #getClient(): Promise<RecognizeClient> {
    this.#ready ??= this.#connect();
    return this.#ready;
  }

  /** Initializing first surfaces a credentials failure here, as a ProviderError (see translate/google.ts). */
  async #connect(): Promise<RecognizeClient> {
    const client =
      this.#given ?? new (await import('@google-cloud/speech')).SpeechClient(this.#clientOptions ?? {});
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
