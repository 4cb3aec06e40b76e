// Splits strings into provider calls: at most `maxItems` strings and (when possible) `maxCodepoints`
// code points per call. A single string longer than the budget travels alone.

export interface BatchLimits {
  readonly maxItems: number;
  readonly maxCodepoints: number;
}

/** Google Translation v3 translateText: ≤1024 strings per call, total content below 30,000 code points. */
export const GOOGLE_TRANSLATE_LIMITS: BatchLimits = { maxItems: 1024, maxCodepoints: 30_000 };

export function batches(texts: readonly string[], limits: BatchLimits = GOOGLE_TRANSLATE_LIMITS): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const text of texts) {
    const length = [...text].length;
    if (current.length > 0 && (current.length >= limits.maxItems || size + length > limits.maxCodepoints)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(text);
    size += length;
  }
  if (current.length > 0) out.push(current);
  return out;
}
