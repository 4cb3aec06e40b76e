// Express middleware: every /twilio/* request must carry a valid X-Twilio-Signature when an auth token is
// configured. The URL is PUBLIC_BASE_URL + the original path and query, never the Host header.
import type { RequestHandler } from 'express';
import twilio from 'twilio';

const { validateRequest } = twilio;

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
    if (!signature || !validateRequest(authToken, signature, url, params)) {
      onRejected?.(signature ? 'invalid signature' : 'missing signature');
      res.status(403).type('text/plain').send('Forbidden: invalid Twilio signature');
      return;
    }
    next();
  };
}
