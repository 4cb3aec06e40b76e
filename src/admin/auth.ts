// Operator authentication for the admin API: `Authorization: Bearer <SAATHI_ADMIN_TOKEN>`, compared in
// constant time (SHA-256 digests of both, then timingSafeEqual, so neither content nor length leaks).
// Failures are counted per client IP by the same limiter as the lender API; past the limit the client
// gets 429 with Retry-After, checked before the token is looked at.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { FailureLimiter } from '../campaigns/auth-limiter.js';
import { bearerAuth } from '../campaigns/api-auth.js';

export interface AdminAuthDeps {
  readonly token: string;
  readonly failures: FailureLimiter;
  readonly onFailure?: (reason: 'missing' | 'invalid' | 'blocked') => void;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when `given` is the token; takes the same time whatever `given` is. */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export function adminAuth(deps: AdminAuthDeps): RequestHandler {
  const message = 'Send the admin token as "Authorization: Bearer <token>".';
  return bearerAuth<true>({
    failures: deps.failures,
    ...(deps.onFailure ? { onFailure: deps.onFailure } : {}),
    realm: 'saathi-admin',
    verify: (given) => (tokenMatches(given, deps.token) ? true : undefined),
    messages: { missing: message, invalid: message },
  });
}
