// The embedded default Sender (`configured: false`): nothing leaves the machine. Every message and call is
// checked like Twilio checks it, given a fake `SM…`/`CA…` sid and kept in memory (the most recent
// `limit` only) so `npm start` without Twilio works offline and tests can read what would have been sent.
import { randomBytes } from 'node:crypto';
import {
  SendError,
  type OutboundCall,
  type OutboundMessage,
  type Sender,
  type Sent,
} from '../channels/sender.js';
import { describeTwilioError } from '../channels/twilio-errors.js';

export type RecordedSend =
  | { readonly kind: 'message'; readonly sid: string; readonly at: Date; readonly message: OutboundMessage }
  | { readonly kind: 'call'; readonly sid: string; readonly at: Date; readonly call: OutboundCall };

export interface RecordingSender extends Sender {
  readonly configured: false;
  /** What would have been sent, oldest first (at most `limit`). */
  sent(): readonly RecordedSend[];
  clear(): void;
}

export interface RecordingSenderOptions {
  readonly limit?: number;
  readonly clock?: () => Date;
  /** 32 hex characters for a sid; default random. */
  readonly newId?: () => string;
}

const MAX_BODY = 1600;

export function createRecordingSender({
  limit = 10_000,
  clock = () => new Date(),
  newId = () => randomBytes(16).toString('hex'),
}: RecordingSenderOptions = {}): RecordingSender {
  let records: RecordedSend[] = [];
  const keep = (entry: RecordedSend) => {
    records.push(entry);
    // Trim in batches so a long run stays O(1) per send.
    if (records.length > limit * 1.25) records = records.slice(records.length - limit);
  };
  const latest = () => (records.length > limit ? records.slice(records.length - limit) : [...records]);

  return {
    configured: false,
    sendMessage(message: OutboundMessage): Promise<Sent> {
      const code = messageProblem(message);
      if (code !== undefined) return Promise.reject(refused(code));
      const sid = `SM${newId()}`;
      keep({ kind: 'message', sid, at: clock(), message });
      return Promise.resolve({ sid, status: 'queued' });
    },
    placeCall(call: OutboundCall): Promise<Sent> {
      const code = !call.to ? 21201 : !call.url ? 21205 : undefined;
      if (code !== undefined) return Promise.reject(refused(code));
      const sid = `CA${newId()}`;
      // As the Twilio sender does: a call goes to the plain number behind a WhatsApp address.
      keep({ kind: 'call', sid, at: clock(), call: { ...call, to: call.to.replace(/^whatsapp:/, '') } });
      return Promise.resolve({ sid, status: 'queued' });
    },
    sent: latest,
    clear() {
      records = [];
    },
  };
}

/** The Twilio error code Twilio would answer for this message, if any (the checks that need no account). */
function messageProblem(message: OutboundMessage): number | undefined {
  if (!message.to) return 21604;
  const hasMedia = message.mediaUrl !== undefined && message.mediaUrl.length > 0;
  if (!message.body && !message.contentSid && !hasMedia) return 21602;
  if (message.body !== undefined && message.body.length > MAX_BODY) return 21617;
  if (message.contentSid !== undefined && !/^HX[0-9a-fA-F]{32}$/.test(message.contentSid)) return 21655;
  return undefined;
}

function refused(code: number): SendError {
  return new SendError('permanent', code, 400, describeTwilioError(code, 400).reason);
}
