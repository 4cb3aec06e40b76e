// The lender API's one error shape, `{"error":{"code","message","issues"?}}`, the typed error that
// carries it, zod issues turned into `{path, message}`, and the router's error sink.
import type { ErrorRequestHandler, Response } from 'express';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import type { Logger } from '../logger.js';

export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly Issue[],
  ) {
    super(message);
  }
}

export function sendError(res: Response, error: ApiError): void {
  res.status(error.status).json({
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  });
}

export const issuesOf = (error: ZodError, under: readonly (string | number)[] = []): Issue[] =>
  error.issues.map((i) => ({ path: [...under, ...i.path].join('.') || '(body)', message: i.message }));

/** Parses a request part or throws a 400 naming every problem. */
export function parseOr400<T>(
  schema: ZodType<T, ZodTypeDef, unknown>,
  value: unknown,
  code = 'invalid_body',
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const what = code === 'invalid_query' ? 'query' : 'request body';
  throw new ApiError(400, code, `The ${what} is not valid; see issues.`, issuesOf(parsed.error));
}

/** Every error of the router ends here: an ApiError as itself, body-parser errors by kind, the rest 500. */
export function apiErrorHandler(log: Logger, onInternal?: () => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof ApiError) return sendError(res, error);
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    if (type === 'entity.too.large' || status === 413)
      return sendError(res, new ApiError(413, 'payload_too_large', 'The request body is too large.'));
    if (type === 'entity.parse.failed')
      return sendError(res, new ApiError(400, 'invalid_json', 'The request body is not valid JSON.'));
    if (status !== undefined && status >= 400 && status < 500)
      return sendError(res, new ApiError(status, 'bad_request', 'The request could not be read.'));
    onInternal?.();
    log.error({ err: error }, 'lender API error');
    sendError(res, new ApiError(500, 'internal', 'Something went wrong on our side; please try again.'));
  };
}
