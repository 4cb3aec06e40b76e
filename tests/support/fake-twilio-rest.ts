// A local fake of Twilio's REST API for sending, on a real node:http server, driven by the real `twilio`
// client through TWILIO_API_BASE_URL: `POST /2010-04-01/Accounts/{sid}/Messages.json` and `/Calls.json`
// (form bodies, Basic auth, Twilio's JSON errors `{code, message, more_info, status}`, 201 snake_case
// resources), signed status callbacks, fault injection and records of every attempt. Lean on purpose:
// `npm run bench` pushes 100,000 sends through it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CallbackPoster,
  callSequence,
  messageSequence,
  type MessageOutcome,
} from './fake-twilio-callbacks.js';
import { FaultRules, type Resource } from './fake-twilio-faults.js';
import * as resources from './fake-twilio-resources.js';
import type { AcceptedCall, AcceptedMessage } from './fake-twilio-resources.js';
import { waitFor, type Attempt, type FakeTwilioRest, type FakeTwilioRestOptions } from './fake-twilio-api.js';

export type { Fault, Resource } from './fake-twilio-faults.js';
export type { CallbackOptions, DeliveredCallback, MessageOutcome } from './fake-twilio-callbacks.js';
export type { AcceptedCall, AcceptedMessage } from './fake-twilio-resources.js';
export type { Attempt, FakeTwilioRest, FakeTwilioRestOptions } from './fake-twilio-api.js';

export const FAKE_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const FAKE_AUTH_TOKEN = 'fake-twilio-auth-token';
/** The number a Messaging Service "picks" when a message was sent without From. */
export const FAKE_SERVICE_NUMBER = '+14155238886';

const PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/;

export async function startFakeTwilioRest(options: FakeTwilioRestOptions = {}): Promise<FakeTwilioRest> {
  const {
    accountSid = FAKE_ACCOUNT_SID,
    authToken = FAKE_AUTH_TOKEN,
    keepRecords = true,
    clock = () => new Date(),
  } = options;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const sidPrefix = randomBytes(8).toString('hex');
  let sequence = 0;
  const newSid = (prefix: string) => `${prefix}${sidPrefix}${(++sequence).toString(16).padStart(16, '0')}`;

  let latencyMs = options.latencyMs ?? 0;
  let messages: AcceptedMessage[] = [];
  let calls: AcceptedCall[] = [];
  let attempts: Attempt[] = [];
  const totals = { attempts: 0, messages: 0, calls: 0 };
  const counts = { Messages: new Map<string, number>(), Calls: new Map<string, number>() };
  const rules = new FaultRules();
  const outcomes = new Map<string, MessageOutcome>();
  const hung = new Set<ServerResponse>();
  const poster = new CallbackPoster(
    authToken,
    options.deliverCallbackTo ?? ((url) => url),
    options.callbacks,
  );

  const send = (res: ServerResponse, status: number, json: string) => {
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
      });
      res.end(json);
    };
    if (latencyMs > 0) setTimeout(write, latencyMs);
    else write();
  };
  const sendError = (res: ServerResponse, status: number, code: number, message: string) =>
    send(res, status, resources.errorJson(status, code, message));

  const record = (
    resource: Resource,
    form: URLSearchParams,
    outcome: Attempt['outcome'],
    code?: number,
    sid?: string,
  ) => {
    totals.attempts++;
    if (keepRecords) {
      const to = form.get('To') ?? '';
      attempts.push({ resource, to, params: Object.fromEntries(form), outcome, code, sid });
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.url?.startsWith('/__fake/')) return control(req, res);
    const match = PATH.exec(req.url ?? '');
    if (req.method !== 'POST' || !match)
      return sendError(res, 404, 20404, 'The requested resource was not found');
    if (req.headers.authorization !== expectedAuth) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      return sendError(res, 401, 20003, 'Authenticate');
    }
    if (match[1] !== accountSid) return sendError(res, 404, 20404, 'The requested resource was not found');
    const resource = match[2] as Resource;
    const form = new URLSearchParams(raw);
    const fault = rules.take(resource, form.get('To') ?? '');
    if (fault?.type === 'hang') {
      record(resource, form, 'hang');
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (fault?.type === 'reset') {
      record(resource, form, 'reset');
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.type === 'http') {
      record(resource, form, fault.status, fault.code);
      if (fault.body !== undefined) return send(res, fault.status, fault.body);
      return sendError(res, fault.status, fault.code, fault.message);
    }
    if (resource === 'Messages') acceptMessage(res, form);
    else acceptCall(res, form);
  };

  const count = (resource: Resource, to: string) =>
    counts[resource].set(to, (counts[resource].get(to) ?? 0) + 1);

  const acceptMessage = (res: ServerResponse, form: URLSearchParams) => {
    const parsed = resources.parseMessage(form, newSid('SM'), clock());
    if (resources.isRejection(parsed)) {
      record('Messages', form, parsed.status, parsed.code);
      return sendError(res, parsed.status, parsed.code, parsed.message);
    }
    record('Messages', form, 201, undefined, parsed.sid);
    totals.messages++;
    count('Messages', parsed.to);
    if (keepRecords) messages.push(parsed);
    send(res, 201, resources.messageJson(accountSid, parsed));
    if (parsed.statusCallback !== undefined) {
      const whatsapp = parsed.to.startsWith('whatsapp:');
      const from = parsed.from ?? (whatsapp ? `whatsapp:${FAKE_SERVICE_NUMBER}` : FAKE_SERVICE_NUMBER);
      const base: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: resources.API_VERSION,
        MessageSid: parsed.sid,
        SmsSid: parsed.sid,
        To: parsed.to,
        From: from,
        ...(parsed.messagingServiceSid ? { MessagingServiceSid: parsed.messagingServiceSid } : {}),
        ...(whatsapp ? { ChannelPrefix: 'whatsapp' } : {}),
      };
      poster.schedule({
        url: parsed.statusCallback,
        sequence: messageSequence(base, whatsapp, outcomes.get(parsed.to)),
      });
    }
  };

  const acceptCall = (res: ServerResponse, form: URLSearchParams) => {
    const parsed = resources.parseCall(form, newSid('CA'), clock());
    if (resources.isRejection(parsed)) {
      record('Calls', form, parsed.status, parsed.code);
      return sendError(res, parsed.status, parsed.code, parsed.message);
    }
    record('Calls', form, 201, undefined, parsed.sid);
    totals.calls++;
    count('Calls', parsed.to);
    if (keepRecords) calls.push(parsed);
    send(res, 201, resources.callJson(accountSid, parsed));
    if (parsed.statusCallback !== undefined) {
      const base = {
        AccountSid: accountSid,
        ApiVersion: resources.API_VERSION,
        CallSid: parsed.sid,
        To: parsed.to,
        From: parsed.from,
        Direction: 'outbound-api',
      };
      poster.schedule({
        url: parsed.statusCallback,
        sequence: callSequence(base, parsed.statusCallbackEvent),
      });
    }
  };

  /** For a fake in another process (see fake-twilio-rest-cli.ts): `GET /__fake/stats`, `POST /__fake/reset`. */
  const control = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/__fake/stats') {
      const duplicates = [...counts.Messages].filter(([, n]) => n > 1);
      return send(
        res,
        200,
        JSON.stringify({ totals, duplicates: duplicates.length, duplicateSample: duplicates.slice(0, 10) }),
      );
    }
    if (req.method === 'POST' && req.url === '/__fake/reset') {
      fake.reset();
      return send(res, 200, '{}');
    }
    sendError(res, 404, 20404, 'The requested resource was not found');
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const dropHung = () => {
    for (const res of hung) res.socket?.destroy();
    hung.clear();
  };

  const fake: FakeTwilioRest = {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    get messages() {
      return messages;
    },
    get calls() {
      return calls;
    },
    get attempts() {
      return attempts;
    },
    get callbacks() {
      return poster.delivered;
    },
    get totals() {
      return { ...totals };
    },
    countFor: (to, resource = 'Messages') => counts[resource].get(to) ?? 0,
    duplicates: (resource = 'Messages') => [...counts[resource]].filter(([, n]) => n > 1),
    failFor: (to, fault, { times, resource } = {}) => rules.forRecipient(to, fault, times, resource),
    failNext: (n, fault, { resource } = {}) => rules.nextRequests(n, fault, resource),
    deliverAs: (to, outcome) => void outcomes.set(to, outcome),
    setLatency: (ms) => void (latencyMs = ms),
    setCallbacks: (callbackOptions) => poster.configure(callbackOptions),
    callbacksIdle: () => poster.idle(),
    waitFor: (predicate, { timeoutMs = 5000 } = {}) => waitFor(predicate, timeoutMs),
    reset() {
      dropHung();
      messages = [];
      calls = [];
      attempts = [];
      Object.assign(totals, { attempts: 0, messages: 0, calls: 0 });
      counts.Messages.clear();
      counts.Calls.clear();
      rules.clear();
      outcomes.clear();
      poster.cancel();
      poster.delivered.length = 0;
      poster.configure({
        enabled: true,
        delayMs: 0,
        order: 'in-order',
        duplicate: false,
        ...options.callbacks,
      });
      latencyMs = options.latencyMs ?? 0;
    },
    async close() {
      poster.close();
      dropHung();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return fake;
}
