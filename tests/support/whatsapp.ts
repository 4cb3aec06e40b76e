// Test helpers that speak Twilio's WhatsApp webhook: form-encoded posts (optionally signed exactly as
// Twilio signs them) and a TwiML parser that returns the <Message> bodies.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import twilio from 'twilio';

export const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export interface InboundFields {
  readonly from?: string;
  readonly body?: string;
  readonly sid?: string;
  readonly profileName?: string;
  readonly extra?: Record<string, string>;
}

export function inboundForm({
  from = 'whatsapp:+919812345678',
  body = '',
  sid = messageSid(),
  profileName,
  extra = {},
}: InboundFields): Record<string, string> {
  return {
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    AccountSid: ACCOUNT_SID,
    MessagingServiceSid: `MG${'1'.repeat(32)}`,
    From: from,
    To: 'whatsapp:+14155238886',
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
    WaId: from.replace(/\D/g, ''),
    MessageType: 'text',
    ...(profileName ? { ProfileName: profileName } : {}),
    ...extra,
  };
}

export function sign(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'Message' });

/** Parses TwiML and returns the text of each <Message>; throws when it is not a <Response>. */
export function messagesOf(xml: string): string[] {
  const doc = parser.parse(xml) as { Response?: { Message?: unknown[] } | '' };
  if (doc.Response === undefined) throw new Error(`not TwiML: ${xml.slice(0, 200)}`);
  if (doc.Response === '') return [];
  return (doc.Response.Message ?? []).map((message) =>
    typeof message === 'object' && message !== null && '#text' in message
      ? String(message['#text'])
      : String(message),
  );
}

export async function post(app: Express, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request(app).post('/twilio/whatsapp').type('form').set(headers).send(form);
}

/** A WhatsApp user talking to the app: each `say` returns the bot's answer as one string. */
export function owner(app: Express, from = 'whatsapp:+919812345678', profileName?: string) {
  return async (body: string, extra: Record<string, string> = {}): Promise<string> => {
    const res = await post(app, inboundForm({ from, body, ...(profileName ? { profileName } : {}), extra }));
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
    if (!String(res.headers['content-type']).startsWith('text/xml'))
      throw new Error(`not XML: ${res.headers['content-type']}`);
    return messagesOf(res.text).join('\n\n');
  };
}

/** A street vendor's answers from "hello" to the last profile question (the summary comes next). */
export const VENDOR_ONBOARDING: readonly string[] = [
  'hello',
  'yes',
  'I sell vegetables on a cart',
  '226001',
  '3 years',
  '40000',
  'only me',
  'no',
  'no',
  'money to buy stock',
  '50000',
];
