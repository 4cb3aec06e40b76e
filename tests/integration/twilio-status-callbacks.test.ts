// The fake's status callbacks reach a route guarded by our own signature middleware (validated against
// PUBLIC_BASE_URL, as behind a proxy) and check out with twilio.validateRequest; they can be reversed,
// duplicated or carry delivery errors. Also: the fake's duplicate counter.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioSender, type TwilioSender } from '../../src/adapters/twilio-sender.js';
import { twilioSignature } from '../../src/channels/twilio-signature.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';

const PUBLIC = 'https://saathi.example';
const TO = 'whatsapp:+919812345678';

interface Received {
  readonly path: string;
  readonly signature: string | undefined;
  readonly params: Record<string, string>;
}

let received: Received[] = [];
const rejected: string[] = [];
let server: Server;
let fake: FakeTwilioRest;
let sender: TwilioSender;

beforeAll(async () => {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post(
    ['/twilio/whatsapp/status', '/twilio/voice/status'],
    twilioSignature({
      authToken: 'callback-token',
      publicBaseUrl: PUBLIC,
      onRejected: (reason) => rejected.push(reason),
    }),
    (req, res) => {
      received.push({
        path: req.path,
        signature: req.get('X-Twilio-Signature'),
        params: req.body as Record<string, string>,
      });
      res.status(204).end();
    },
  );
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake = await startFakeTwilioRest({
    authToken: 'callback-token',
    deliverCallbackTo: (url) => url.replace(PUBLIC, local),
  });
  sender = createTwilioSender({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    whatsappFrom: 'whatsapp:+14155238886',
    apiBaseUrl: fake.url,
    timeoutMs: 2000,
    statusCallbackUrl: `${PUBLIC}/twilio/whatsapp/status`,
    callStatusCallbackUrl: `${PUBLIC}/twilio/voice/status`,
  });
});

afterEach(() => {
  fake.reset();
  received = [];
  rejected.length = 0;
});

afterAll(async () => {
  sender.close();
  await fake.close();
  await new Promise((resolve) => server.close(resolve));
});

const statuses = () => received.map((r) => r.params.MessageStatus);

describe('status callbacks from the fake', () => {
  it('arrive signed, in order sent → delivered → read, and pass our signature check', async () => {
    const { sid } = await sender.sendMessage({ to: TO, body: 'hi' });
    await fake.callbacksIdle();
    expect(rejected).toEqual([]);
    expect(statuses()).toEqual(['sent', 'delivered', 'read']);
    for (const callback of received) {
      expect(callback.path).toBe('/twilio/whatsapp/status');
      expect(callback.params).toMatchObject({
        MessageSid: sid,
        AccountSid: fake.accountSid,
        To: TO,
        From: 'whatsapp:+14155238886',
      });
      const valid = twilio.validateRequest(
        'callback-token',
        callback.signature ?? '',
        `${PUBLIC}/twilio/whatsapp/status`,
        callback.params,
      );
      expect(valid).toBe(true);
    }
    expect(received[2]?.params.EventType).toBe('READ');
    expect(fake.callbacks.map((c) => c.httpStatus)).toEqual([204, 204, 204]);
  });

  it('are refused by our middleware when signed with another token', async () => {
    const other = await startFakeTwilioRest({
      authToken: 'someone-else',
      deliverCallbackTo: (url) =>
        url.replace(PUBLIC, `http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    });
    const otherSender = createTwilioSender({
      accountSid: other.accountSid,
      authToken: other.authToken,
      whatsappFrom: 'whatsapp:+14155238886',
      apiBaseUrl: other.url,
      statusCallbackUrl: `${PUBLIC}/twilio/whatsapp/status`,
    });
    await otherSender.sendMessage({ to: TO, body: 'hi' });
    await other.callbacksIdle();
    expect(other.callbacks.map((c) => c.httpStatus)).toEqual([403, 403, 403]);
    expect(rejected).toEqual(['invalid signature', 'invalid signature', 'invalid signature']);
    otherSender.close();
    await other.close();
  });

  it('can be reversed and duplicated, to test that statuses never move backwards', async () => {
    fake.setCallbacks({ order: 'reversed', duplicate: true });
    await sender.sendMessage({ to: TO, body: 'hi' });
    await fake.callbacksIdle();
    expect(statuses()).toEqual(['read', 'read', 'delivered', 'delivered', 'sent', 'sent']);
  });

  it('can be held back, and are dropped by reset()', async () => {
    fake.setCallbacks({ delayMs: 60_000 });
    await sender.sendMessage({ to: TO, body: 'hi' });
    expect(received).toHaveLength(0);
    fake.reset();
    await fake.callbacksIdle();
    expect(fake.callbacks).toHaveLength(0);
  });

  it('can be delayed, and waited for', async () => {
    fake.setCallbacks({ delayMs: 20 });
    await sender.sendMessage({ to: TO, body: 'hi' });
    const read = await fake.waitFor(() => received.find((r) => r.params.MessageStatus === 'read'));
    expect(read.params.To).toBe(TO);
    expect(statuses()).toEqual(['sent', 'delivered', 'read']);
  });

  it('can be switched off', async () => {
    fake.setCallbacks({ enabled: false });
    await sender.sendMessage({ to: TO, body: 'hi' });
    await fake.callbacksIdle();
    expect(received).toEqual([]);
  });

  it('carry ErrorCode when delivery fails', async () => {
    fake.deliverAs(TO, { status: 'undelivered', errorCode: 63024 });
    fake.deliverAs('whatsapp:+919800000002', { status: 'failed', errorCode: 63016 });
    await sender.sendMessage({ to: TO, body: 'hi' });
    await sender.sendMessage({ to: 'whatsapp:+919800000002', body: 'hi' });
    await fake.callbacksIdle();
    expect(received.map((r) => [r.params.To, r.params.MessageStatus, r.params.ErrorCode])).toEqual(
      expect.arrayContaining([
        [TO, 'sent', undefined],
        [TO, 'undelivered', '63024'],
        ['whatsapp:+919800000002', 'failed', '63016'],
      ]),
    );
    expect(received).toHaveLength(3);
  });

  it('follow a call through the requested events', async () => {
    const { sid } = await sender.placeCall({ to: '+919812345678', url: `${PUBLIC}/twilio/voice/outbound` });
    await fake.callbacksIdle();
    expect(rejected).toEqual([]);
    expect(received.map((r) => [r.path, r.params.CallSid, r.params.CallStatus])).toEqual([
      ['/twilio/voice/status', sid, 'initiated'],
      ['/twilio/voice/status', sid, 'ringing'],
      ['/twilio/voice/status', sid, 'in-progress'],
      ['/twilio/voice/status', sid, 'completed'],
    ]);
  });
});

describe('the fake counts sends per recipient', () => {
  it('finds recipients who got the same send twice, and ignores failed attempts', async () => {
    fake.setCallbacks({ enabled: false });
    fake.failFor('whatsapp:+919800000003', 503, { times: 1 });
    await sender.sendMessage({ to: TO, body: 'offer' });
    await sender.sendMessage({ to: TO, body: 'offer' });
    await sender.sendMessage({ to: 'whatsapp:+919800000002', body: 'offer' });
    await expect(sender.sendMessage({ to: 'whatsapp:+919800000003', body: 'offer' })).rejects.toMatchObject({
      kind: 'retryable',
    });
    await sender.sendMessage({ to: 'whatsapp:+919800000003', body: 'offer' });
    expect(fake.countFor(TO)).toBe(2);
    expect(fake.countFor('whatsapp:+919800000003')).toBe(1);
    expect(fake.duplicates()).toEqual([[TO, 2]]);
    expect(fake.totals).toEqual({ attempts: 5, messages: 4, calls: 0 });
    expect(fake.attempts.map((a) => a.outcome)).toEqual([201, 201, 201, 503, 201]);
  });

  it('reports its counters over HTTP, for a fake running in another process', async () => {
    fake.setCallbacks({ enabled: false });
    await sender.sendMessage({ to: TO, body: 'offer' });
    await sender.sendMessage({ to: TO, body: 'offer' });
    const stats = (await (await fetch(`${fake.url}/__fake/stats`)).json()) as Record<string, unknown>;
    expect(stats).toEqual({
      totals: { attempts: 2, messages: 2, calls: 0 },
      duplicates: 1,
      duplicateSample: [[TO, 2]],
    });
    expect((await fetch(`${fake.url}/__fake/reset`, { method: 'POST' })).status).toBe(200);
    expect(fake.totals).toEqual({ attempts: 0, messages: 0, calls: 0 });
  });
});
