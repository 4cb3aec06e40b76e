// Machine translation of lenders' text: the port, its two adapters, the draft/approval model and the
// factory the composition root calls with the validated config.
import { GoogleTranslator, type TranslateTextClient } from './google.js';
import { createOfflineTranslator } from './offline.js';
import type { Translator } from './port.js';

export { TranslationUnavailable, type Translator } from './port.js';
export { ProviderError } from './provider-error.js';
export { GoogleTranslator, type GoogleTranslatorOptions, type TranslateTextClient } from './google.js';
export { createOfflineTranslator } from './offline.js';
export * from './draft.js';
export { machineDrafts } from './machine-drafts.js';

export interface TranslatorConfig {
  /** GOOGLE_CLOUD_PROJECT: unset means offline (no automatic translation). */
  readonly googleProject?: string | undefined;
  /** SAATHI_TRANSLATE_LOCATION, e.g. `us-central1`. */
  readonly translateLocation?: string | undefined;
  /** SAATHI_TRANSLATE_GLOSSARY: id of a Cloud Translation glossary in that project and location. */
  readonly translateGlossary?: string | undefined;
}

export function createTranslator(
  config: TranslatorConfig,
  deps: { client?: TranslateTextClient } = {},
): Translator {
  if (config.googleProject === undefined || config.googleProject === '') return createOfflineTranslator();
  return new GoogleTranslator({
    projectId: config.googleProject,
    location: config.translateLocation,
    glossaryId: config.translateGlossary,
    client: deps.client,
  });
}
