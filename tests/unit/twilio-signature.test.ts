// The signature middleware against the test vector in CONTRACTS.md, through the real twilio library.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/twilio-signature.js';

const vector = {
  token: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675309',
    Digits: '1234',
    From: '+14158675309',
    To: '+18005551212',
  },
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
};

function app(authToken: string | undefined) {
  const a = express();
  a.use(express.urlencoded({ extended: false }));
  a.use(twilioSignature({ authToken, publicBaseUrl: 'https://mycompany.com' }));
  a.post('/myapp.php', (_req, res) => {
    res.send('ok');
  });
  return a;
}

describe('twilio signature middleware', () => {
  it('accepts the documented test vector, validated on PUBLIC_BASE_URL + path + query', async () => {
    const res = await request(app(vector.token))
      .post('/myapp.php?foo=1&bar=2')
      .set('Host', 'internal-proxy:8080')
      .set('X-Twilio-Signature', vector.signature)
      .type('form')
      .send(vector.params);
    expect(res.status).toBe(200);
  });

  it('rejects the vector when the query string differs', async () => {
    const res = await request(app(vector.token))
      .post('/myapp.php?foo=1&bar=3')
      .set('X-Twilio-Signature', vector.signature)
      .type('form')
      .send(vector.params);
    expect(res.status).toBe(403);
  });

  it('accepts anything when no token is configured (local mode)', async () => {
    const res = await request(app(undefined)).post('/myapp.php').type('form').send({ a: '1' });
    expect(res.status).toBe(200);
  });
});
