// Twilio's numeric error codes, as they arrive in a REST error body (`{code, message, status}`) or in a
// status callback's `ErrorCode`, turned into what our callers need: may the same send be tried again
// later, and a readable reason for operators. `permanent` means "Twilio will refuse this again for this
// recipient": the caller stops retrying. Sources: twilio.com/docs/api/errors and CONTRACTS.md.

export interface TwilioErrorInfo {
  /** True when retrying the same send to the same recipient cannot succeed. */
  readonly permanent: boolean;
  /** Readable text for operators, without the code (see `describeTwilioError`). */
  readonly reason: string;
}

const entry = (permanent: boolean, reason: string): TwilioErrorInfo => ({ permanent, reason });

const KNOWN: ReadonlyMap<number, TwilioErrorInfo> = new Map([
  // Authentication and account (configuration problems: retrying will not help).
  [20003, entry(true, 'Twilio rejected the credentials (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)')],
  [20404, entry(true, 'Twilio resource not found (check the account SID)')],
  [20429, entry(false, 'too many requests to Twilio (rate limited)')],
  [20500, entry(false, 'Twilio internal server error')],
  [20503, entry(false, 'Twilio service unavailable')],
  // Request validation.
  [21201, entry(true, "no 'To' number was given for the call")],
  [21205, entry(true, 'the call has no valid TwiML URL')],
  [21211, entry(true, "invalid 'To' phone number")],
  [21212, entry(true, "invalid 'From' phone number")],
  [21213, entry(true, "no 'From' number was given for the call")],
  [21408, entry(true, 'sending to this region is not enabled on the Twilio account')],
  [21602, entry(true, 'message has no body, template or media')],
  [21603, entry(true, "no 'From' number or Messaging Service was given")],
  [21604, entry(true, "no 'To' number was given")],
  [21606, entry(true, "the 'From' number cannot send this kind of message")],
  [21610, entry(true, 'recipient has unsubscribed (replied STOP)')],
  [21614, entry(true, "'To' is not a valid mobile number")],
  [21617, entry(true, 'message body is longer than 1600 characters')],
  [21620, entry(true, 'invalid media URL')],
  [21655, entry(true, 'invalid ContentSid (template id)')],
  [21656, entry(true, 'ContentVariables is not valid JSON for the template')],
  [21701, entry(true, 'invalid Messaging Service SID')],
  [21910, entry(true, "'From' and 'To' are on different channels (WhatsApp vs SMS)")],
  // Asynchronous delivery failures (status callbacks).
  [30003, entry(false, 'recipient phone unreachable (switched off or out of coverage)')],
  [30005, entry(true, 'unknown destination number')],
  [30006, entry(true, 'destination is a landline or an unreachable carrier')],
  [30007, entry(true, 'message filtered by the carrier as spam')],
  [30008, entry(false, 'unknown delivery error')],
  // WhatsApp.
  [63003, entry(true, "'To' is not a valid WhatsApp address")],
  [63007, entry(true, "no WhatsApp sender is set up for the 'From' address")],
  [63014, entry(true, 'recipient blocked this business or opted out on WhatsApp')],
  [63015, entry(true, 'recipient has not joined the WhatsApp sandbox')],
  [63016, entry(true, 'outside the 24-hour WhatsApp window: an approved template (ContentSid) is needed')],
  [63018, entry(false, 'WhatsApp rate limit exceeded for this sender')],
  [63021, entry(true, 'WhatsApp rejected the message content as invalid')],
  [63024, entry(true, 'invalid message recipient (not a WhatsApp user)')],
  [63032, entry(true, "Meta withheld the marketing template for this user's number")],
  [63038, entry(false, 'daily WhatsApp messaging limit reached for this account')],
  [63049, entry(true, 'Meta chose not to deliver this marketing message')],
]);

/** Codes after which campaigns mark the owner as opted out everywhere. */
const OPT_OUT = new Set([21610, 63014]);

export function isOptOutCode(code: number | undefined): boolean {
  return code !== undefined && OPT_OUT.has(code);
}

/** The entry for a code, or undefined when we do not know it. */
export function twilioError(code: number | undefined): TwilioErrorInfo | undefined {
  return code === undefined ? undefined : KNOWN.get(code);
}

/** HTTP statuses after which the same request may succeed later. */
export function isRetryableStatus(httpStatus: number): boolean {
  return httpStatus === 429 || httpStatus >= 500;
}

/**
 * Classifies a failed send from Twilio's code and/or HTTP status. A known code decides, except that a
 * 429 or 5xx answer is always retryable; an unknown code follows the HTTP status (other 4xx are
 * permanent); with neither (an unknown callback code) the failure is not treated as permanent.
 * The reason ends with the code, e.g. "recipient has unsubscribed (replied STOP) (21610)".
 */
export function describeTwilioError(code: number | undefined, httpStatus?: number): TwilioErrorInfo {
  const known = twilioError(code);
  const statusRetryable = httpStatus !== undefined && isRetryableStatus(httpStatus);
  const permanent = statusRetryable ? false : (known?.permanent ?? httpStatus !== undefined);
  const text = known?.reason ?? fallbackReason(httpStatus);
  const tag = code !== undefined ? ` (${code})` : httpStatus !== undefined ? ` (HTTP ${httpStatus})` : '';
  return { permanent, reason: `${text}${tag}` };
}

function fallbackReason(httpStatus: number | undefined): string {
  if (httpStatus === undefined) return 'Twilio reported an unknown error';
  if (httpStatus === 429) return 'too many requests to Twilio (rate limited)';
  if (httpStatus === 401 || httpStatus === 403) return 'Twilio rejected the credentials';
  if (httpStatus >= 500) return 'Twilio server error';
  return 'Twilio refused the request';
}
