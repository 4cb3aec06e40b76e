// `npm run check` (after tsc and eslint): validates flows/, content/ and locales/. Exits 1 on any problem.
import { readdirSync } from 'node:fs';
import { FLOWS_DIR, loadFlow } from '../src/dialogue/flow.js';
import { buildMachine } from '../src/dialogue/machine.js';
import { checkGlossaryUse, loadGlossary } from '../src/i18n/glossary.js';
import { readLocaleFiles } from '../src/i18n/messages.js';
import { validateLocales } from '../src/i18n/validate.js';
import { LANGS } from '../src/language/langs.js';
import { listBusinessKinds, validateLexicon } from '../src/language/understand.js';
import { validateCatalog } from '../src/personalize/catalog.js';
import { validateSegments } from '../src/personalize/segments.js';

const problems: string[] = [];
const section = (name: string, found: readonly string[]) => {
  problems.push(...found.map((problem) => `${name}: ${problem}`));
  console.log(`${found.length === 0 ? 'ok  ' : 'FAIL'} ${name}${found.length ? ` (${found.length})` : ''}`);
};

const locales = readLocaleFiles();

const flowProblems: string[] = [];
for (const file of readdirSync(FLOWS_DIR).filter((name) => name.endsWith('.json'))) {
  try {
    const flow = loadFlow(file.replace(/\.json$/, ''));
    buildMachine(flow);
    for (const question of flow.questions) {
      for (const key of [
        question.prompt,
        question.retry,
        `field.${question.id}`,
        ...question.choices.map((c) => c.label),
      ]) {
        if (!(key in locales.en) && !key.startsWith('kind.'))
          flowProblems.push(`${file} ${question.id}: message ${key} is not in locales/en.json`);
      }
      for (const choice of question.choices) {
        if (!choice.match) continue;
        for (const lang of LANGS) {
          if (!choice.match[lang]?.length)
            flowProblems.push(`${file} ${question.id}.${choice.id}: no match words in ${lang}`);
        }
      }
    }
  } catch (error) {
    flowProblems.push(`${file}: ${(error as Error).message}`);
  }
}
section('flows', flowProblems);
section('locales', validateLocales(locales));
const glossary = loadGlossary();
section('glossary', [...glossary.problems, ...checkGlossaryUse(glossary, locales)]);
section(
  'content catalog',
  validateCatalog({ requiredLangs: LANGS, businessKinds: listBusinessKinds().map((kind) => kind.id) }),
);
section('lexicon', validateLexicon());
section('segments', validateSegments({ businessKinds: listBusinessKinds().map((kind) => kind.id) }));

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\nflows, content and locales are valid');
