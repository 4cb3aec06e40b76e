// The lender API's campaign routes, mounted by createApiRouter (src/campaigns/api.ts) behind its
// authentication: every route needs the `campaigns` scope, and a lender only ever sees its own
// campaigns — another lender's id answers 404, exactly like an id that does not exist.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { isLang } from '../language/langs.js';
import { lenderOf, requireScope } from './api-auth.js';
import { ApiError, parseOr400 } from './api-errors.js';
import { CampaignConflict, InvalidCampaign, type CampaignService, type CampaignView } from './service.js';

const approveBody = z.object({ text: z.string().trim().min(1).max(1000).optional() }).strict();

const notFound = () => new ApiError(404, 'not_found', 'No such campaign.');

/** Runs a service call, turning its typed errors into the API's. */
async function answer(res: Response, status: number, call: () => Promise<unknown>): Promise<void> {
  try {
    const result = await call();
    if (result === undefined) throw notFound();
    res.status(status).json(result);
  } catch (error) {
    if (error instanceof InvalidCampaign)
      throw new ApiError(400, 'invalid_body', 'The request body is not valid; see issues.', error.issues);
    if (error instanceof CampaignConflict) throw new ApiError(409, 'conflict', error.message);
    throw error;
  }
}

const idOf = (req: Request): string => {
  const id = String(req.params.id ?? '');
  if (!/^c[0-9a-f]{16}$/.test(id)) throw notFound();
  return id;
};

export function campaignRoutes(service: CampaignService): (router: Router) => void {
  return (router) => {
    const scoped = requireScope('campaigns');
    router.post('/campaigns', scoped, (req, res) =>
      answer(res, 201, () => service.create(lenderOf(res), req.body)),
    );
    router.get('/campaigns', scoped, (_req, res) =>
      answer(res, 200, async () => ({ campaigns: await service.list(lenderOf(res)) })),
    );
    router.get('/campaigns/:id', scoped, (req, res) =>
      answer(res, 200, () => service.get(lenderOf(res), idOf(req))),
    );
    const action = (name: 'pause' | 'resume' | 'cancel') =>
      router.post(`/campaigns/:id/${name}`, scoped, (req, res) =>
        answer(res, 200, (): Promise<CampaignView | undefined> => service[name](lenderOf(res), idOf(req))),
      );
    action('pause');
    action('resume');
    action('cancel');
    router.post('/campaigns/:id/variants/:lang/approve', scoped, (req, res) =>
      answer(res, 200, () => {
        const id = idOf(req);
        const lang = String(req.params.lang ?? '');
        if (!isLang(lang)) throw new ApiError(404, 'not_found', `No language "${lang}".`);
        const { text } = parseOr400(approveBody, req.body ?? {});
        return service.approve(lenderOf(res), id, lang, text);
      }),
    );
  };
}
