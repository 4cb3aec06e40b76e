// The machine-translation port: turns many strings from one language into another (used for lenders'
// campaign text), and the typed error the offline adapter throws when no provider is configured.
import type { Lang } from '../langs.js';

export interface Translator {
  /** False for the offline adapter: callers should offer human translation instead of calling translate(). */
  readonly configured: boolean;
  /**
   * Translates many strings from `from` to `to` in as few calls as possible (≤1024 strings per call);
   * glossary-aware. The result has one entry per input, in the same order. Rejects with
   * TranslationUnavailable (offline) or ProviderError (provider failure).
   */
  translate(texts: readonly string[], from: Lang, to: Lang): Promise<string[]>;
}

/** Automatic translation is switched off (no GOOGLE_CLOUD_PROJECT): a person has to translate. */
export class TranslationUnavailable extends Error {
  override readonly name = 'TranslationUnavailable';

  constructor(
    message = 'automatic translation is not configured (set GOOGLE_CLOUD_PROJECT and Google credentials to enable it); write the translation by hand',
  ) {
    super(message);
  }
}
