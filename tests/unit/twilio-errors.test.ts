import { describe, expect, it } from 'vitest';
import {
  describeTwilioError,
  isOptOutCode,
  isRetryableStatus,
  twilioError,
} from '../../src/channels/twilio-errors.js';

describe('twilio error codes', () => {
  it.each([21610, 21211, 21614, 63003, 63016, 63024, 63014, 63021, 30005, 30006, 30007])(
    '%i is permanent',
    (code) => {
      expect(twilioError(code)?.permanent).toBe(true);
      expect(describeTwilioError(code, 400).permanent).toBe(true);
    },
  );

  it.each([63018, 20429, 30003, 30008, 63038])('%i may succeed later', (code) => {
    expect(twilioError(code)?.permanent).toBe(false);
  });

  it('says why in words and ends with the code', () => {
    expect(describeTwilioError(21610, 400).reason).toBe('recipient has unsubscribed (replied STOP) (21610)');
    expect(describeTwilioError(63016).reason).toMatch(/24-hour.*template.*\(63016\)$/);
    expect(describeTwilioError(63024).reason).toContain('not a WhatsApp user');
  });

  it('treats 429 and 5xx as retryable whatever the code', () => {
    expect(describeTwilioError(20429, 429)).toMatchObject({ permanent: false });
    expect(describeTwilioError(undefined, 429)).toEqual({
      permanent: false,
      reason: 'too many requests to Twilio (rate limited) (HTTP 429)',
    });
    expect(describeTwilioError(20500, 500).permanent).toBe(false);
    expect(describeTwilioError(undefined, 503).permanent).toBe(false);
    expect(describeTwilioError(99999, 502).permanent).toBe(false);
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 409].some(isRetryableStatus)).toBe(false);
  });

  it('makes a rate-limit code retryable even on a 400 answer', () => {
    expect(describeTwilioError(63018, 400)).toMatchObject({ permanent: false });
  });

  it('follows the HTTP status for codes it does not know', () => {
    expect(describeTwilioError(12345, 400)).toEqual({
      permanent: true,
      reason: 'Twilio refused the request (12345)',
    });
    expect(describeTwilioError(undefined, 403)).toEqual({
      permanent: true,
      reason: 'Twilio rejected the credentials (HTTP 403)',
    });
    // An unknown code from a status callback (no HTTP status) is not treated as final.
    expect(describeTwilioError(12345)).toEqual({
      permanent: false,
      reason: 'Twilio reported an unknown error (12345)',
    });
  });

  it('marks opt-out codes', () => {
    expect(isOptOutCode(21610)).toBe(true);
    expect(isOptOutCode(63014)).toBe(true);
    expect([63003, 63024, 63016, 30007, undefined].some(isOptOutCode)).toBe(false);
  });
});
