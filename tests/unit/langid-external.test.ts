// The importer of openly licensed training text (src/language/detect/training/import-external.ts) and the
// corpus's use of it: measuring-set sentences stay out, CSV quoting is read right, samples are spread out.
import { describe, expect, it } from 'vitest';
import { readExternal, spread } from '../../src/language/detect/training/corpus.js';
import { keepNew, parseCsv, sentenceKey } from '../../src/language/detect/training/import-external.js';

describe('sentenceKey', () => {
  it('ignores case, spacing and punctuation but keeps letters of every script and digits', () => {
    expect(sentenceKey('  Kya  BT hai, yaar!! ')).toBe('kya bt hai yaar');
    expect(sentenceKey("don't stop")).toBe('dont stop');
    expect(sentenceKey('मुझे 2 लाख चाहिए।')).toBe('मुझे 2 लाख चाहिए');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv(
      'Comment,Sentiment\n"Kya bt hai,",Positive\n"he said ""wah""\nagain",Neutral\r\nplain,Negative',
    );
    expect(rows).toEqual([
      ['Comment', 'Sentiment'],
      ['Kya bt hai,', 'Positive'],
      ['he said "wah"\nagain', 'Neutral'],
      ['plain', 'Negative'],
    ]);
  });
});

describe('keepNew', () => {
  it('drops measuring-set sentences, duplicates and letterless lines, and collapses whitespace', () => {
    const exclude = new Set([sentenceKey('Thik hai bhai')]);
    const seen = new Set<string>();
    const kept = keepNew(
      ['thik  hai, BHAI', 'sahi bt h', 'Sahi bt h!', '👍👍', '12', 'a\n  b'],
      exclude,
      seen,
    );
    expect(kept).toEqual(['sahi bt h', 'a b']);
    // A later source sharing a line with an earlier one does not bring it in twice.
    expect(keepNew(['SAHI BT H', 'naya jumla'], exclude, seen)).toEqual(['naya jumla']);
  });
});

describe('spread', () => {
  it('takes evenly spaced lines when asked for fewer than there are', () => {
    const lines = Array.from({ length: 10 }, (_, i) => i);
    expect(spread(lines, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(spread(lines, 20)).toEqual(lines);
    expect(spread(lines, 0)).toEqual([]);
  });
});

describe('imported files', () => {
  it('are present, attributed in their header, and hold no measuring-set-like duplicates', () => {
    for (const stem of ['ur.latn', 'hi.latn', 'en.latn']) {
      const lines = readExternal(stem);
      expect(lines.length).toBeGreaterThan(1000);
      const keys = lines.map(sentenceKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
