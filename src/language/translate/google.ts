// Google Cloud Translation (v3) adapter: batches strings into translateText calls, applies the configured
// glossary (preferring its glossaryTranslations), caches results in-process and maps failures to
// ProviderError. The client library is loaded lazily, so the offline default never pays for it.
import { createHash } from 'node:crypto';
import type { TranslationServiceClient } from '@google-cloud/translate';
import type { Lang } from '../langs.js';
import { batches, GOOGLE_TRANSLATE_LIMITS, type BatchLimits } from './batches.js';
import { googleProviderError } from './google-errors.js';
import { LruCache } from './lru-cache.js';
import type { Translator } from './port.js';
import { ProviderError } from './provider-error.js';

/** The part of TranslationServiceClient this adapter uses (tests pass a real client aimed at a fake). */
export type TranslateTextClient = Pick<TranslationServiceClient, 'initialize' | 'translateText' | 'close'>;

export interface GoogleTranslatorOptions {
  readonly projectId: string;
  /** Translation location; default `us-central1` with a glossary (glossaries are regional), else `global`. */
  readonly location?: string | undefined;
  /** Id of a Cloud Translation glossary in the same project and location. */
  readonly glossaryId?: string | undefined;
  /** A ready client (custom endpoint, REST fallback, test fake). Default: ADC credentials, gRPC. */
  readonly client?: TranslateTextClient | undefined;
  /** Cached translations kept in memory (least recently used go first). Default 5,000. */
  readonly cacheSize?: number;
  readonly limits?: BatchLimits;
}

const PROVIDER = 'google-translate';

/** Cloud Translation language codes for Saathi's languages (ISO-639-1; all twelve are supported as is). */
const GOOGLE_CODE: Readonly<Record<Lang, string>> = {
  en: 'en',
  hi: 'hi',
  bn: 'bn',
  mr: 'mr',
  te: 'te',
  ta: 'ta',
  gu: 'gu',
  ur: 'ur',
  kn: 'kn',
  or: 'or',
  ml: 'ml',
  pa: 'pa',
};

const textHash = (text: string): string => createHash('sha256').update(text).digest('base64url');

export class GoogleTranslator implements Translator {
  readonly configured = true;
  readonly parent: string;
  readonly glossary: string | undefined;
  readonly #cache: LruCache<string, string>;
  readonly #limits: BatchLimits;
  readonly #given: TranslateTextClient | undefined;
  #ready: Promise<TranslateTextClient> | undefined;
  readonly #projectId: string;

  constructor(options: GoogleTranslatorOptions) {
    const { projectId, glossaryId, client, cacheSize = 5_000, limits = GOOGLE_TRANSLATE_LIMITS } = options;
    if (projectId.trim() === '') throw new RangeError('GoogleTranslator needs a projectId');
    const location = options.location ?? (glossaryId === undefined ? 'global' : 'us-central1');
    if (glossaryId !== undefined && location === 'global') {
      throw new RangeError(
        'a Cloud Translation glossary needs a regional location (e.g. us-central1), not global',
      );
    }
    this.#projectId = projectId;
    this.parent = `projects/${projectId}/locations/${location}`;
    this.glossary = glossaryId === undefined ? undefined : `${this.parent}/glossaries/${glossaryId}`;
    this.#cache = new LruCache(cacheSize);
    this.#limits = limits;
    this.#given = client;
  }

  async translate(texts: readonly string[], from: Lang, to: Lang): Promise<string[]> {
    const result = [...texts];
    if (from === to) return result;
    const pending = new Map<string, number[]>();
    texts.forEach((text, index) => {
      if (text.trim() === '') return;
      const cached = this.#cache.get(this.#key(from, to, text));
      if (cached !== undefined) result[index] = cached;
      else if (pending.has(text)) pending.get(text)?.push(index);
      else pending.set(text, [index]);
    });
    for (const chunk of batches([...pending.keys()], this.#limits)) {
      const translated = await this.#call(chunk, from, to);
      chunk.forEach((text, i) => {
        const out = translated[i] as string;
        this.#cache.set(this.#key(from, to, text), out);
        for (const index of pending.get(text) ?? []) result[index] = out;
      });
    }
    return result;
  }

  /** Closes the client if this adapter created it (a client that never connected closes quietly). */
  async close(): Promise<void> {
    if (this.#given !== undefined || this.#ready === undefined) return;
    const client = await this.#ready.catch(() => undefined);
    await client?.close().catch(() => undefined);
  }

  #key(from: Lang, to: Lang, text: string): string {
    return `${from}>${to}>${textHash(text)}`;
  }

  #getClient(): Promise<TranslateTextClient> {
    this.#ready ??= this.#connect();
    return this.#ready;
  }

  /**
   * Creates (default: Application Default Credentials) and initializes the client. Initializing first
   * surfaces a credentials failure here, as a ProviderError: the generated client otherwise leaks it as an
   * unhandled rejection from each call (`this.initialize().catch(err => { throw err; })`).
   */
  async #connect(): Promise<TranslateTextClient> {
    const client =
      this.#given ??
      new (await import('@google-cloud/translate')).TranslationServiceClient({ projectId: this.#projectId });
    try {
      await client.initialize();
      return client;
    } catch (error) {
      this.#ready = undefined;
      if (this.#given === undefined) await client.close().catch(() => undefined);
      throw googleProviderError(error, PROVIDER, 'UNAUTHENTICATED');
    }
  }

  async #call(contents: string[], from: Lang, to: Lang): Promise<string[]> {
    const client = await this.#getClient();
    let response;
    try {
      [response] = await client.translateText({
        parent: this.parent,
        contents,
        mimeType: 'text/plain',
        sourceLanguageCode: GOOGLE_CODE[from],
        targetLanguageCode: GOOGLE_CODE[to],
        ...(this.glossary === undefined ? {} : { glossaryConfig: { glossary: this.glossary } }),
      });
    } catch (error) {
      throw googleProviderError(error, PROVIDER);
    }
    const glossed = response.glossaryTranslations ?? [];
    const chosen =
      this.glossary !== undefined && glossed.length === contents.length
        ? glossed
        : (response.translations ?? []);
    const texts = chosen.map((t) => t.translatedText);
    if (texts.length !== contents.length || texts.some((t) => typeof t !== 'string')) {
      throw new ProviderError(
        `${PROVIDER}: BAD_RESPONSE: asked for ${contents.length} translations, got ${texts.length}`,
        { provider: PROVIDER, code: 'BAD_RESPONSE', retryable: false },
      );
    }
    return texts as string[];
  }
}
