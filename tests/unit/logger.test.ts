// The logger never writes a phone number or a name: known personal fields are replaced at any depth,
// and anything shaped like a phone number is masked in every line (messages, errors, bindings).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhones } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, log: createLogger('trace', stream) };
}

describe('maskPhones', () => {
  it.each([
    ['whatsapp:+919812345678', '[phone]'],
    ['+91 98123 45678', '[phone]'],
    ['+91-98123-45678', '[phone]'],
    ['9812345678', '[phone]'],
    ['09812345678', '[phone]'],
    ['919812345678', '[phone]'],
    ['tel:+14155238886', '[phone]'],
    ['call 98123 45678 now', 'call [phone] now'],
  ])('masks %s', (text, masked) => {
    expect(maskPhones(text)).toBe(masked);
  });

  it.each([
    ['1763789123456'],
    ['226001'],
    ['₹250000'],
    ['SMab12cd34ef56ab12cd34ef56ab12cd34'],
    ['2026-11-22T10:00:00.000Z'],
  ])('leaves %s alone', (text) => {
    expect(maskPhones(text)).toBe(text);
  });
});

describe('createLogger', () => {
  it('replaces personal fields at any depth and masks numbers in messages, errors and bindings', () => {
    const { lines, log } = capture();
    const child = log.child({ requestFrom: 'whatsapp:+919812345678', profileName: 'Sunita Devi' });
    child.info(
      {
        from: 'whatsapp:+919812345678',
        inbound: {
          From: 'whatsapp:+919812345678',
          ProfileName: 'Sunita Devi',
          Body: 'my number is 98123 45678',
        },
        list: [{ name: 'Sunita Devi' }],
        err: new Error('could not send to +91 98123 45678'),
        ownerId: 'Qx7-hashed-owner-id',
        at: 1763789123456,
      },
      'turn for %s failed',
      '9812345678',
    );
    const text = lines.join('');
    for (const secret of ['9812345678', '98123 45678', 'Sunita']) expect(text).not.toContain(secret);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      from: '[redacted]',
      inbound: { From: '[redacted]', ProfileName: '[redacted]', Body: '[redacted]' },
    });
    expect(entry).toMatchObject({
      ownerId: 'Qx7-hashed-owner-id',
      at: 1763789123456,
      msg: 'turn for [phone] failed',
    });
    expect((entry.err as { message: string }).message).toBe('could not send to [phone]');
    expect(entry.requestFrom).toBe('[phone]');
  });
});
