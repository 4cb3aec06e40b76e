// The embedded default: no automatic translation. Lenders' text must be translated by a person.
import type { Lang } from '../langs.js';
import { TranslationUnavailable, type Translator } from './port.js';

export function createOfflineTranslator(): Translator {
  return {
    configured: false,
    translate(_texts: readonly string[], _from: Lang, _to: Lang): Promise<string[]> {
      return Promise.reject(new TranslationUnavailable());
    },
  };
}
