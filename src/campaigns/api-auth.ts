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

export interface BearerAuthOptions<T> {
  readonly failures: FailureLimiter;
  readonly onFailure?: (reason: 'missing' | 'invalid' | 'blocked') => void;
  /** The `WWW-Authenticate` realm. */
  readonly realm: string;
  /** Who the token stands for, or undefined when it is not valid. */
  readonly verify: (token: string) => Promise<T | undefined> | T | undefined;
  /** What a 401 says, with and without a token sent. */
  readonly messages: { readonly missing: string; readonly invalid: string };
  /** Keeps the verified identity for the handlers (e.g. in res.locals). */
  readonly accept?: (res: Response, who: T) => void;
}

/**
 * `Authorization: Bearer <token>` checked by `verify`; failures counted per client IP, and past the limit
 * 429 with Retry-After, checked before any token is looked at. Shared by the lender and admin APIs.
 */
export function bearerAuth<T>(options: BearerAuthOptions<T>): RequestHandler {
  return async (req, res, next) => {
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = await options.failures.blockedFor(client);
    if (wait > 0) {
      options.onFailure?.('blocked');
      res.setHeader('Retry-After', String(wait));
      return sendError(
        res,
        new ApiError(429, 'too_many_failures', `Too many failed attempts; try again in ${wait} s.`),
      );
    }
    const header = req.get('authorization');
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const who = token === undefined ? undefined : await options.verify(token);
    if (who === undefined) {
      await options.failures.fail(client);
      options.onFailure?.(token === undefined ? 'missing' : 'invalid');
      res.setHeader('WWW-Authenticate', `Bearer realm="${options.realm}"`);
      const message = token === undefined ? options.messages.missing : options.messages.invalid;
      return sendError(res, new ApiError(401, 'unauthorized', message));
    }
    options.accept?.(res, who);
    next();
  };
}

export function authenticate(deps: AuthDeps): RequestHandler {
  return bearerAuth<AuthenticatedLender>({
    failures: deps.failures,
    ...(deps.onFailure ? { onFailure: deps.onFailure } : {}),
    realm: 'saathi',
    verify: (key) => deps.lenders.authenticate(key),
    messages: {
      missing: 'Send your API key as "Authorization: Bearer <key>".',
      invalid: 'The API key is not valid or was revoked.',
    },
    accept: (res, lender) => {
      res.locals.lender = lender;
    },
  });
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
