// Asks the translator for a machine draft of one source text in each target language (one call per
// language; Cloud Translation takes one target per call). The drafts still need a person's approval.
import type { Lang } from '../langs.js';
import { machineDraft, type TranslationDraft } from './draft.js';
import type { Translator } from './port.js';

export async function machineDrafts(
  translator: Translator,
  sourceText: string,
  from: Lang,
  targets: readonly Lang[],
): Promise<TranslationDraft[]> {
  const drafts: TranslationDraft[] = [];
  for (const lang of new Set(targets)) {
    if (lang === from) continue;
    const [text = ''] = await translator.translate([sourceText], from, lang);
    drafts.push(machineDraft(lang, text, sourceText));
  }
  return drafts;
}
