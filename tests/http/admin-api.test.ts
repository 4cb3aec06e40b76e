// The operator's admin API in-process through the real composition root (embedded default): absent
// without SAATHI_ADMIN_TOKEN, bearer authentication with failures rate-limited per client, the number
// parsed as operators type it, the export of everything kept about one owner, the operator-run erasure
// (which leaves only the STOP suppression and tells lenders), and access logs without the number.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { tokenMatches } from '../../src/admin/auth.js';
import { parseOwnerNumber } from '../../src/admin/routes.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Runtime } from '../../src/main.js';
import { testRuntime } from '../support/runtime.js';
import { owner, VENDOR_ONBOARDING } from '../support/whatsapp.js';

const TOKEN = 'a1'.repeat(24);
const NUMBER = '+919855522222';
const FROM = `whatsapp:${NUMBER}`;
let nextIp = 1;
const ip = (): string => `198.51.100.${nextIp++}`;

function adminRuntime(): { runtime: Runtime; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const runtime = testRuntime(
    { SAATHI_ADMIN_TOKEN: TOKEN, SAATHI_FLOOD_PER_MINUTE: '1000' },
    { log: pino({ level: 'info' }, sink) },
  );
  return { runtime, lines };
}

interface ExportBody {
  ownerId: string;
  conversation: { state: string; context: { lang: string; consent: string; profile: object } } | null;
  profile: { ownerId: string; lang: string } | null;
  consent: {
    history: { type: string; purpose?: string }[];
    current: { sharedWith: string[] };
    suppressed: boolean;
  };
  feedback: { dismissed: string[]; seen: Record<string, number> };
  leads: { lenderId: string; number?: string }[];
  campaigns: null;
  error?: { code: string; issues?: { path: string; message: string }[] };
}
const exportOf = async (runtime: Runtime, number: string, token = TOKEN, from = ip()) => {
  const res = await request(runtime.app)
    .get(`/admin/v1/owners/export?number=${number}`)
    .set('X-Forwarded-For', from)
    .set('Authorization', `Bearer ${token}`);
  return { status: res.status, body: res.body as ExportBody, headers: res.headers };
};

describe('admin API', () => {
  it('does not exist without SAATHI_ADMIN_TOKEN', async () => {
    const runtime = testRuntime();
    const get = await request(runtime.app)
      .get(`/admin/v1/owners/export?number=${NUMBER}`)
      .set('Authorization', `Bearer ${TOKEN}`);
    const del = await request(runtime.app).delete(`/admin/v1/owners?number=${NUMBER}`);
    expect([get.status, del.status]).toEqual([404, 404]);
    await runtime.close();
  });

  it('refuses a weak token in the configuration', () => {
    expect(() => loadConfig({ SAATHI_ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ SAATHI_ADMIN_TOKEN: '' }).adminToken).toBeUndefined();
    expect(loadConfig({ SAATHI_ADMIN_TOKEN: TOKEN }).adminToken).toBe(TOKEN);
  });

  it('compares tokens whatever their length', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
  });

  it('needs the bearer token, and blocks a client after repeated failures', async () => {
    const { runtime } = adminRuntime();
    const client = ip();
    const missing = await request(runtime.app)
      .get(`/admin/v1/owners/export?number=${NUMBER}`)
      .set('X-Forwarded-For', client);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect((await exportOf(runtime, NUMBER, `${TOKEN}0`, client)).status).toBe(401);
    for (let i = 0; i < 8; i++) await exportOf(runtime, NUMBER, 'wrong-token', client);
    const blocked = await exportOf(runtime, NUMBER, TOKEN, client);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await exportOf(runtime, NUMBER)).status).toBe(200);
    await runtime.close();
  });

  it('reads the number as operators type it, and refuses what is not one', async () => {
    expect(parseOwnerNumber('+919812345678')).toBe('+919812345678');
    expect(parseOwnerNumber(' 919812345678')).toBe('+919812345678'); // `+` arrived as a space
    expect(parseOwnerNumber('whatsapp:+91 98123-45678')).toBe('+919812345678');
    expect(parseOwnerNumber('09812345678')).toBe('+919812345678');
    expect(parseOwnerNumber('+14155238886')).toBe('+14155238886');
    for (const bad of ['', 'abc', '+12', '+0123456789', `+${'9'.repeat(16)}`, '1'.repeat(80)])
      expect(parseOwnerNumber(bad)).toBeUndefined();
    const { runtime } = adminRuntime();
    const none = await request(runtime.app)
      .get('/admin/v1/owners/export')
      .set('X-Forwarded-For', ip())
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(none.status).toBe(400);
    expect((none.body as ExportBody).error?.code).toBe('invalid_query');
    expect((await exportOf(runtime, 'not-a-number')).status).toBe(400);
    await runtime.close();
  });

  it('exports everything kept about one owner, then erases it all but the STOP suppression', async () => {
    const { runtime, lines } = adminRuntime();
    const ownerId = runtime.engine.ownerId(FROM);
    const say = owner(runtime.app, FROM, 'Asha');
    for (const answer of [...VENDOR_ONBOARDING, 'yes', 'no']) await say(answer);
    const shown = (await runtime.store.load(ownerId))?.record.context.shown ?? [];
    expect(shown.length).toBeGreaterThan(0);
    await say('not for me 1');
    let offer = (await runtime.store.load(ownerId))?.record.context.shown?.find((item) => item.lender);
    for (let i = 0; !offer && i < 12; i++) {
      await say('more');
      offer = (await runtime.store.load(ownerId))?.record.context.shown?.find((item) => item.lender);
    }
    if (!offer?.lender) throw new Error('an example lender offer was expected among the pages');
    await say(`interested ${offer.rank}`);
    await say('yes');
    await say('STOP');

    // `+` typed raw in the query, as an operator would.
    const full = await exportOf(runtime, NUMBER);
    expect(full.status).toBe(200);
    expect(full.headers['cache-control']).toBe('no-store');
    expect(full.body.ownerId).toBe(ownerId);
    expect(full.body.conversation?.context).toMatchObject({ lang: 'en', consent: 'granted' });
    expect(full.body.profile).toMatchObject({ ownerId, lang: 'en' });
    expect(full.body.consent.history.map((e) => `${e.type} ${e.purpose ?? ''}`.trim())).toEqual([
      'notice',
      'grant service',
      'withdraw marketing',
      `grant share:${offer.lender.id}`,
      'withdraw marketing',
    ]);
    expect(full.body.consent.current.sharedWith).toEqual([offer.lender.id]);
    expect(full.body.consent.suppressed).toBe(true);
    expect(full.body.feedback.dismissed).toHaveLength(1);
    expect(Object.keys(full.body.feedback.seen).length).toBeGreaterThan(0);
    expect(full.body.leads).toEqual([expect.objectContaining({ lenderId: offer.lender.id, number: NUMBER })]);
    expect(full.body.campaigns).toBeNull();
    expect(lines.some((l) => l.includes('owner data exported') && l.includes(ownerId))).toBe(true);

    const erased = await request(runtime.app)
      .delete(`/admin/v1/owners?number=${encodeURIComponent(FROM)}`)
      .set('X-Forwarded-For', ip())
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ ownerId, erased: true });

    const after = await exportOf(runtime, encodeURIComponent(NUMBER));
    expect(after.body).toMatchObject({
      ownerId,
      conversation: null,
      profile: null,
      consent: {
        history: [],
        current: { service: false, marketing: false, sharedWith: [] },
        suppressed: true,
      },
      feedback: { dismissed: [], seen: {} },
      leads: [],
      campaigns: null,
    });
    const lead = full.body.leads[0] as unknown as { id: string };
    expect((await runtime.leads.erasures(offer.lender.id)).map((n) => n.leadId)).toEqual([lead.id]);
    // A new message starts a new conversation from the beginning.
    expect(await say('hello')).toContain(
      runtime.messages.format('en', { key: 'consent.notice' }).slice(0, 20),
    );

    const admin = lines.filter((l) => l.includes('admin'));
    expect(admin.length).toBeGreaterThanOrEqual(3);
    for (const line of admin) expect(line).not.toMatch(/9855522222/);
    await runtime.close();
  });
});
