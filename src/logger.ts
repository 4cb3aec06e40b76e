// Structured logs (pino) that never carry a phone number or a name. Two layers: fields known to hold
// personal data (from, to, name, profileName, body, text, …) are replaced at any depth before the line
// is written, and every written line is scanned for anything that looks like a phone number (+91…,
// whatsapp:+…, a 10-digit Indian mobile, with or without spaces), which is masked. Owner ids (keyed
// hashes) and message SIDs are not personal data and stay.
import {
  destination as fileDestination,
  pino,
  type DestinationStream,
  type Logger as PinoLogger,
} from 'pino';

export type Logger = PinoLogger;

/** Field names whose values are personal data wherever they appear (compared case-insensitively). */
export const PERSONAL_FIELDS = [
  'from',
  'to',
  'phone',
  'number',
  'address',
  'waid',
  'name',
  'profilename',
  'ownername',
  'firstname',
  'lastname',
  'fullname',
  'displayname',
  'body',
  'text',
  'transcript',
  'speechresult',
];
/** pino's own redaction (also applied to child-logger bindings); the scrubbing below covers every depth. */
export const REDACT_PATHS = [
  'from',
  'to',
  'phone',
  'name',
  'profileName',
  'body',
  'text',
  'req.body.From',
  'req.body.To',
  'req.body.Body',
  'req.body.ProfileName',
  'req.body.WaId',
  '*.from',
  '*.phone',
  '*.profileName',
  '*.text',
];

const CENSOR = '[redacted]';
const PERSONAL = new Set(PERSONAL_FIELDS);

/**
 * International numbers written with a `+` (7+ digits, spaces or dashes allowed), optionally behind a
 * channel prefix; and Indian mobiles (6–9 then 9 digits, optionally behind 91 / +91 / 0) not part of a
 * longer digit run (so epoch-millisecond timestamps are left alone).
 */
const PHONE =
  /(?:whatsapp:|tel:|sms:)?(?:\+\d(?:[\s-]?\d){6,16}|(?<![\d])(?:(?:\+?91)[\s-]?|0)?[6-9]\d{4}[\s-]?\d{5}(?!\d))/gi;

export function maskPhones(text: string): string {
  return text.replace(PHONE, '[phone]');
}

/** A copy of `value` with personal fields replaced (Errors are kept; their text is masked on output). */
export function scrub(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Error || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      PERSONAL.has(key.toLowerCase()) && item !== undefined && item !== null
        ? CENSOR
        : scrub(item, depth + 1);
  }
  return out;
}

/** Wraps a destination so that every line written through it has its phone numbers masked. */
export function maskingDestination(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(maskPhones(line)) };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'saathi' },
    // Child-logger bindings skip the formatters below: pino's own redaction covers the usual fields there.
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: {
      log: (object: Record<string, unknown>) => scrub(object) as Record<string, unknown>,
      bindings: (bindings: Record<string, unknown>) => scrub(bindings) as Record<string, unknown>,
    },
  };
  return pino(options, maskingDestination(destination ?? fileDestination(1)));
}
