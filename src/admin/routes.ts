// The operator's admin API, mounted at /admin/v1 only when SAATHI_ADMIN_TOKEN is set (otherwise those
// paths do not exist: 404). One owner, named by their WhatsApp number:
//   GET    /admin/v1/owners/export?number=+91…   everything kept about the owner, as one JSON document
//   DELETE /admin/v1/owners?number=+91…          erasure everywhere (the STOP suppression stays)
// Every access is logged with the owner id, never the number.
import express, { type Router } from 'express';
import { z } from 'zod';
import { ApiError, apiErrorHandler, parseOr400 } from '../campaigns/api-errors.js';
import type { FailureLimiter } from '../campaigns/auth-limiter.js';
import { normalizeIndianNumber } from '../campaigns/dnd.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { adminAuth } from './auth.js';
import { eraseOwner, exportOwner, type OwnerDataSources } from './owner-data.js';

export interface AdminDeps extends OwnerDataSources {
  readonly token: string;
  readonly failures: FailureLimiter;
  /** The owner id of a number (the engine's `ownerId`). */
  readonly ownerIdOf: (number: string) => string;
  readonly log: Logger;
  readonly metrics?: Metrics;
}

/**
 * A phone number as the operator may type it: `+91…` (a `+` in a query string arrives as a space),
 * `whatsapp:+91…`, a 10-digit Indian mobile, with spaces or dashes. E.164 or undefined.
 */
export function parseOwnerNumber(raw: string): string | undefined {
  if (raw.length > 64) return undefined;
  const bare = raw
    .trim()
    .replace(/^[a-z]+:/i, '')
    .replace(/[\s().-]/g, '');
  const number = normalizeIndianNumber(raw) ?? (bare.startsWith('+') ? bare : `+${bare}`);
  return /^\+[1-9]\d{7,14}$/.test(number) ? number : undefined;
}

const ownerQuery = z.object({
  number: z
    .string({ required_error: 'required: the owner’s WhatsApp number, e.g. +919812345678' })
    .transform((raw, ctx) => {
      const number = parseOwnerNumber(raw);
      if (number === undefined) {
        ctx.addIssue({ code: 'custom', message: 'not a phone number; send it as +<country code><number>' });
        return z.NEVER;
      }
      return number;
    }),
});

export function createAdminRouter(deps: AdminDeps): Router {
  const { log, metrics } = deps;
  const router = express.Router();
  router.use(
    adminAuth({
      token: deps.token,
      failures: deps.failures,
      onFailure: (reason) => {
        metrics?.errors.inc({ kind: 'admin_auth' });
        log.warn({ reason }, 'admin API authentication failed');
      },
    }),
  );
  const ownerOf = (query: unknown): string =>
    deps.ownerIdOf(parseOr400(ownerQuery, query, 'invalid_query').number);

  router.get('/owners/export', async (req, res) => {
    const ownerId = ownerOf(req.query);
    const data = await exportOwner(deps, ownerId);
    log.info({ ownerId, action: 'export' }, 'admin: owner data exported');
    res.setHeader('Cache-Control', 'no-store');
    res.json(data);
  });

  router.delete('/owners', async (req, res) => {
    const ownerId = ownerOf(req.query);
    const conversation = await eraseOwner(deps, ownerId);
    log.info({ ownerId, action: 'erase', conversation }, 'admin: owner data erased');
    res.json({ ownerId, erased: true });
  });

  router.use((_req, _res, next) => next(new ApiError(404, 'not_found', 'No such admin route.')));
  router.use(apiErrorHandler(log, () => metrics?.errors.inc({ kind: 'admin' })));
  return router;
}
