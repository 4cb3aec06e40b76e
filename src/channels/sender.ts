// The outbound sender port: messages and calls that Saathi starts itself (campaigns, replies that could
// not go back in the webhook's answer, voice-note replies). Adapters: Twilio REST (real `twilio` client,
// `TWILIO_API_BASE_URL` for a local fake) and a recording sender for the embedded default.

export interface OutboundMessage {
  /** `whatsapp:+91…` or `+91…` */
  readonly to: string;
  /** Overrides the configured sender (TWILIO_WHATSAPP_FROM / TWILIO_MESSAGING_SERVICE_SID). */
  readonly from?: string;
  /** Free-form text; only inside WhatsApp's 24-hour window. */
  readonly body?: string;
  /** An approved Content template (`HX…`) with its variables. */
  readonly contentSid?: string;
  readonly contentVariables?: Readonly<Record<string, string>>;
  readonly mediaUrl?: readonly string[];
  readonly statusCallback?: string;
}

export interface OutboundCall {
  readonly to: string;
  readonly from?: string;
  /** TwiML URL Twilio fetches when the call connects. */
  readonly url: string;
  readonly statusCallback?: string;
}

export interface Sent {
  /** Provider's id (`SM…`, `CA…`). */
  readonly sid: string;
  /** Provider's first status, e.g. `queued`. */
  readonly status: string;
}

export interface Sender {
  /** False for the recording sender: nothing leaves the machine. */
  readonly configured: boolean;
  sendMessage(message: OutboundMessage): Promise<Sent>;
  placeCall(call: OutboundCall): Promise<Sent>;
}

/**
 * A send that failed. `retryable` covers 429, 5xx and network errors (the caller retries with backoff);
 * `permanent` covers everything the provider will refuse again (21610 unsubscribed, 63003 invalid To, …).
 */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly kind: 'retryable' | 'permanent',
    /** Provider's error code (Twilio's numeric codes), when it gave one. */
    readonly code: number | undefined,
    /** HTTP status of the provider's answer; undefined for network errors. */
    readonly httpStatus: number | undefined,
    /** A readable reason for operators, e.g. "recipient has unsubscribed (21610)". */
    readonly reason: string,
    /**
     * The request may have reached the provider (a timeout or a connection dropped after it was sent):
     * the message may have gone out. Callers that must never duplicate do not resend it.
     */
    readonly maybeSent = false,
  ) {
    super(reason);
  }
}
