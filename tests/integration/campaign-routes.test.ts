// The campaign routes of the lender API in-process (supertest), behind the real authentication: create,
// read with stats, list, pause/resume/cancel, approve; validation errors; scopes; tenant isolation (a
// lender never sees or touches another lender's campaign: 404, as if it did not exist).
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMemoryLeadStore } from '../../src/adapters/memory-lead-store.js';
import { createMemoryLenderRecords } from '../../src/adapters/memory-lender-records.js';
import { campaignRoutes } from '../../src/campaigns/routes.js';
import { createApiRouter } from '../../src/campaigns/api.js';
import { createLeads } from '../../src/campaigns/leads.js';
import { createLenderStore } from '../../src/campaigns/lenders.js';
import { createLogger } from '../../src/logger.js';
import { describeRedis } from '../support/redis.js';
import { DAYTIME, startEngine, TEMPLATE, type Engine } from './campaign-harness.js';

let engine: Engine;
let app: express.Express;
const keys = { a: '', b: '', leadsOnly: '' };

interface Body {
  id: string;
  state: string;
  campaigns: { id: string }[];
  stats: { queued: number; sent: number; pending: number; cancelled: number; fanoutDone: boolean };
  languages: { ready: string[]; awaitingApproval: string[] };
  error: { code: string; issues?: { path: string; message: string }[] };
}
const call = async (test: request.Test): Promise<{ status: number; body: Body }> => {
  const res = await test;
  return { status: res.status, body: res.body as Body };
};
const post = (path: string, key: string, body: object = {}) =>
  call(request(app).post(`/api/v1${path}`).set('Authorization', `Bearer ${key}`).send(body));
const get = (path: string, key: string) =>
  call(request(app).get(`/api/v1${path}`).set('Authorization', `Bearer ${key}`));

const campaignBody = {
  name: 'Festive working capital',
  audience: { lang: ['hi'] },
  channel: 'whatsapp',
  templates: { hi: { contentSid: TEMPLATE, variables: { '1': 'Pragati' } } },
  schedule: {
    start: new Date(DAYTIME - 60_000).toISOString(),
    end: new Date(DAYTIME + 86_400_000).toISOString(),
  },
};

describeRedis('campaign routes', () => {
  beforeAll(async () => {
    engine = await startEngine({ startWorkers: false });
    const lenders = createLenderStore(createMemoryLenderRecords());
    keys.a = (await lenders.create('Pragati Finance', ['campaigns', 'leads'])).key;
    keys.b = (await lenders.create('Udaan Bank', ['campaigns'])).key;
    keys.leadsOnly = (await lenders.create('Leads Only Ltd', ['leads'])).key;
    const leads = createLeads({
      store: createMemoryLeadStore(),
      consent: engine.consent,
      profiles: engine.profiles,
    });
    app = express();
    app.use(
      '/api/v1',
      createApiRouter({
        lenders,
        leads,
        audiences: engine.audience,
        log: createLogger('silent'),
        campaignRoutes: campaignRoutes(engine.service),
      }),
    );
  });
  afterAll(async () => engine.close());

  it('creates, reads, lists, pauses and resumes a lender’s own campaign', async () => {
    await engine.addOwner({ lang: 'hi' });
    const created = await post('/campaigns', keys.a, campaignBody);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'scheduled',
      languages: { ready: ['hi'], awaitingApproval: [] },
    });
    const id = created.body.id;

    expect((await get(`/campaigns/${id}`, keys.a)).body.id).toBe(id);
    expect((await get('/campaigns', keys.a)).body.campaigns.map((c) => c.id)).toEqual([id]);
    expect((await post(`/campaigns/${id}/pause`, keys.a)).body.state).toBe('paused');
    expect((await post(`/campaigns/${id}/pause`, keys.a)).status).toBe(409);
    expect((await post(`/campaigns/${id}/resume`, keys.a)).body.state).toBe('running');

    engine.startWorkers();
    await expect
      .poll(async () => (await get(`/campaigns/${id}`, keys.a)).body.stats.sent, { timeout: 10_000 })
      .toBe(1);
  });

  it('never shows or changes another lender’s campaign', async () => {
    const theirs = (await post('/campaigns', keys.a, campaignBody)).body.id;
    for (const path of [`/campaigns/${theirs}`]) expect((await get(path, keys.b)).status).toBe(404);
    for (const action of ['pause', 'resume', 'cancel', 'variants/hi/approve'])
      expect((await post(`/campaigns/${theirs}/${action}`, keys.b)).status).toBe(404);
    expect((await get('/campaigns', keys.b)).body.campaigns).toEqual([]);
    expect((await get('/campaigns/cffffffffffffffff', keys.a)).status).toBe(404);
    expect((await get('/campaigns/not-an-id', keys.a)).status).toBe(404);
    // Still the owner's, untouched.
    expect((await get(`/campaigns/${theirs}`, keys.a)).body.state).not.toBe('cancelled');
  });

  it('answers 400 with every problem, and 403 without the campaigns scope', async () => {
    const bad = await post('/campaigns', keys.a, {
      ...campaignBody,
      audience: { lang: ['xx'] },
      templates: { hi: { contentSid: 'nope' } },
      schedule: { start: '2026-11-23T10:00:00+05:30', end: '2026-11-22T10:00:00+05:30' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues?.map((issue) => issue.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['templates.hi.contentSid', 'schedule.end', 'audience.lang.0']),
    );
    const voice = await post('/campaigns', keys.a, { ...campaignBody, channel: 'voice', templates: {} });
    expect(voice.body.error.issues?.map((issue) => issue.path)).toContain('messages');
    expect((await post('/campaigns', keys.leadsOnly, campaignBody)).status).toBe(403);
    expect((await get('/campaigns', keys.leadsOnly)).status).toBe(403);
    expect((await call(request(app).get('/api/v1/campaigns'))).status).toBe(401);
  });

  it('approves a language’s text, and cancels', async () => {
    const voice = await post('/campaigns', keys.b, {
      name: 'Call',
      audience: {},
      channel: 'voice',
      messages: { hi: 'नमस्ते', en: 'Hello' },
      schedule: campaignBody.schedule,
    });
    expect(voice.status).toBe(201);
    const id = voice.body.id;
    const approved = await post(`/campaigns/${id}/variants/en/approve`, keys.b, {
      text: 'Hello from Udaan Bank',
    });
    expect(approved.status).toBe(200);
    expect((await post(`/campaigns/${id}/variants/xx/approve`, keys.b)).status).toBe(404);
    expect((await post(`/campaigns/${id}/variants/ta/approve`, keys.b)).status).toBe(409);
    expect((await post(`/campaigns/${id}/cancel`, keys.b)).body.state).toBe('cancelled');
    expect((await post(`/campaigns/${id}/resume`, keys.b)).status).toBe(409);
  });
});
