// Reads number phrases out of a token stream: "2.5 lakh", "₹ 50,000", "do lakh pachas hazaar",
// "साढ़े तीन लाख", "twenty five thousand", and joins ranges ("2-3 lakh" → the midpoint).
import type { Lex } from './lexicon-types.js';
import { lookupWord } from './lexicon.js';
import type { Token } from './fold.js';

export interface Phrase {
  readonly value: number;
  /** first token of the phrase and the token just after it */
  readonly start: number;
  readonly end: number;
  /** a multiplier (hundred, thousand, lakh, crore, k, L …) was used */
  readonly scaled: boolean;
  /** the smallest multiplier used ("2 lakh 50 hazaar" → 1000), 1 when none */
  readonly unit: number;
  /** a rupee word or sign was part of it */
  readonly currency: boolean;
  /** written with digits, not only number words ("do", "पाँच" are too ambiguous to stand alone) */
  readonly digits: boolean;
}

const RANGE_SYMBOLS = new Set(['-', '–', '—', '/']);
/** A range joins two numbers at most this far apart ("2018 se 5 lakh" is not a range). */
const MAX_RANGE_RATIO = 10;

export function lexAt(tokens: readonly Token[], i: number): Lex | undefined {
  const tok = tokens[i];
  if (tok === undefined) return undefined;
  if (tok.kind === 'word') return lookupWord(tok.text, tok.native);
  if (tok.kind === 'sym' && tok.text === '₹') return { kind: 'cur' };
  return undefined;
}

function startsNumber(tokens: readonly Token[], i: number): boolean {
  const tok = tokens[i];
  if (tok?.kind === 'num') return true;
  const lex = lexAt(tokens, i);
  return lex?.kind === 'num' || lex?.kind === 'mod' || (lex?.kind === 'mul' && lex.suffix !== true);
}

/** Reads one phrase starting exactly at token `i` (no range joining). */
function readAt(tokens: readonly Token[], i: number): Phrase | undefined {
  let j = i;
  let total = 0;
  let current: number | undefined;
  let currentStart = i;
  let currentIsTens = false;
  let modifier: number | undefined;
  let lastMul = Number.POSITIVE_INFINITY;
  let scaled = false;
  let currency = false;
  let digits = false;
  let sawNumber = false;
  let prevAnd = false;

  while (j < tokens.length) {
    const tok = tokens[j];
    if (tok === undefined) break;
    if (tok.kind === 'num') {
      if (current !== undefined) break;
      current = tok.value + (modifier ?? 0);
      currentStart = j;
      currentIsTens = false;
      modifier = undefined;
      digits = sawNumber = true;
      prevAnd = false;
      j++;
      continue;
    }
    if (
      tok.kind === 'brk' &&
      tok.text === '.' &&
      j > i &&
      lexAt(tokens, j - 1)?.kind === 'cur' &&
      !sawNumber
    ) {
      j++; // "Rs. 500"
      continue;
    }
    if (tok.kind === 'sym' && tok.text === '/' && tokens[j + 1]?.text === '-' && sawNumber) {
      currency = true; // "50,000/-"
      j += 2;
      break;
    }
    const lex = lexAt(tokens, j);
    if (lex === undefined) break;
    if (lex.kind === 'num') {
      if (prevAnd && lex.value === 0.5 && current !== undefined) {
        current += 0.5; // "one and a half"
      } else if (current !== undefined) {
        const addsUnits =
          currentIsTens && !digits && lex.value > 0 && lex.value < 10 && lex.unit === undefined;
        if (!addsUnits) break;
        current += lex.value; // "twenty five"
        currentIsTens = false;
      } else if (lex.unit !== undefined) {
        if (lex.unit >= lastMul) break;
        total += lex.value + (modifier ?? 0) * lex.unit;
        lastMul = lex.unit;
        scaled = true;
        modifier = undefined;
      } else {
        current = lex.value + (modifier ?? 0);
        currentStart = j;
        currentIsTens = lex.tens === true;
        modifier = undefined;
      }
      sawNumber = true;
      prevAnd = false;
      j++;
      continue;
    }
    if (lex.kind === 'mul') {
      if (lex.suffix === true && (current === undefined || tokens[j - 1]?.kind !== 'num')) break;
      const base = current ?? 1 + (modifier ?? 0);
      if (lex.value === 100) {
        current = base * 100;
        currentIsTens = false;
      } else if (current === undefined && modifier === undefined && total > 0 && lex.value > lastMul) {
        total *= lex.value; // "ek lakh crore"
        lastMul = lex.value;
      } else {
        if (lex.value >= lastMul) {
          if (current === undefined) break;
          j = currentStart; // "2 lakh 3 lakh": the second is another phrase
          current = undefined;
          break;
        }
        total += base * lex.value;
        lastMul = lex.value;
        current = undefined;
      }
      modifier = undefined;
      scaled = sawNumber = true;
      prevAnd = false;
      j++;
      continue;
    }
    if (lex.kind === 'mod') {
      if (current !== undefined || modifier !== undefined) break;
      modifier = lex.add;
      j++;
      continue;
    }
    if (lex.kind === 'cur') {
      currency = true;
      j++;
      if (sawNumber) break;
      continue;
    }
    if (
      lex.kind === 'and' &&
      sawNumber &&
      (startsNumber(tokens, j + 1) || lexAt(tokens, j + 1)?.kind === 'art')
    ) {
      prevAnd = true;
      j++;
      continue;
    }
    if (lex.kind === 'art' && (prevAnd || !sawNumber) && startsNumber(tokens, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  if (!sawNumber) return undefined;
  const value = total + (current ?? 0);
  const unit = Number.isFinite(lastMul) ? lastMul : 1;
  return { value, start: i, end: j, scaled, unit, currency, digits };
}

function isRangeJoin(tokens: readonly Token[], j: number): boolean {
  const tok = tokens[j];
  if (tok === undefined) return false;
  if (tok.kind === 'sym') return RANGE_SYMBOLS.has(tok.text);
  return lexAt(tokens, j)?.kind === 'range';
}

/** "2-3 lakh" → 2.5 lakh, "50,000 - 1 lakh" → 75,000: the midpoint of the two ends. */
function joinRange(a: Phrase, b: Phrase): Phrase | undefined {
  let low = a.value;
  if (!a.scaled && b.scaled && low * b.unit < b.value) low *= b.unit;
  if (!(low > 0 && low < b.value && b.value / low <= MAX_RANGE_RATIO)) return undefined;
  return {
    value: (low + b.value) / 2,
    start: a.start,
    end: b.end,
    scaled: a.scaled || b.scaled,
    unit: b.unit,
    currency: a.currency || b.currency,
    digits: a.digits || b.digits,
  };
}

/** Every number phrase in the tokens, left to right, ranges already joined. */
export function findPhrases(tokens: readonly Token[]): Phrase[] {
  const phrases: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = readAt(tokens, i);
    if (first === undefined || first.end <= i) {
      i++;
      continue;
    }
    let phrase = first;
    if (isRangeJoin(tokens, phrase.end)) {
      const second = readAt(tokens, phrase.end + 1);
      const joined = second === undefined ? undefined : joinRange(phrase, second);
      if (joined !== undefined) phrase = joined;
    }
    phrases.push(phrase);
    i = phrase.end;
  }
  return phrases;
}
