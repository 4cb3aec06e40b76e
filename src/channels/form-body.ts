// Express middleware for Twilio's webhook bodies (application/x-www-form-urlencoded, UTF-8): read with a
// size limit and parsed by the platform's URLSearchParams into a flat object (a repeated field becomes an
// array, as Twilio's signature algorithm expects). It replaces body-parser on the webhook path because
// it does less per message (no charset decoder, no qs); errors carry the `status` and `type` body-parser
// uses, so the app's error handler answers them the same way (413, 415, 400).
import type { RequestHandler } from 'express';

export interface FormBodyOptions {
  /** Largest body accepted, in bytes (SAATHI_MAX_BODY_BYTES); larger gets 413. */
  readonly limit: number;
  /** Most fields accepted; more gets 413. */
  readonly parameterLimit: number;
}

function httpError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: true });
}

const FORM = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Parses a form body; keys go on a prototype-less object, so `__proto__` is just a field name. */
export function parseForm(text: string, parameterLimit: number): Record<string, string | string[]> {
  const body = Object.create(null) as Record<string, string | string[]>;
  if (text.length === 0) return body;
  let fields = 1;
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1))
    if (++fields > parameterLimit) throw httpError(413, 'parameters.too.many', 'too many parameters');
  for (const [key, value] of new URLSearchParams(text)) {
    if (key === '') continue;
    const seen = body[key];
    if (seen === undefined) body[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else body[key] = [seen, value];
  }
  return body;
}

export function formBody({ limit, parameterLimit }: FormBodyOptions): RequestHandler {
  return (req, _res, next) => {
    const type = req.headers['content-type'];
    // Not a form (or no body at all): left unparsed, as body-parser does.
    if (type === undefined || !FORM.test(type)) return next();
    const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return next(httpError(415, 'charset.unsupported', `unsupported charset "${charset.toUpperCase()}"`));
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity')
      return next(httpError(415, 'encoding.unsupported', `unsupported content encoding "${encoding}"`));
    const declared = req.headers['content-length'];
    const expected = declared === undefined ? undefined : Number(declared);
    if (expected !== undefined && expected > limit)
      return next(httpError(413, 'entity.too.large', 'request entity too large'));

    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) {
        // The rest of the body is not wanted: stop reading it.
        req.pause();
        next(error);
        return;
      }
      try {
        req.body = parseForm(Buffer.concat(chunks, received).toString('utf8'), parameterLimit);
      } catch (parseError) {
        next(parseError);
        return;
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) finish(httpError(413, 'entity.too.large', 'request entity too large'));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (expected !== undefined && received !== expected)
        finish(httpError(400, 'request.size.invalid', 'request size did not match content length'));
      else finish();
    };
    const onError = () => finish(httpError(400, 'request.aborted', 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
