// The webhook's form reader (src/channels/form-body.ts): Twilio's fields parsed exactly as the signature
// algorithm sees them, and every malformed or oversized body a clear 4xx that changes nothing.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { formBody, parseForm } from '../../src/channels/form-body.js';
import { testRuntime } from '../support/runtime.js';
import { inboundForm } from '../support/whatsapp.js';

describe('parseForm', () => {
  it('decodes + and percent escapes, keeps a repeated field as an array, and any key as a plain field', () => {
    const body = parseForm(
      'Body=mujhe+loan+chahiye%20%E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87&A=1&A=2&A=3&__proto__=x&=empty',
      10,
    );
    expect(body.Body).toBe('mujhe loan chahiye नमस्ते');
    expect(body.A).toEqual(['1', '2', '3']);
    expect(body.__proto__).toBe('x');
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(Object.keys(body)).toEqual(['Body', 'A', '__proto__']);
  });

  it('leaves a broken escape as written instead of failing', () => {
    expect(parseForm('Body=100%25+sure+%ZZ+%E0%A4', 10).Body).toBe('100% sure %ZZ \uFFFD');
  });

  it('refuses more fields than allowed with 413', () => {
    expect(() => parseForm('a=1&b=2&c=3', 2)).toThrow(expect.objectContaining({ status: 413 }) as Error);
    expect(parseForm('a=1&b=2', 2)).toEqual(Object.assign(Object.create(null), { a: '1', b: '2' }));
  });
});

describe('formBody middleware', () => {
  const app = express();
  app.post('/form', formBody({ limit: 64, parameterLimit: 5 }), (req, res) => {
    res.json({ body: req.body === undefined ? null : { ...(req.body as object) } });
  });
  const onError: express.ErrorRequestHandler = (
    error: { status?: number; type?: string },
    _req,
    res,
    _next,
  ) => {
    res.status(error.status ?? 500).json({ type: error.type });
  };
  app.use(onError);

  const post = (body: string, type = 'application/x-www-form-urlencoded') =>
    request(app).post('/form').set('content-type', type).send(body);
  const typeOf = (res: request.Response) => (res.body as { type?: string }).type;

  it('parses a form body, with or without a UTF-8 charset', async () => {
    expect((await post('a=1&b=x+y')).body).toEqual({ body: { a: '1', b: 'x y' } });
    expect((await post('a=1', 'application/x-www-form-urlencoded; charset=UTF-8')).body).toEqual({
      body: { a: '1' },
    });
  });

  it('leaves other content types unparsed', async () => {
    expect((await post('{"a":1}', 'application/json')).body).toEqual({ body: null });
  });

  it('answers 415 to another charset or a compressed body, 413 to a body over the limit', async () => {
    const latin1 = await post('a=1', 'application/x-www-form-urlencoded; charset=latin1');
    expect([latin1.status, typeOf(latin1)]).toEqual([415, 'charset.unsupported']);
    const gzip = await request(app)
      .post('/form')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('content-encoding', 'gzip')
      .send('a=1');
    expect([gzip.status, typeOf(gzip)]).toEqual([415, 'encoding.unsupported']);
    const big = await post(`a=${'x'.repeat(100)}`);
    expect([big.status, typeOf(big)]).toEqual([413, 'entity.too.large']);
  });
});

describe('at the WhatsApp webhook', () => {
  it('turns away a non-UTF-8 body with 415 and stores nothing', async () => {
    const { app, store } = testRuntime();
    const form = inboundForm({ body: 'namaste' });
    const res = await request(app)
      .post('/twilio/whatsapp')
      .set('content-type', 'application/x-www-form-urlencoded; charset=iso-8859-1')
      .send(new URLSearchParams(form).toString());
    expect(res.status).toBe(415);
    expect(await store.receipt(form.MessageSid!)).toBeUndefined();
  });
});
