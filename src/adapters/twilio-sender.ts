// The Sender port over Twilio's REST API with the real `twilio` client: WhatsApp/SMS messages (free text,
// Content templates, media) and outbound calls. One client per sender (pooled keep-alive connections);
// every failure becomes a SendError, `retryable` or `permanent`, with a readable reason.
import twilio from 'twilio';
import {
  SendError,
  type OutboundCall,
  type OutboundMessage,
  type Sender,
  type Sent,
} from '../channels/sender.js';
import { describeTwilioError } from '../channels/twilio-errors.js';
import { TwilioHttpClient } from './twilio-http-client.js';

export interface TwilioSenderOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** `whatsapp:+1415…`: the default From when no Messaging Service is set. */
  readonly whatsappFrom?: string | undefined;
  /** `MG…`: preferred over whatsappFrom when both are set. */
  readonly messagingServiceSid?: string | undefined;
  /** Caller number for calls; default whatsappFrom without its `whatsapp:` prefix. */
  readonly voiceFrom?: string | undefined;
  /** TWILIO_API_BASE_URL: route every REST call there instead of https://api.twilio.com. */
  readonly apiBaseUrl?: string | undefined;
  readonly timeoutMs?: number;
  /** Default StatusCallback for messages (`${PUBLIC_BASE_URL}/twilio/whatsapp/status`). */
  readonly statusCallbackUrl?: string | undefined;
  /** Default StatusCallback for calls (`${PUBLIC_BASE_URL}/twilio/voice/status`). */
  readonly callStatusCallbackUrl?: string | undefined;
  /** Concurrent HTTP connections (default 64). */
  readonly maxSockets?: number;
}

export interface TwilioSender extends Sender {
  readonly configured: true;
  /** Closes pooled connections (tests, shutdown). */
  close(): void;
}

const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

export function createTwilioSender(options: TwilioSenderOptions): TwilioSender {
  const {
    accountSid,
    authToken,
    whatsappFrom,
    messagingServiceSid,
    apiBaseUrl,
    timeoutMs = 10_000,
    maxSockets,
  } = options;
  const { statusCallbackUrl, callStatusCallbackUrl } = options;
  const voiceFrom = options.voiceFrom ?? whatsappFrom?.replace(/^whatsapp:/, '');
  const httpClient = new TwilioHttpClient({
    baseUrl: apiBaseUrl,
    timeoutMs,
    ...(maxSockets ? { maxSockets } : {}),
  });
  // Credentials are explicit (never the library's TWILIO_* environment fallback); retries are the caller's.
  const client = twilio(accountSid, authToken, { httpClient, env: {}, autoRetry: false });

  return {
    configured: true,
    async sendMessage(message: OutboundMessage): Promise<Sent> {
      const sender = message.from
        ? { from: message.from }
        : messagingServiceSid
          ? { messagingServiceSid }
          : whatsappFrom
            ? { from: whatsappFrom }
            : {};
      const statusCallback = message.statusCallback ?? statusCallbackUrl;
      try {
        const result = await client.messages.create({
          to: message.to,
          ...sender,
          ...(message.body !== undefined ? { body: message.body } : {}),
          ...(message.contentSid !== undefined ? { contentSid: message.contentSid } : {}),
          ...(message.contentVariables !== undefined
            ? { contentVariables: JSON.stringify(message.contentVariables) }
            : {}),
          ...(message.mediaUrl !== undefined && message.mediaUrl.length > 0
            ? { mediaUrl: [...message.mediaUrl] }
            : {}),
          ...(statusCallback !== undefined ? { statusCallback } : {}),
        });
        return { sid: result.sid, status: result.status };
      } catch (error) {
        throw toSendError(error, timeoutMs);
      }
    },
    async placeCall(call: OutboundCall): Promise<Sent> {
      const from = call.from ?? voiceFrom;
      if (from === undefined) {
        throw new SendError(
          'permanent',
          undefined,
          undefined,
          'no caller number configured (set TWILIO_VOICE_FROM)',
        );
      }
      const statusCallback = call.statusCallback ?? callStatusCallbackUrl;
      try {
        const result = await client.calls.create({
          to: call.to.replace(/^whatsapp:/, ''),
          from: from.replace(/^whatsapp:/, ''),
          url: call.url,
          ...(statusCallback !== undefined
            ? { statusCallback, statusCallbackMethod: 'POST', statusCallbackEvent: CALL_EVENTS }
            : {}),
        });
        return { sid: result.sid, status: result.status };
      } catch (error) {
        throw toSendError(error, timeoutMs);
      }
    },
    close() {
      httpClient.destroy();
    },
  };
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** Axios codes that mean our request itself is malformed: sending it again cannot help. */
const BROKEN_REQUEST = /^ERR_(BAD_OPTION|INVALID_URL|NOT_SUPPORT)/;

/**
 * What the library throws, as a SendError: RestException / TwilioServiceException (numeric `status` and
 * `code`) are classified by twilio-errors.ts; axios errors without a response are network failures or
 * timeouts (retryable; after a timeout Twilio may have accepted the message, so callers need idempotency);
 * anything else is a request we could not even build (permanent).
 */
export function toSendError(error: unknown, timeoutMs: number): SendError {
  if (error instanceof SendError) return error;
  const fields = record(error);
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (typeof fields.status === 'number') {
    const code = typeof fields.code === 'number' ? fields.code : undefined;
    const { permanent, reason } = describeTwilioError(code, fields.status);
    return new SendError(permanent ? 'permanent' : 'retryable', code, fields.status, reason);
  }
  const netCode = typeof fields.code === 'string' ? fields.code : undefined;
  if (fields.isAxiosError === true || netCode !== undefined) {
    if (netCode !== undefined && BROKEN_REQUEST.test(netCode)) {
      return new SendError(
        'permanent',
        undefined,
        undefined,
        `invalid request to Twilio: ${message} (${netCode})`,
      );
    }
    const timedOut = netCode === 'ECONNABORTED' || netCode === 'ETIMEDOUT' || /timeout/i.test(message);
    const reason = timedOut
      ? `no answer from Twilio within ${timeoutMs} ms (the send may still have happened)`
      : `network error talking to Twilio (${netCode ?? message})`;
    // Refused or unresolved connections never reached Twilio; a timeout or a reset may have.
    const maybeSent = timedOut || netCode === 'ECONNRESET' || netCode === 'EPIPE';
    return new SendError('retryable', undefined, undefined, reason, maybeSent);
  }
  return new SendError('permanent', undefined, undefined, `could not build the Twilio request: ${message}`);
}
