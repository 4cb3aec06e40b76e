// Property tests of the offline language detector: for any string — unicode of every script, lone
// surrogates, control characters, emoji, very long or empty text, code-mixed words — it never throws and
// answers one of the twelve languages or 'unknown', a known script, and a confidence in [0, 1]; the
// candidate scores are finite, in [0, 1] and sorted best first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, scoreLanguages } from '../../src/language/detect/index.js';
import { LANGS } from '../../src/language/langs.js';

const KNOWN = new Set<string>([...LANGS, 'unknown']);
const words = fc.constantFrom(
  'mera',
  'dukaan',
  'loan',
  'चाहिए',
  'আমার',
  'ਮੇਰੀ',
  'நான்',
  'నేను',
  'ನನ್ನ',
  'എന്റെ',
  'ମୋର',
  'મારી',
  'میرا',
  'vanakkam',
  'namaskaram',
  '@user',
  '#tag',
  'http://x.in',
  '123',
  '₹',
);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u200d', '\ufeff', 'a', 'क'),
    maxLength: 40,
  }),
  fc.array(words, { maxLength: 20 }).map((parts) => parts.join(' ')),
  fc.nat(5_000).map((n) => 'ab क '.repeat(n)),
);

describe('language detector under arbitrary text', () => {
  it('never throws, answers a known language and script, and a confidence in [0, 1]', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = detectLanguage(text);
        expect(KNOWN.has(found.lang)).toBe(true);
        expect(['native', 'latn', 'unknown']).toContain(found.script);
        expect(Number.isFinite(found.confidence)).toBe(true);
        expect(found.confidence).toBeGreaterThanOrEqual(0);
        expect(found.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 600 },
    );
  });

  it('scores candidates with finite scores in [0, 1], best first', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const scores = scoreLanguages(text);
        expect(scores.length).toBeGreaterThan(0);
        for (const [i, { lang, score }] of scores.entries()) {
          expect(KNOWN.has(lang)).toBe(true);
          expect(Number.isFinite(score) && score >= 0 && score <= 1).toBe(true);
          if (i > 0) expect(score).toBeLessThanOrEqual(scores[i - 1]?.score ?? 1);
        }
      }),
      { numRuns: 400 },
    );
  });
});
