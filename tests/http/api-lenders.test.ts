// The lender API in-process through the real composition root, on the embedded default and on Redis:
// authentication, scopes, failure rate limiting, the error shape, body limits, audience estimates,
// leads (JSON, pages, CSV) and tenant isolation, and erasure notices.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main.js';
import { generateOwners } from '../../src/profile/synthetic.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';

/** A client address per test, so failure counting never spills from one test into another. */
let nextIp = 1;

interface LeadJson {
  id: string;
  name: string;
  number: string;
}
/** The JSON bodies the API answers with (one field or another per route). */
interface ApiBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
  lender: { id: string; name: string; scopes: string[] };
  estimate: number | '<20';
  leads: LeadJson[];
  next?: string;
  erasures: { leadId: string; erasedAt: string }[];
}
interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: ApiBody;
}
const typed = async (test: request.Test): Promise<ApiResponse> => await test;
const ip = (): string => `203.0.113.${nextIp++}`;

function suite(name: string, make: () => { runtime: Runtime; done: () => Promise<void> }) {
  describe(name, () => {
    let runtime: Runtime;
    let done: () => Promise<void>;
    let full: string;
    let leadsOnly: string;
    let other: string;
    let lenderA: string;
    let lenderB: string;
    beforeAll(async () => {
      ({ runtime, done } = make());
      const a = await runtime.lenders.create('Pragati Finance', ['campaigns', 'leads']);
      const b = await runtime.lenders.create('Udaan Bank', ['campaigns', 'leads']);
      const l = await runtime.lenders.create('Leads Only Ltd', ['leads']);
      [full, other, leadsOnly, lenderA, lenderB] = [a.key, b.key, l.key, a.lender.id, b.lender.id];
    });
    afterAll(async () => done());

    const get = (path: string, key?: string): Promise<ApiResponse> => {
      const req = request(runtime.app).get(path).set('X-Forwarded-For', ip());
      return typed(key ? req.set('Authorization', `Bearer ${key}`) : req);
    };
    /** POST a JSON value, or a raw string with `type`. */
    const post = (path: string, key: string, body: unknown, type = 'json'): Promise<ApiResponse> =>
      typed(
        request(runtime.app)
          .post(path)
          .set('X-Forwarded-For', ip())
          .set('Authorization', `Bearer ${key}`)
          .type(type)
          .send(body as object),
      );

    it('answers 401 JSON for a missing, malformed, unknown or revoked key', async () => {
      const missing = await get('/api/v1/me');
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe('unauthorized');
      expect(missing.body.error.message).toContain('Bearer');
      expect(missing.headers['www-authenticate']).toContain('Bearer');
      expect((await get('/api/v1/me', 'not-a-key')).status).toBe(401);
      expect((await get('/api/v1/me', `sk_0123456789abcdef_${'A'.repeat(43)}`)).status).toBe(401);
      const tamperedSecret = `${full.slice(0, -1)}${full.endsWith('A') ? 'B' : 'A'}`;
      expect((await get('/api/v1/me', tamperedSecret)).status).toBe(401);

      const { key } = await runtime.lenders.create('Short Lived', ['leads']);
      expect((await get('/api/v1/me', key)).status).toBe(200);
      const [info] = await runtime.lenders.listKeys((await get('/api/v1/me', key)).body.lender.id);
      await runtime.lenders.revoke(info?.id ?? '');
      expect((await get('/api/v1/me', key)).status).toBe(401);
    });

    it('knows who is calling, with the key scopes', async () => {
      const res = await get('/api/v1/me', full);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        lender: { id: lenderA, name: 'Pragati Finance', scopes: ['campaigns', 'leads'] },
      });
    });

    it('answers 403 when the key lacks the scope', async () => {
      const res = await post('/api/v1/audiences/estimate', leadsOnly, { filters: {} });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });

    it('refuses a client after 10 failed attempts a minute with 429 and Retry-After, good key or not', async () => {
      const client = ip();
      for (let i = 0; i < 10; i++) {
        const res = await request(runtime.app)
          .get('/api/v1/me')
          .set('X-Forwarded-For', client)
          .set('Authorization', 'Bearer wrong');
        expect(res.status).toBe(401);
      }
      const blocked = await typed(
        request(runtime.app)
          .get('/api/v1/me')
          .set('X-Forwarded-For', client)
          .set('Authorization', `Bearer ${full}`),
      );
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.body.error.code).toBe('too_many_failures');
      expect((await get('/api/v1/me', full)).status).toBe(200); // another client is not affected
    });

    it('answers unknown routes under /api/v1 with 404 JSON', async () => {
      const res = await get('/api/v1/nothing-here', full);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('validates bodies with clear issues, and refuses bad JSON, other types and big bodies', async () => {
      const bad = await post('/api/v1/audiences/estimate', full, {
        filters: { state: ['XX'], amount: { atLeast: 12_345 }, colour: 'red' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_body');
      const paths = (bad.body.error.issues as { path: string }[]).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['filters.state.0', 'filters.amount.atLeast', 'filters']));
      const json = await post('/api/v1/audiences/estimate', full, '{"filters": ');
      expect([json.status, json.body.error.code]).toEqual([400, 'invalid_json']);
      const text = await post('/api/v1/audiences/estimate', full, 'filters', 'text');
      expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
      const huge = await post('/api/v1/audiences/estimate', full, {
        filters: { district: ['x'.repeat(70_000)] },
      });
      expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    });

    it('estimates an audience without revealing small counts', async () => {
      const small = await post('/api/v1/audiences/estimate', full, { filters: { state: 'UP' } });
      expect(small.body).toEqual({ estimate: '<20' });
      await runtime.profiles.putMany([...generateOwners(600, 'api')]);
      const all = await post('/api/v1/audiences/estimate', full, { filters: {} });
      const exact = await runtime.audiences.estimate({});
      expect(exact).toBeGreaterThan(100);
      expect(all.body.estimate).toBe(Number(exact.toPrecision(2)));
      const narrow = await post('/api/v1/audiences/estimate', full, {
        filters: { state: ['UP', 'BR'], need: 'working_capital', yearsInBusiness: { atLeast: 1, below: 10 } },
      });
      expect(narrow.status).toBe(200);
      expect(typeof narrow.body.estimate === 'number' || narrow.body.estimate === '<20').toBe(true);
    });

    it('lists only the lender its own leads, pages them, and hides others as 404', async () => {
      const owners = [...generateOwners(5, 'leads-api')].map((o, i) => ({
        ...o,
        address: `whatsapp:+9170000${String(i).padStart(5, '0')}`,
        name: i === 0 ? 'Meena "Tailors", Madurai' : `Owner ${i}`,
      }));
      await runtime.profiles.putMany(owners);
      for (const o of owners)
        await runtime.ledger.append(o.ownerId, { type: 'grant', purpose: `share:${lenderA}`, at: 1 });
      const refused = await runtime.leads.recordLead({
        lenderId: lenderB,
        ownerId: owners[0]?.ownerId ?? '',
        at: 2,
      });
      expect(refused).toEqual({ recorded: false, reason: 'no_consent' });
      for (const o of owners) {
        const result = await runtime.leads.recordLead({
          lenderId: lenderA,
          ownerId: o.ownerId,
          campaignId: 'cmp_1',
          at: 2,
        });
        expect(result.recorded).toBe(true);
      }

      const first = await get('/api/v1/leads?limit=3', full);
      expect(first.status).toBe(200);
      expect(first.body.leads).toHaveLength(3);
      expect(first.body.leads[0]).not.toHaveProperty('ownerId');
      const second = await get(`/api/v1/leads?limit=3&cursor=${first.body.next as string}`, full);
      expect(second.body.leads).toHaveLength(2);
      expect(second.body.next).toBeUndefined();
      const numbers = [...first.body.leads, ...second.body.leads]
        .map((l: { number: string }) => l.number)
        .sort();
      expect(numbers).toEqual(owners.map((_, i) => `+9170000${String(i).padStart(5, '0')}`));

      expect((await get('/api/v1/leads', other)).body).toEqual({ leads: [] });
      const id = first.body.leads[0]?.id ?? '';
      expect((await get(`/api/v1/leads/${id}`, full)).status).toBe(200);
      const hidden = await get(`/api/v1/leads/${id}`, other);
      expect([hidden.status, hidden.body.error.code]).toEqual([404, 'not_found']);
      expect((await get(`/api/v1/leads/ld_000000000nothere`, other)).status).toBe(404);
      expect((await get('/api/v1/leads?since=not-a-date', full)).body.error.code).toBe('invalid_query');
      expect(
        (await get(`/api/v1/leads?since=${new Date(Date.now() + 3_600_000).toISOString()}`, full)).body.leads,
      ).toEqual([]);
    });

    it('exports leads as quoted CSV, and tells lenders which leads were erased', async () => {
      const csv = await get('/api/v1/leads.csv', full);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe(
        'id,recordedAt,at,campaignId,itemId,name,number,lang,businessKind,place,district,state,need,amount',
      );
      expect(csv.text).toContain('"Meena ""Tailors"", Madurai"');
      expect(lines.filter(Boolean)).toHaveLength(6);
      expect((await get('/api/v1/leads?format=csv', full)).text).toBe(csv.text);
      expect((await get('/api/v1/leads.csv', other)).text.split('\r\n').filter(Boolean)).toHaveLength(1);

      const page = await get('/api/v1/leads', full);
      const meena = (page.body.leads as { id: string; name: string }[]).find((l) =>
        l.name.startsWith('Meena'),
      );
      const owner = [...generateOwners(1, 'leads-api')][0];
      expect(await runtime.leads.deleteLeadsOf(owner?.ownerId ?? '')).toBe(1);
      const erasures = await get('/api/v1/erasures', full);
      expect(erasures.body.erasures.map((e: { leadId: string }) => e.leadId)).toEqual([meena?.id]);
      expect((await get('/api/v1/erasures', other)).body).toEqual({ erasures: [] });
      expect((await get('/api/v1/leads', full)).body.leads).toHaveLength(4);
      expect((await get(`/api/v1/leads/${meena?.id ?? ''}`, full)).status).toBe(404);
    });
  });
}

suite('lender API on the embedded default', () => ({
  runtime: testRuntime(),
  done: () => Promise.resolve(),
}));

describeRedis('lender API on Redis', () => {
  const redis = connect();
  const prefix = testPrefix();
  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });
  suite('redis', () => {
    const runtime = testRuntime({ REDIS_URL }, { redisPrefix: prefix });
    return { runtime, done: () => runtime.close() };
  });
});
