import { describe, expect, it } from 'vitest';
import { NO_SAY_VOICE, VOICE } from '../../src/language/voices.js';
import { LANGS } from '../../src/language/langs.js';

describe('voice support per language', () => {
  it('covers all twelve languages', () => {
    expect(Object.keys(VOICE).sort()).toEqual([...LANGS].sort());
  });
  it('records that Odia and Urdu have no <Say> voice and Odia no speech recognition', () => {
    expect(NO_SAY_VOICE).toEqual(['ur', 'or']);
    expect(VOICE.or.gatherTag).toBeUndefined();
    expect(VOICE.pa.gatherTag).toBe('pa-guru-IN');
  });
});
