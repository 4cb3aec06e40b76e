// The WhatsApp webhook in-process: signatures, limits, malformed input, duplicates, concurrency, errors.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main.js';
import { createMemoryStore } from '../../src/adapters/memory-store.js';
import type { ConversationStore } from '../../src/dialogue/store.js';
import { inboundForm, messageSid, messagesOf, owner, post, sign } from '../support/whatsapp.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';

const TOKEN = 'test-auth-token-1234567890abcdef';
const BASE = 'https://saathi.example.in';

describe('signatures', () => {
  const { app, store } = testRuntime({ TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE });

  it('accepts a request signed on PUBLIC_BASE_URL + path', async () => {
    const form = inboundForm({ body: 'hello' });
    const res = await post(app, form, { 'X-Twilio-Signature': sign(TOKEN, `${BASE}/twilio/whatsapp`, form) });
    expect(res.status).toBe(200);
    expect(messagesOf(res.text).length).toBeGreaterThan(0);
  });

  it('accepts extra parameters Twilio adds, since the signature covers them', async () => {
    const form = inboundForm({
      body: 'hello',
      extra: { ChannelMetadata: '{"type":"whatsapp"}', SomethingNew: 'x' },
    });
    const res = await post(app, form, { 'X-Twilio-Signature': sign(TOKEN, `${BASE}/twilio/whatsapp`, form) });
    expect(res.status).toBe(200);
  });

  it('refuses a missing, wrong, or tampered signature with 403 and changes nothing', async () => {
    const from = 'whatsapp:+919900000001';
    const form = inboundForm({ from, body: 'hello' });
    const good = sign(TOKEN, `${BASE}/twilio/whatsapp`, form);
    const cases = [
      {},
      { 'X-Twilio-Signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      { 'X-Twilio-Signature': sign(TOKEN, 'http://127.0.0.1/twilio/whatsapp', form) },
      { 'X-Twilio-Signature': sign('another-token', `${BASE}/twilio/whatsapp`, form) },
    ];
    for (const headers of cases) {
      const res = await post(app, form, headers);
      expect(res.status).toBe(403);
    }
    const tampered = await post(app, { ...form, Body: 'STOP' }, { 'X-Twilio-Signature': good });
    expect(tampered.status).toBe(403);
    expect(await store.receipt(form.MessageSid!)).toBeUndefined();
  });

  it('signs the status callback too', async () => {
    const form = { MessageSid: messageSid(), MessageStatus: 'delivered' };
    expect((await request(app).post('/twilio/whatsapp/status').type('form').send(form)).status).toBe(403);
    const ok = await request(app)
      .post('/twilio/whatsapp/status')
      .type('form')
      .set('X-Twilio-Signature', sign(TOKEN, `${BASE}/twilio/whatsapp/status`, form))
      .send(form);
    expect(ok.status).toBe(204);
  });
});

describe('input limits and malformed webhooks', () => {
  const { app } = testRuntime({ SAATHI_MAX_BODY_BYTES: '4096' });

  it('answers 413 to a body over the limit', async () => {
    const res = await post(app, inboundForm({ body: 'x'.repeat(10_000) }));
    expect(res.status).toBe(413);
  });

  it('answers 400 to a webhook without MessageSid or From', async () => {
    const { MessageSid: _sid, ...noSid } = inboundForm({ body: 'hi' });
    expect((await post(app, noSid)).status).toBe(400);
    expect((await post(app, inboundForm({ from: 'whatsapp:not-a-number', body: 'hi' }))).status).toBe(400);
    expect((await post(app, inboundForm({ sid: 'SM-short', body: 'hi' }))).status).toBe(400);
  });

  it('answers a status callback with an unknown status with 400', async () => {
    const res = await request(app)
      .post('/twilio/whatsapp/status')
      .type('form')
      .send({ MessageSid: messageSid(), MessageStatus: 'exploded' });
    expect(res.status).toBe(400);
  });
});

function duplicatesAndConcurrency(make: () => { runtime: Runtime; done: () => Promise<void> }) {
  it('answers a redelivered MessageSid with the same TwiML and advances nothing twice', async () => {
    const { runtime, done } = make();
    const { app, store, engine } = runtime;
    const from = 'whatsapp:+919900000002';
    await owner(app, from)('hello');
    const form = inboundForm({ from, body: '1' });
    const [first, second] = await Promise.all([post(app, form), post(app, form)]);
    const third = await post(app, form);
    expect(second.text).toBe(first.text);
    expect(third.text).toBe(first.text);
    const stored = await store.load(engine.ownerId(from));
    expect(stored?.version).toBe(2);
    expect(stored?.record.state).toBe('q_businessKind');
    await done();
  });

  it('handles messages from one number arriving at once one after the other, losing none', async () => {
    const { runtime, done } = make();
    const { app, store, engine } = runtime;
    const from = 'whatsapp:+919900000003';
    const say = owner(app, from);
    await say('hello');
    await say('1');
    const bodies = ['kirana', '226001', '5 years', '2 lakh', '3', 'yes', 'no', 'help'];
    const answers = await Promise.all(bodies.map((body) => post(app, inboundForm({ from, body }))));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(messagesOf(res.text).length).toBeGreaterThan(0);
    }
    const stored = await store.load(engine.ownerId(from));
    expect(stored?.version).toBe(2 + bodies.length);
    await done();
  });
}

describe('duplicates and concurrency on the embedded default', () => {
  duplicatesAndConcurrency(() => ({ runtime: testRuntime(), done: () => Promise.resolve() }));
});

describeRedis('duplicates and concurrency on Redis', () => {
  const redis = connect();
  afterAll(async () => redis.quit());
  duplicatesAndConcurrency(() => {
    const prefix = testPrefix();
    const runtime = testRuntime({ REDIS_URL: REDIS_URL }, { redisPrefix: prefix });
    return {
      runtime,
      done: async () => {
        await cleanup(redis, prefix);
        await runtime.close();
      },
    };
  });
});

describe('failures inside a turn', () => {
  it("still answers valid TwiML with an apology in the owner's language", async () => {
    const failing: ConversationStore = {
      ...createMemoryStore(),
      begin: () => Promise.reject(new Error('disk on fire')),
    };
    const runtime = testRuntime();
    const app = (await import('../../src/app.js')).createApp({
      engine: { ...runtime.engine, store: failing },
      text: { messages: runtime.messages, flow: runtime.engine.flow, item: () => undefined },
      messages: runtime.messages,
      log: runtime.log,
      metrics: runtime.metrics,
      twilioAuthToken: undefined,
      publicBaseUrl: undefined,
      maxBodyBytes: 65536,
    });
    const res = await post(app, inboundForm({ body: 'नमस्ते, मुझे अपनी दुकान के लिए लोन चाहिए' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    const [apology] = messagesOf(res.text);
    expect(apology).toBe(runtime.messages.format('hi', { key: 'error.apology' }));
    expect(apology).not.toBe(runtime.messages.format('en', { key: 'error.apology' }));
  });
});

describe('health, readiness, metrics', () => {
  const { app } = testRuntime();
  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/readyz')).status).toBe(200);
    await owner(app, 'whatsapp:+919900000004')('hi');
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/saathi_http_requests_total\{route="\/twilio\/whatsapp",status="200"\} 1/);
    expect(metrics.text).toMatch(/saathi_http_request_duration_seconds_bucket/);
    expect(metrics.text).toMatch(/saathi_dialogue_turns_total\{state="consent",lang="en"\} 1/);
  });

  it('reports unready when the store cannot be reached', async () => {
    const { app: down } = testRuntime({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await request(down).get('/readyz');
    expect(res.status).toBe(503);
  });
});
