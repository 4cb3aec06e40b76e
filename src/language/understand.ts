// Understands owners' free text in 12 languages, native script or romanized: commands, yes / no,
// feedback, language requests and the kind of business. Pure matchers over content/lexicon.json and
// content/business-kinds.json (validated with zod); the parts live in ./understand/.
export { normalizeText, tokenize } from './understand/normalize.js';
export { fuzzyKey } from './understand/keys.js';
export { COMMANDS, FEEDBACK, type Command, type Feedback, type YesNo } from './understand/lexicon-data.js';
export { matchCommand, matchFeedback, matchNone, matchYesNo } from './understand/commands.js';
export { matchLanguageRequest } from './understand/language-request.js';
export {
  businessKindName,
  getBusinessKind,
  listBusinessKinds,
  matchBusinessKind,
  type BusinessKind,
  type BusinessKindMatch,
} from './understand/business-kind.js';
export { checkUnderstandingData, validateLexicon } from './understand/validate.js';
