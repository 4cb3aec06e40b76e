// Redis going away mid-conversation: the webhook answers at once with "please try again in a minute" in
// the owner's language, writes nothing, /readyz turns 503, and everything recovers by itself once Redis is
// back (a private redis-server on a random port, killed and restarted; never the shared one).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSid, inboundForm, messagesOf, owner, post } from '../support/whatsapp.js';
import { eventually } from '../support/eventually.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';

describe('Redis unavailable', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => redis.destroy());

  it('asks the owner to try again in their language, writes nothing, turns unready, and recovers by itself', async () => {
    const runtime = testRuntime({ REDIS_URL: redis.url }, { redisPrefix: testPrefix() });
    const { app, store, engine, messages, inbox } = runtime;
    await eventually('ready at start', async () => (await request(app).get('/readyz')).status === 200);
    const from = 'whatsapp:+919811100001';
    const ownerId = engine.ownerId(from);
    const say = owner(app, from);
    await say('नमस्ते, मुझे अपनी दुकान के लिए लोन चाहिए');
    expect((await store.load(ownerId))?.version).toBe(1);

    await redis.stop('SIGKILL');
    const failed = inboundForm({ from, body: 'मेरी किराने की दुकान है और मुझे पैसों की ज़रूरत है' });
    const res = await post(app, failed);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/xml/);
    expect(messagesOf(res.text)).toEqual([messages.format('hi', { key: 'error.unavailable' })]);
    expect(messages.format('hi', { key: 'error.unavailable' })).not.toBe(
      messages.format('en', { key: 'error.unavailable' }),
    );
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unready', reason: 'store unreachable' });
    // An English writer gets the English words.
    const english = await post(
      app,
      inboundForm({ from: 'whatsapp:+919811100002', body: 'hello, I need a loan for my shop' }),
    );
    expect(messagesOf(english.text)).toEqual([messages.format('en', { key: 'error.unavailable' })]);

    await redis.start();
    await eventually(
      'ready again after Redis returned',
      async () => (await request(app).get('/readyz')).status === 200,
    );
    // Nothing of the failed message was written: no receipt, no inbox entry, the conversation unchanged.
    expect(await store.receipt(failed.MessageSid!)).toBeUndefined();
    expect(await inbox.pending()).toBe(0);
    expect((await store.load(ownerId))?.version).toBe(1);
    // The owner carries on where they were.
    const again = await post(app, inboundForm({ from, body: '1', sid: messageSid() }));
    expect(messagesOf(again.text)[0]).not.toBe(messages.format('hi', { key: 'error.unavailable' }));
    expect((await store.load(ownerId))?.version).toBe(2);
    await runtime.close();
  });

  it('answers a status callback with 503 while Redis is away, and records it once back', async () => {
    const runtime = testRuntime({ REDIS_URL: redis.url }, { redisPrefix: testPrefix() });
    const { app, store } = runtime;
    await eventually('ready', async () => (await request(app).get('/readyz')).status === 200);
    const sid = messageSid();
    await redis.stop('SIGTERM');
    const down = await request(app)
      .post('/twilio/whatsapp/status')
      .type('form')
      .send({ MessageSid: sid, MessageStatus: 'delivered' });
    expect(down.status).toBe(503);
    await redis.start();
    await eventually('ready again', async () => (await request(app).get('/readyz')).status === 200);
    const up = await request(app)
      .post('/twilio/whatsapp/status')
      .type('form')
      .send({ MessageSid: sid, MessageStatus: 'read' });
    expect(up.status).toBe(204);
    expect((await store.status(sid))?.status).toBe('read');
    await runtime.close();
  });
});
