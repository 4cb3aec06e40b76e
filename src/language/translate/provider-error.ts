// A failure of an outside service (Google, Twilio…), said in one shape: which provider, a canonical code,
// and whether trying again later may succeed. Callers retry or give up on `retryable` alone.

export interface ProviderErrorDetails {
  readonly provider: string;
  /** Canonical code, e.g. the gRPC status name `UNAVAILABLE`, `INVALID_ARGUMENT`, or `BAD_RESPONSE`. */
  readonly code: string;
  readonly retryable: boolean;
  /** HTTP status of the failed call, when there was one. */
  readonly httpStatus?: number;
  readonly cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly provider: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;

  constructor(message: string, details: ProviderErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.provider = details.provider;
    this.code = details.code;
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
  }
}
