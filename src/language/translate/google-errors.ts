// Turns whatever the Google client library throws into a ProviderError. Over the REST fallback a failed
// call arrives as a GaxiosError (numeric HTTP status in `code`/`response.status`, Google's JSON error body
// `{"error":{"code","message","status"}}` in `message`); over gRPC as a GoogleError whose numeric `code`
// is a gRPC status (0–16); network failures carry a string `code` such as ECONNREFUSED.
import { ProviderError } from './provider-error.js';

/** gRPC canonical status names by number. */
const GRPC_STATUS = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

/** Google's mapping of HTTP status to canonical code (https://cloud.google.com/apis/design/errors). */
const HTTP_TO_CODE: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED']);

/** Transient network failures (Node and undici codes): the service may answer next time. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/** Google's JSON error body, when the message carries one. */
function bodyError(message: string): { status?: string; message?: string } {
  try {
    const error = record(record(JSON.parse(message) as unknown)?.error);
    return {
      ...(typeof error?.status === 'string' ? { status: error.status } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message } : {}),
    };
  } catch {
    return {};
  }
}

export function classifyHttpStatus(status: number): string {
  return (
    HTTP_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL' : status >= 400 ? 'FAILED_PRECONDITION' : 'UNKNOWN')
  );
}

export function isRetryable(code: string, httpStatus: number | undefined): boolean {
  if (RETRYABLE_CODES.has(code)) return true;
  // Every 5xx is worth another try except 501 (the method will not appear by waiting).
  return httpStatus !== undefined && (httpStatus === 429 || (httpStatus >= 500 && httpStatus !== 501));
}

/** `fallbackCode` names a failure that carries no status (e.g. `UNAUTHENTICATED` while loading credentials). */
export function googleProviderError(
  error: unknown,
  provider = 'google-translate',
  fallbackCode = 'UNKNOWN',
): ProviderError {
  if (error instanceof ProviderError) return error;
  const fields = record(error) ?? {};
  const rawMessage = error instanceof Error ? error.message : String(error);
  const body = bodyError(rawMessage);
  const responseStatus = record(fields.response)?.status;
  const rawCode = fields.code;

  let httpStatus: number | undefined;
  if (typeof responseStatus === 'number') httpStatus = responseStatus;
  else if (typeof rawCode === 'number' && rawCode >= 100) httpStatus = rawCode;

  let code: string;
  if (body.status !== undefined && (GRPC_STATUS as readonly string[]).includes(body.status))
    code = body.status;
  else if (httpStatus !== undefined) code = classifyHttpStatus(httpStatus);
  else if (typeof rawCode === 'number' && rawCode >= 0 && rawCode < GRPC_STATUS.length)
    code = GRPC_STATUS[rawCode] ?? 'UNKNOWN';
  else if (typeof rawCode === 'string' && NETWORK_CODES.has(rawCode)) code = 'UNAVAILABLE';
  else if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    code = 'DEADLINE_EXCEEDED';
  else code = fallbackCode;

  const detail = body.message ?? rawMessage;
  return new ProviderError(
    `${provider}: ${code}${httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`}: ${detail}`,
    {
      provider,
      code,
      retryable: isRetryable(code, httpStatus),
      ...(httpStatus === undefined ? {} : { httpStatus }),
      cause: error,
    },
  );
}
