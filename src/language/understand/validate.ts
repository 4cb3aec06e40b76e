// Checks the business kinds and the lexicon for the mistakes that silently break understanding:
// missing languages, duplicate ids, empty lists, one synonym claimed by two kinds, clashing commands.
import { LANGS, NATIVE_SCRIPT, type Lang, type Script } from '../langs.js';
import { buildBusinessIndex, contentKeys } from './business-index.js';
import { findBusinessKind } from './business-match.js';
import { buildCommandMatchers } from './commands.js';
import { keysOf } from './keys.js';
import {
  ANSWERS,
  COMMANDS,
  FEEDBACK,
  REQUIRED_KIND_IDS,
  allWords,
  parseRawData,
  parseUnderstandingData,
  type BusinessKindEntry,
  type Lexicon,
  type WordLists,
} from './lexicon-data.js';

const SCRIPT_RE: Readonly<Record<Script, RegExp>> = {
  Latn: /[a-z]/i,
  Deva: /[\u0900-\u097f]/,
  Beng: /[\u0980-\u09ff]/,
  Guru: /[\u0a00-\u0a7f]/,
  Gujr: /[\u0a80-\u0aff]/,
  Orya: /[\u0b00-\u0b7f]/,
  Taml: /[\u0b80-\u0bff]/,
  Telu: /[\u0c00-\u0c7f]/,
  Knda: /[\u0c80-\u0cff]/,
  Mlym: /[\u0d00-\u0d7f]/,
  Arab: /[\u0600-\u06ff]/,
};
const ROMAN = /^[\x20-\x7e]+$/;

function kindProblems(kinds: readonly BusinessKindEntry[], lexicon: Lexicon): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const kind of kinds) {
    if (ids.has(kind.id)) problems.push(`business kind ${kind.id}: duplicate id`);
    ids.add(kind.id);
  }
  for (const id of REQUIRED_KIND_IDS)
    if (!ids.has(id)) problems.push(`business kind ${id}: required id is missing`);
  const index = buildBusinessIndex(kinds, lexicon);
  const generic = new Set(allWords(lexicon.businessGeneric).flatMap((w) => keysOf(w)));
  for (const lang of LANGS) {
    const owner = new Map<string, string>();
    for (const kind of kinds) {
      const where = `business kind ${kind.id} (${lang})`;
      const name = kind.names[lang];
      if (!name?.trim()) problems.push(`${where}: no name`);
      else if (!SCRIPT_RE[NATIVE_SCRIPT[lang]].test(name))
        problems.push(`${where}: name "${name}" is not in ${NATIVE_SCRIPT[lang]} script`);
      const synonyms = kind.synonyms[lang] ?? [];
      if (synonyms.length === 0) problems.push(`${where}: no synonyms`);
      if (lang !== 'en' && synonyms.length > 0) {
        if (!synonyms.some((s) => ROMAN.test(s))) problems.push(`${where}: no romanized synonym`);
        if (!synonyms.some((s) => SCRIPT_RE[NATIVE_SCRIPT[lang]].test(s)))
          problems.push(`${where}: no native-script synonym`);
      }
      for (const synonym of synonyms) {
        const key = contentKeys(synonym, index.connectors).join(' ');
        if (key === '') {
          problems.push(`${where}: synonym "${synonym}" has no words of its own`);
          continue;
        }
        if (!key.includes(' ') && generic.has(key))
          problems.push(`${where}: synonym "${synonym}" is too general on its own`);
        const other = owner.get(key);
        if (other !== undefined && other !== kind.id)
          problems.push(`${where}: synonym "${synonym}" is also a synonym of ${other}`);
        owner.set(key, kind.id);
        const read = findBusinessKind(index, synonym)?.id;
        if (read !== kind.id) problems.push(`${where}: synonym "${synonym}" is read as ${read ?? 'nothing'}`);
      }
    }
  }
  return problems;
}

function listProblems(what: string, lists: WordLists | undefined): string[] {
  return LANGS.filter((l: Lang) => !(lists?.[l] ?? []).some((w) => w.trim() !== '')).map(
    (l) => `${what}: no words in ${l}`,
  );
}

function lexiconProblems(lexicon: Lexicon): string[] {
  const problems: string[] = [];
  for (const c of COMMANDS) problems.push(...listProblems(`command ${c}`, lexicon.commands[c]));
  for (const a of ANSWERS) problems.push(...listProblems(`answer ${a}`, lexicon.answers[a]));
  for (const f of FEEDBACK) problems.push(...listProblems(`feedback ${f}`, lexicon.feedback[f]));
  for (const key of [
    'none',
    'fillers',
    'answerFillers',
    'languageRequest',
    'languageLocatives',
    'negations',
  ] as const) {
    problems.push(...listProblems(key, lexicon[key]));
  }
  const nameOwner = new Map<string, Lang>();
  for (const lang of LANGS) {
    const names = lexicon.languageNames[lang] ?? [];
    for (const script of new Set(Object.values(NATIVE_SCRIPT))) {
      if (!names.some((n) => SCRIPT_RE[script].test(n)))
        problems.push(`language name ${lang}: none written in ${script} script`);
    }
    for (const name of names) {
      const keys = keysOf(name);
      if (keys.length !== 1) problems.push(`language name ${lang}: "${name}" must be one word`);
      const key = keys.join(' ');
      const other = nameOwner.get(key);
      if (other && other !== lang)
        problems.push(`language name ${lang}: "${name}" is also a name of ${other}`);
      nameOwner.set(key, lang);
    }
  }
  const matchers = buildCommandMatchers(lexicon);
  const commandOf = new Map<string, string>();
  for (const { value, key } of matchers.command.phraseKeys()) {
    const other = commandOf.get(key);
    if (other && other !== value) problems.push(`command ${value}: "${key}" is also a word for ${other}`);
    commandOf.set(key, value);
  }
  const answerOf = new Map<string, string>();
  for (const { value, key } of matchers.yesNo.phraseKeys()) {
    const other = answerOf.get(key);
    if (other && other !== value) problems.push(`answer ${value}: "${key}" is also a word for ${other}`);
    answerOf.set(key, value);
    const command = commandOf.get(key);
    if (command) problems.push(`answer ${value}: "${key}" is also the command ${command}`);
  }
  return problems;
}

/** Problems in given business kinds and lexicon (as read from JSON); empty when both are sound. */
export function checkUnderstandingData(rawKinds: unknown, rawLexicon: unknown): string[] {
  const { data, problems } = parseRawData(rawKinds, rawLexicon);
  if (!data) return problems;
  return [...kindProblems(data.kinds, data.lexicon), ...lexiconProblems(data.lexicon)];
}

/** Problems in content/business-kinds.json and content/lexicon.json; empty when both are sound. */
export function validateLexicon(): string[] {
  const { data, problems } = parseUnderstandingData();
  if (!data) return problems;
  return [...kindProblems(data.kinds, data.lexicon), ...lexiconProblems(data.lexicon)];
}
