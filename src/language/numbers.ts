// Reads numbers people type or say: amounts in rupees, counts of workers, years in business.
// The parts live in ./numbers/ (digits, folding, lexicon per script, phrase reader, one file per parser).
export { normalizeDigits } from './numbers/digits.js';
export { parseAmount, MAX_AMOUNT } from './numbers/amount.js';
export { parseCount, MAX_COUNT } from './numbers/count.js';
export { parseYears, MAX_YEARS } from './numbers/years.js';
export { foldText } from './numbers/fold.js';
