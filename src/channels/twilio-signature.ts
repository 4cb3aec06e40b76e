// Express middleware: every /twilio/* request must carry a valid X-Twilio-Signature when an auth token is
// configured. The URL is PUBLIC_BASE_URL + the original path and query, never the Host header.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import twilio from 'twilio';

const { getExpectedTwilioSignature, validateRequest } = twilio;

/**
 * The signature for the URL exactly as configured (what Twilio signs for a webhook set to it) is checked
 * first, in constant time; only when it does not match does twilio's validateRequest try the variants it
 * knows (with and without the port, legacy query encoding). Both come from the twilio library.
 */
function validSignature(authToken: string, signature: string, url: string, params: Record<string, unknown>) {
  const expected = Buffer.from(getExpectedTwilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  return validateRequest(authToken, signature, url, params);
}

export interface SignatureOptions {
  /** Without a token (local mode) every request is accepted. */
  readonly authToken: string | undefined;
  readonly publicBaseUrl: string | undefined;
  readonly onRejected?: (reason: string) => void;
}

export function twilioSignature({ authToken, publicBaseUrl, onRejected }: SignatureOptions): RequestHandler {
  return (req, res, next) => {
    if (authToken === undefined) return next();
    const signature = req.get('X-Twilio-Signature');
    const base = publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const url = `${base}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!signature || !validSignature(authToken, signature, url, params)) {
      onRejected?.(signature ? 'invalid signature' : 'missing signature');
      res.status(403).type('text/plain').send('Forbidden: invalid Twilio signature');
      return;
    }
    next();
  };
}
