// Lender API authentication: `Authorization: Bearer <api key>` → res.locals.lender, or 401 JSON. Failed
// attempts are counted per client IP; past the limit the client gets 429 with Retry-After, checked before
// any key is looked at. requireScope(scope) answers 403 when the key lacks the scope.
import type { RequestHandler, Response } from 'express';
import type { FailureLimiter } from './auth-limiter.js';
import { ApiError, sendError } from './api-errors.js';
import type { AuthenticatedLender, LenderStore, Scope } from './lenders.js';

export interface AuthDeps {
  readonly lenders: LenderStore;
  readonly failures: FailureLimiter;
  readonly onFailure?: (reason: 'missing' | 'invalid' | 'blocked') => void;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function authenticate(deps: AuthDeps): RequestHandler {
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
    const key = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const lender = key === undefined ? undefined : await deps.lenders.authenticate(key);
    if (!lender) {
      await deps.failures.fail(client);
      deps.onFailure?.(key === undefined ? 'missing' : 'invalid');
      res.setHeader('WWW-Authenticate', 'Bearer realm="saathi"');
      const message =
        key === undefined
          ? 'Send your API key as "Authorization: Bearer <key>".'
          : 'The API key is not valid or was revoked.';
      return sendError(res, new ApiError(401, 'unauthorized', message));
    }
    res.locals.lender = lender;
    next();
  };
}

/** The lender of an authenticated request. */
export function lenderOf(res: Response): AuthenticatedLender {
  const lender = (res.locals as { lender?: AuthenticatedLender }).lender;
  if (!lender) throw new Error('lenderOf used on a route without authentication');
  return lender;
}

export function requireScope(scope: Scope): RequestHandler {
  return (_req, res, next) => {
    if (lenderOf(res).scopes.includes(scope)) return next();
    sendError(res, new ApiError(403, 'forbidden', `This API key lacks the "${scope}" scope.`));
  };
}
