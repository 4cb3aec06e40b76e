// Property tests that complement tests/unit/numbers.test.ts and tests/unit/places.test.ts (which already
// check that parseAmount, parseCount, parseYears and parsePin never throw and stay in range on arbitrary
// text): amounts written in any of the eleven native digit sets read back exactly, and a PIN keeps its
// meaning whatever non-digit text surrounds it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, parseAmount } from '../../src/language/numbers.js';
import { parsePin } from '../../src/profile/places.js';

/** Code point of the zero of each digit set Saathi reads (Devanagari … Extended Arabic-Indic). */
const ZEROS = [0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0x660, 0x6f0];
const inDigits = (zero: number, text: string): string =>
  text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

/** Any text without a decimal digit of any script (so it cannot add or change a number). */
const noDigits = fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => text.replace(/\p{Nd}/gu, ''));

describe('number and PIN readers, more properties', () => {
  it('reads back any amount written in native digits, with or without Indian grouping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_99_99_999 }),
        fc.constantFrom(...ZEROS),
        fc.boolean(),
        (n, zero, grouped) => {
          const written = inDigits(zero, grouped ? n.toLocaleString('en-IN') : String(n));
          expect(parseAmount(written)).toBe(n);
          expect(parseAmount(`₹ ${written}`)).toBe(n);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reads more than MAX_AMOUNT, however large the written number', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), noDigits, (n, noise) => {
        const amount = parseAmount(`${noise} ${n.toString()} ${noise}`);
        expect(amount === undefined || (amount >= 0 && amount <= MAX_AMOUNT)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same PIN whatever digit-free text surrounds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 999_999 }), noDigits, noDigits, (pin, before, after) => {
        const alone = parsePin(String(pin));
        expect(parsePin(`${before} ${pin} ${after}`)).toEqual(alone);
      }),
      { numRuns: 1000 },
    );
  });
});
