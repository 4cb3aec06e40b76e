// The kinds of words the number reader knows (number words, multipliers, "sava/saadhe/paune", …).

export type Lex =
  /** a number word; `tens` marks twenty…ninety (English "twenty five" adds); `unit` marks words that
   * already carry a multiplier (Tamil பத்தாயிரம் = 10 000, unit 1000) */
  | { readonly kind: 'num'; readonly value: number; readonly tens?: true; readonly unit?: number }
  /** hundred / thousand / lakh / crore; `suffix` ones ("k", "L", "cr") only count right after a number */
  | { readonly kind: 'mul'; readonly value: number; readonly suffix?: true }
  /** sava (+¼), saadhe (+½), paune (−¼): shift the next number, or 1 when a multiplier follows */
  | { readonly kind: 'mod'; readonly add: number }
  /** rupee words and signs */
  | { readonly kind: 'cur' }
  /** "and" inside a number: "two lakh and fifty thousand", "one and a half" */
  | { readonly kind: 'and' }
  /** between two numbers of a range: "2 se 3 lakh", "2-3 lakh", "2 or 3" */
  | { readonly kind: 'range' }
  /** English article: "a lakh", "one and a half" */
  | { readonly kind: 'art' };

/** A space-separated list of spellings that all mean the same thing. */
export interface LexSpec {
  readonly words: string;
  readonly lex: Lex;
}

export const num = (value: number, words: string): LexSpec => ({ words, lex: { kind: 'num', value } });
export const tens = (value: number, words: string): LexSpec => ({
  words,
  lex: { kind: 'num', value, tens: true },
});
export const big = (value: number, unit: number, words: string): LexSpec => ({
  words,
  lex: { kind: 'num', value, unit },
});
export const mul = (value: number, words: string): LexSpec => ({ words, lex: { kind: 'mul', value } });
export const suffix = (value: number, words: string): LexSpec => ({
  words,
  lex: { kind: 'mul', value, suffix: true },
});
export const mod = (add: number, words: string): LexSpec => ({ words, lex: { kind: 'mod', add } });
export const cur = (words: string): LexSpec => ({ words, lex: { kind: 'cur' } });
export const and = (words: string): LexSpec => ({ words, lex: { kind: 'and' } });
export const range = (words: string): LexSpec => ({ words, lex: { kind: 'range' } });

export const HUNDRED = 100;
export const THOUSAND = 1_000;
export const LAKH = 100_000;
export const CRORE = 10_000_000;
