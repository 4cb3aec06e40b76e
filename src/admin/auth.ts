// Operator authentication for the admin API: `Authorization: Bearer <SAATHI_ADMIN_TOKEN>`, compared in
// constant time (SHA-256 digests of both, then timingSafeEqual, so neither content nor length leaks).
// Failures are counted per client IP by the same limiter as the lender API; past the limit the client
// gets 429 with Retry-After, checked before the token is looked at.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { FailureLimiter } from '../campaigns/auth-limiter.js';
import { ApiError, sendError } from '../campaigns/api-errors.js';

export interface AdminAuthDeps {
  readonly token: string;
  readonly failures: FailureLimiter;
  readonly onFailure?: (reason: 'missing' | 'invalid' | 'blocked') => void;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when `given` is the token; takes the same time whatever `given` is. */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export function adminAuth(deps: AdminAuthDeps): RequestHandler {
  return async (req, res, next) => {
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = await deps.failures.blockedFor(client);
    if (wait > 0) {
      deps.onFailure?.('blocked');
      res.setHeader('Retry-After', String(wait));
      return sendError(
        res,
        new ApiError(429, 'too_many_failures', `Too many failed attempts; try again in ${wait} s.`),
      );
    }
    const header = req.get('authorization');
    const given = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (given === undefined || !tokenMatches(given, deps.token)) {
      await deps.failures.fail(client);
      deps.onFailure?.(given === undefined ? 'missing' : 'invalid');
      res.setHeader('WWW-Authenticate', 'Bearer realm="saathi-admin"');
      return sendError(
        res,
        new ApiError(401, 'unauthorized', 'Send the admin token as "Authorization: Bearer <token>".'),
      );
    }
    next();
  };
}
