// The lender API, mounted at /api/v1: bearer-key authentication (failures rate-limited per IP), JSON
// bodies with a size limit, zod-validated input, one JSON error shape, and tenant isolation — every
// route reads only the authenticated lender's data, and another lender's record answers 404. The
// campaign routes are registered by the campaign engine through `campaignRoutes`.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { audienceSchema, publicEstimate, type AudienceIndex } from './audience.js';
import { createMemoryFailureLimiter, type FailureLimiter } from './auth-limiter.js';
import { authenticate, lenderOf, requireScope } from './api-auth.js';
import { ApiError, apiErrorHandler, parseOr400, sendError } from './api-errors.js';
import { leadsToCsv } from './lead-csv.js';
import { MAX_PAGE, type Lead, type Leads } from './leads.js';
import type { LenderStore } from './lenders.js';

export { requireScope, lenderOf } from './api-auth.js';
export { ApiError, parseOr400, sendError } from './api-errors.js';

export interface ApiDeps {
  readonly lenders: LenderStore;
  readonly leads: Leads;
  readonly audiences: AudienceIndex;
  readonly log: Logger;
  readonly metrics?: Metrics;
  /** Registers the campaign routes (they read res.locals.lender and use requireScope('campaigns')). */
  readonly campaignRoutes?: (router: Router) => void;
  /** Failed-authentication limiter; default in memory (one process). */
  readonly failures?: FailureLimiter;
  /** Largest JSON body in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

const time = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'string' ? Date.parse(v) : v),
  z
    .number({ invalid_type_error: 'must be a date (ISO 8601) or epoch milliseconds' })
    .finite('must be a date (ISO 8601) or epoch milliseconds')
    .min(0),
);
const leadsQuery = z.object({
  since: time.optional(),
  cursor: z
    .string()
    .regex(/^ld_[0-9a-z]{9,40}$/, 'not a cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
const erasuresQuery = z.object({ since: time.optional() });
const estimateBody = z.object({ filters: audienceSchema }).strict();

/** What a lender sees of a lead: no internal owner id. */
function leadView({ ownerId: _ownerId, at, recordedAt, ...rest }: Lead) {
  return { ...rest, at: new Date(at).toISOString(), recordedAt: new Date(recordedAt).toISOString() };
}

export function createApiRouter(deps: ApiDeps): Router {
  const { lenders, leads, audiences, log, metrics } = deps;
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(
    authenticate({
      lenders,
      failures: deps.failures ?? createMemoryFailureLimiter(),
      onFailure: (reason) => metrics?.errors.inc({ kind: `api_auth_${reason}` }),
    }),
  );
  router.use((req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json'))
      return next(
        new ApiError(
          415,
          'unsupported_media_type',
          'Send the body as JSON (Content-Type: application/json).',
        ),
      );
    next();
  });
  router.use(express.json({ limit: deps.maxBodyBytes ?? 64 * 1024, strict: true }));

  router.get('/me', (_req, res) => {
    res.json({ lender: lenderOf(res) });
  });

  router.post('/audiences/estimate', requireScope('campaigns'), async (req, res) => {
    const { filters } = parseOr400(estimateBody, req.body ?? {});
    res.json({ estimate: publicEstimate(await audiences.estimate(filters)) });
  });

  const csvExport = async (
    lenderId: string,
    since: number | undefined,
    res: express.Response,
  ): Promise<void> => {
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="leads.csv"');
    let cursor: string | undefined;
    let first = true;
    do {
      const page = await leads.list(lenderId, {
        ...(since === undefined ? {} : { since }),
        ...(cursor ? { cursor } : {}),
        limit: MAX_PAGE,
      });
      res.write(leadsToCsv(page.leads, first));
      first = false;
      cursor = page.next;
    } while (cursor);
    res.end();
  };

  router.get('/leads.csv', requireScope('leads'), async (req, res) => {
    const { since } = parseOr400(erasuresQuery, req.query, 'invalid_query');
    await csvExport(lenderOf(res).id, since, res);
  });

  router.get('/leads', requireScope('leads'), async (req, res) => {
    const query = parseOr400(leadsQuery, req.query, 'invalid_query');
    const lenderId = lenderOf(res).id;
    if (query.format === 'csv') return csvExport(lenderId, query.since, res);
    const page = await leads.list(lenderId, {
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    res.json({ leads: page.leads.map(leadView), ...(page.next ? { next: page.next } : {}) });
  });

  router.get('/leads/:id', requireScope('leads'), async (req, res) => {
    const lead = await leads.get(lenderOf(res).id, String(req.params.id));
    if (!lead) throw new ApiError(404, 'not_found', 'No such lead.');
    res.json({ lead: leadView(lead) });
  });

  router.get('/erasures', requireScope('leads'), async (req, res) => {
    const { since } = parseOr400(erasuresQuery, req.query, 'invalid_query');
    const notices = await leads.erasures(lenderOf(res).id, since === undefined ? {} : { since });
    res.json({
      erasures: notices.map((n) => ({ leadId: n.leadId, erasedAt: new Date(n.erasedAt).toISOString() })),
    });
  });

  deps.campaignRoutes?.(router);

  router.use((req, res) => {
    sendError(
      res,
      new ApiError(404, 'not_found', `No such endpoint: ${req.method} ${req.baseUrl}${req.path}`),
    );
  });
  router.use(apiErrorHandler(log, () => metrics?.errors.inc({ kind: 'api' })));
  return router;
}
