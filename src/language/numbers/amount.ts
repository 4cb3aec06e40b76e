// parseAmount: rupees from free text in any of the twelve languages, native script or romanized.
import { foldText, tokenize, type Token } from './fold.js';
import { findPhrases, type Phrase } from './phrase.js';
import { unitAt } from './units.js';

/** Above this (₹10,000 crore, the profile's own ceiling) a reading is taken as a mistake. */
export const MAX_AMOUNT = 1e11;

const roundPaise = (value: number): number => Math.round(value * 100) / 100;

/** A bare ten-digit number starting 6-9 is an Indian mobile number, not rupees. */
const isMobileNumber = (tokens: readonly Token[], p: Phrase): boolean =>
  p.end - p.start === 1 && /^[6-9]\d{9}$/.test(tokens[p.start]?.text ?? '');

/**
 * Rupees in free text: "2.5 lakh", "2.5L", "2,50,000", "₹ 50,000", "Rs.50000", "50k", "50 hazaar",
 * "डेढ़ लाख" (1.5 lakh), "ढाई लाख", "सवा लाख", "पौने दो लाख", "साढ़े तीन लाख", "দেড় লাখ",
 * "ஐந்து லட்சம்", "రెండు లక్షలు", "1 crore 20 lakh", "twenty five thousand".
 *
 * - A range ("2-3 lakh", "50,000 se 1 lakh", "do ya teen lakh") gives its midpoint.
 * - Words around the amount ("mahina", "per month", "sales") are ignored.
 * - When several numbers appear, the first one with a multiplier or a rupee sign wins
 *   ("6 saal se 2 lakh mahina" → 200000); a bare number followed by years, months, people or "%"
 *   is not an amount. Number words alone ("do", "पाँच") need a multiplier or a rupee word: a bare
 *   number counts only when written in digits.
 * - Returns undefined when there is no amount, or when it is above ₹10,000 crore; never NaN or
 *   negative. Rounded to the paisa.
 */
export function parseAmount(text: string): number | undefined {
  const tokens = tokenize(foldText(text));
  let fallback: Phrase | undefined;
  for (const phrase of findPhrases(tokens)) {
    const absurd = !Number.isFinite(phrase.value) || phrase.value < 0 || phrase.value > MAX_AMOUNT;
    if (phrase.scaled || phrase.currency) return absurd ? undefined : roundPaise(phrase.value);
    if (absurd || isMobileNumber(tokens, phrase)) continue;
    if (fallback === undefined && phrase.digits && unitAt(tokens, phrase.end) === undefined) {
      fallback = phrase;
    }
  }
  return fallback === undefined ? undefined : roundPaise(fallback.value);
}
