// Twilio's Message and Call resources as the fake REST API sees them: the checks Twilio makes on a create
// request (with Twilio's error codes) and the 201 JSON it answers (snake_case, RFC 2822 dates).
import { twilioMessage } from './fake-twilio-faults.js';

export const API_VERSION = '2010-04-01';

export interface AcceptedMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string | undefined;
  readonly messagingServiceSid: string | undefined;
  readonly body: string | undefined;
  readonly contentSid: string | undefined;
  readonly contentVariables: Readonly<Record<string, string>> | undefined;
  readonly mediaUrl: readonly string[];
  readonly statusCallback: string | undefined;
  /** `queued`, or `accepted` when sent through a Messaging Service without From. */
  readonly status: string;
  readonly dateCreated: Date;
}

export interface AcceptedCall {
  readonly sid: string;
  readonly to: string;
  readonly from: string;
  readonly url: string | undefined;
  readonly twiml: string | undefined;
  readonly statusCallback: string | undefined;
  readonly statusCallbackEvent: readonly string[];
  readonly status: string;
  readonly dateCreated: Date;
}

export interface Rejection {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

const reject = (code: number, message = twilioMessage(code)): Rejection => ({ status: 400, code, message });

const MAX_BODY = 1600;

/** Reads and checks a Messages.json create request; the accepted message or Twilio's 400 answer. */
export function parseMessage(form: URLSearchParams, sid: string, now: Date): AcceptedMessage | Rejection {
  const to = form.get('To') ?? '';
  const from = form.get('From') || undefined;
  const messagingServiceSid = form.get('MessagingServiceSid') || undefined;
  const body = form.get('Body') ?? undefined;
  const contentSid = form.get('ContentSid') || undefined;
  const rawVariables = form.get('ContentVariables') ?? undefined;
  const mediaUrl = form.getAll('MediaUrl');
  if (!to) return reject(21604, "A 'To' phone number is required.");
  if (!from && !messagingServiceSid) return reject(21603, "A 'From' phone number is required.");
  if (messagingServiceSid && !/^MG[0-9a-f]{32}$/i.test(messagingServiceSid))
    return reject(21701, 'The Messaging Service Sid is invalid.');
  if (from && from.startsWith('whatsapp:') !== to.startsWith('whatsapp:')) {
    return reject(21910, 'Invalid From and To pair. From and To should be of the same channel');
  }
  if (!body && !contentSid && mediaUrl.length === 0) return reject(21602, 'Message body is required.');
  if (body !== undefined && body.length > MAX_BODY)
    return reject(21617, 'The concatenated message body exceeds the 1600 character limit.');
  if (contentSid !== undefined && !/^HX[0-9a-f]{32}$/i.test(contentSid))
    return reject(21655, 'The ContentSid is Invalid.');
  let contentVariables: Record<string, string> | undefined;
  if (rawVariables !== undefined) {
    contentVariables = parseVariables(rawVariables);
    if (contentVariables === undefined) return reject(21656, 'The ContentVariables Parameter is invalid.');
  }
  const statusCallback = form.get('StatusCallback') || undefined;
  const status = from ? 'queued' : 'accepted';
  return {
    sid,
    to,
    from,
    messagingServiceSid,
    body,
    contentSid,
    contentVariables,
    mediaUrl,
    statusCallback,
    status,
    dateCreated: now,
  };
}

/** ContentVariables must be a JSON object string whose values are strings. */
function parseVariables(raw: string): Record<string, string> | undefined {
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed as Record<string, unknown>);
    return entries.every(([, value]) => typeof value === 'string')
      ? (parsed as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks a Calls.json create request. */
export function parseCall(form: URLSearchParams, sid: string, now: Date): AcceptedCall | Rejection {
  const to = form.get('To') ?? '';
  const from = form.get('From') ?? '';
  const url = form.get('Url') || undefined;
  const twiml = form.get('Twiml') || undefined;
  if (!to) return reject(21201, "No 'To' number is specified");
  if (!from) return reject(21213, "No 'From' number is specified");
  if (!url && !twiml) return reject(21205, 'Url parameter is required.');
  if (url !== undefined && !/^https?:\/\//.test(url)) return reject(21205, 'Url is not a valid URL.');
  const statusCallback = form.get('StatusCallback') || undefined;
  const statusCallbackEvent = form.getAll('StatusCallbackEvent');
  return {
    sid,
    to,
    from,
    url,
    twiml,
    statusCallback,
    statusCallbackEvent,
    status: 'queued',
    dateCreated: now,
  };
}

export function isRejection(value: object): value is Rejection {
  return 'code' in value;
}

/** `Thu, 30 Jul 2015 20:12:31 +0000`, as Twilio writes dates. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

export function messageJson(accountSid: string, message: AcceptedMessage): string {
  const date = rfc2822(message.dateCreated);
  const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}`;
  return JSON.stringify({
    account_sid: accountSid,
    api_version: API_VERSION,
    body: message.body ?? '',
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from ?? null,
    messaging_service_sid: message.messagingServiceSid ?? null,
    num_media: String(message.mediaUrl.length),
    num_segments: '1',
    price: null,
    price_unit: null,
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  });
}

export function callJson(accountSid: string, call: AcceptedCall): string {
  const date = rfc2822(call.dateCreated);
  const uri = `/${API_VERSION}/Accounts/${accountSid}/Calls/${call.sid}`;
  return JSON.stringify({
    account_sid: accountSid,
    annotation: null,
    answered_by: null,
    api_version: API_VERSION,
    caller_name: null,
    date_created: date,
    date_updated: date,
    direction: 'outbound-api',
    duration: null,
    end_time: null,
    forwarded_from: null,
    from: call.from,
    from_formatted: call.from,
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: call.sid,
    start_time: null,
    status: call.status,
    subresource_uris: { recordings: `${uri}/Recordings.json`, notifications: `${uri}/Notifications.json` },
    to: call.to,
    to_formatted: call.to,
    trunk_sid: null,
    uri: `${uri}.json`,
  });
}

export function errorJson(status: number, code: number, message: string): string {
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}
