// Sending windows in IST: parsing, TRAI's clamp for voice, inside/outside, and the next opening.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrequencyCap, deliveryPolicy } from '../../src/campaigns/policy-config.js';
import {
  clampToTrai,
  formatWindow,
  isInsideWindow,
  nextOpening,
  parseWindow,
  TRAI_WINDOW,
} from '../../src/campaigns/quiet-hours.js';

const ist = (text: string) => Date.parse(`${text}+05:30`);

describe('sending windows', () => {
  it('parses HH:MM-HH:MM and refuses nonsense', () => {
    expect(parseWindow('10:00-21:00')).toEqual({ from: 600, to: 1260 });
    expect(parseWindow(' 9:30 - 18:45 ')).toEqual({ from: 570, to: 1125 });
    expect(formatWindow(parseWindow('9:05-24:00'))).toBe('09:05-24:00');
    for (const bad of ['21:00-10:00', '10:00', '25:00-26:00', '10:00-10:00', '10-21'])
      expect(() => parseWindow(bad)).toThrow(RangeError);
  });

  it('keeps voice inside TRAI’s 10:00–21:00 IST', () => {
    expect(clampToTrai(parseWindow('08:00-22:00'))).toEqual(TRAI_WINDOW);
    expect(clampToTrai(parseWindow('11:00-13:00'))).toEqual({ from: 660, to: 780 });
    expect(() => clampToTrai(parseWindow('06:00-09:00'))).toThrow(/TRAI/);
    expect(deliveryPolicy({ quietHoursVoice: '09:00-23:00' }).windows.voice).toEqual(TRAI_WINDOW);
    expect(deliveryPolicy().windows.whatsapp).toEqual(TRAI_WINDOW);
  });

  it('tells inside from outside in IST, whatever the machine’s zone', () => {
    const window = parseWindow('10:00-21:00');
    expect(isInsideWindow(window, ist('2026-11-22T10:00:00'))).toBe(true);
    expect(isInsideWindow(window, ist('2026-11-22T20:59:59'))).toBe(true);
    expect(isInsideWindow(window, ist('2026-11-22T21:00:00'))).toBe(false);
    expect(isInsideWindow(window, ist('2026-11-22T09:59:59'))).toBe(false);
    expect(isInsideWindow(window, ist('2026-11-23T02:00:00'))).toBe(false);
  });

  it('finds the next opening: later today before opening, tomorrow after closing', () => {
    const window = parseWindow('10:00-21:00');
    expect(nextOpening(window, ist('2026-11-22T07:15:00'))).toBe(ist('2026-11-22T10:00:00'));
    expect(nextOpening(window, ist('2026-11-22T21:30:00'))).toBe(ist('2026-11-23T10:00:00'));
    expect(nextOpening(window, ist('2026-12-31T23:59:00'))).toBe(ist('2027-01-01T10:00:00'));
    const noon = ist('2026-11-22T12:00:00');
    expect(nextOpening(window, noon)).toBe(noon);
  });

  it('never drops: the next opening is inside the window, not in the past, within a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 23 * 60 }),
        fc.integer({ min: 1, max: 24 * 60 }),
        (at, from, length) => {
          const window = { from, to: Math.min(24 * 60, from + length) };
          const open = nextOpening(window, at);
          expect(open).toBeGreaterThanOrEqual(at);
          expect(open - at).toBeLessThan(86_400_000);
          expect(isInsideWindow(window, open)).toBe(true);
        },
      ),
    );
  });
});

describe('frequency cap', () => {
  it('parses count per period', () => {
    expect(parseFrequencyCap('2/7d')).toEqual({ count: 2, windowMs: 7 * 86_400_000 });
    expect(parseFrequencyCap('5/12h')).toEqual({ count: 5, windowMs: 12 * 3_600_000 });
    for (const bad of ['0/7d', '2/0d', 'two/7d', '2/7w', '2'])
      expect(() => parseFrequencyCap(bad)).toThrow(RangeError);
  });
});
