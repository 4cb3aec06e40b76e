import { describe, expect, it } from 'vitest';
import { createSealer, normalizeAddress } from '../../src/adapters/sealer.js';

describe('sealer', () => {
  const sealer = createSealer(Buffer.alloc(32, 1));

  it('round-trips text and never repeats a ciphertext', () => {
    const a = sealer.seal('Sunita, +919812345678');
    const b = sealer.seal('Sunita, +919812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Sunita');
    expect(sealer.open(a)).toBe('Sunita, +919812345678');
  });

  it('never reuses an IV, across refills of the IV pool', () => {
    const ivs = new Set(Array.from({ length: 2000 }, () => sealer.seal('x').split('.')[2]));
    expect(ivs.size).toBe(2000);
  });

  it('refuses tampered data and data sealed under another key', () => {
    const sealed = sealer.seal('secret');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64');
    expect(() => sealer.open(parts.join('.'))).toThrow();
    expect(() => createSealer(Buffer.alloc(32, 2)).open(sealed)).toThrow(/another key/);
    expect(() => sealer.open('garbage')).toThrow();
  });

  it('keeps its key id, owner ids and envelopes across releases (values recorded from an earlier build)', () => {
    const pinned = createSealer(Buffer.alloc(32, 7));
    expect(pinned.keyId).toBe('700341ef');
    expect(pinned.hash('+919812345678')).toBe('qsBf6EkfMlTCLoyDnoFLec3-YZSjn4ik');
    expect(pinned.open('v1.700341ef.zaFLaqtXR+oipt/j.s01IQ8ovFQ29gWogqQKusw==.YLsysFQ=')).toBe('hello');
  });

  it('hashes a number to a stable id that depends on the key', () => {
    expect(sealer.hash('+919812345678')).toBe(sealer.hash('+919812345678'));
    expect(sealer.hash('+919812345678')).not.toBe(createSealer(Buffer.alloc(32, 2)).hash('+919812345678'));
    expect(sealer.hash('+919812345678')).not.toContain('9812345678');
  });

  it('treats the same number with or without channel prefix and spacing as one owner', () => {
    expect(normalizeAddress('whatsapp:+91 98123-45678')).toBe('+919812345678');
    expect(normalizeAddress('+919812345678')).toBe('+919812345678');
    expect(normalizeAddress('919812345678')).toBe('+919812345678');
  });
});
