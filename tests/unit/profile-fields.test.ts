// parseProfileFields (checked field by field, for speed on every answer) must give exactly the verdict and
// output of the whole profile schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProfileFields, profileSchema } from '../../src/profile/profile.js';

const keys = [...Object.keys(profileSchema.shape), 'unknownField', '__proto__', 'toString'];
const values = fc.oneof(
  fc.string({ maxLength: 90 }),
  fc.constantFrom('retail', 'manufacturing', 'services', 'MH', 'DL', '226001', '022001', 'working_capital'),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
  fc.integer({ min: -10, max: 200_000 }),
  fc.boolean(),
  fc.constant(undefined),
  fc.record({ lat: fc.double({ min: -100, max: 100 }), lng: fc.double({ min: -200, max: 200 }) }),
);

describe('parseProfileFields', () => {
  it('agrees with profileSchema.safeParse on any one to three fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), values, { minKeys: 1, maxKeys: 3 }), (fields) => {
        const whole = profileSchema.safeParse(fields);
        expect(parseProfileFields(fields)).toEqual(whole.success ? whole.data : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a valid answer and refuses an out-of-range or unknown one', () => {
    expect(parseProfileFields({ workers: 4, udyam: true })).toEqual({ workers: 4, udyam: true });
    expect(parseProfileFields({ workers: -1 })).toBeUndefined();
    expect(parseProfileFields({ pin: '012345' })).toBeUndefined();
    expect(parseProfileFields({ favouriteColour: 'blue' })).toBeUndefined();
  });
});
