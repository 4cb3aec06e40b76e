// Downloads a media file Twilio received (a WhatsApp voice note): GET with HTTP Basic auth (account SID
// and auth token), following Twilio's redirect to its CDN without carrying the credentials to another
// host, within a size limit, an allowed content type and a deadline. Failures are one typed error.

export type MediaFetchErrorCode =
  'bad_url' | 'http_status' | 'too_many_redirects' | 'too_large' | 'bad_type' | 'timeout' | 'network';

export class MediaFetchError extends Error {
  override readonly name = 'MediaFetchError';

  constructor(
    message: string,
    readonly code: MediaFetchErrorCode,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface FetchedMedia {
  readonly bytes: Buffer;
  /** The response's media type without parameters, lower case (e.g. `audio/ogg`). */
  readonly contentType: string;
}

export interface MediaFetchOptions {
  readonly accountSid?: string | undefined;
  readonly authToken?: string | undefined;
  /** Largest accepted file. Default 16 MB (WhatsApp's limit for audio). */
  readonly maxBytes?: number;
  /** Deadline for the whole download, redirects included. Default 10 s. */
  readonly timeoutMs?: number;
  /** Accepted media types (no parameters). Default: the audio types WhatsApp sends. */
  readonly allowedTypes?: readonly string[];
  readonly maxRedirects?: number;
  /** Injected for tests of odd servers; default the global fetch. */
  readonly fetch?: typeof fetch;
}

export const VOICE_NOTE_TYPES: readonly string[] = [
  'audio/ogg',
  'audio/opus',
  'application/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/amr',
];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const mediaType = (header: string | null): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaFetchError(`media of ${declared} bytes is over the ${maxBytes}-byte limit`, 'too_large');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body === null) return Buffer.alloc(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new MediaFetchError(`media is over the ${maxBytes}-byte limit`, 'too_large');
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

export async function fetchTwilioMedia(url: string, options: MediaFetchOptions = {}): Promise<FetchedMedia> {
  const {
    accountSid,
    authToken,
    maxBytes = 16 * 1024 * 1024,
    timeoutMs = 10_000,
    allowedTypes = VOICE_NOTE_TYPES,
    maxRedirects = 5,
    fetch: fetchImpl = fetch,
  } = options;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new MediaFetchError('the media URL is not a valid URL', 'bad_url');
  }
  if (current.protocol !== 'https:' && current.protocol !== 'http:')
    throw new MediaFetchError(`media URLs must be http(s), got ${current.protocol}`, 'bad_url');
  const origin = current.host;
  const credentials =
    accountSid !== undefined && authToken !== undefined
      ? `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
      : undefined;
  const signal = AbortSignal.timeout(timeoutMs);

  try {
    for (let hops = 0; ; hops++) {
      // Credentials go only to the host Twilio named; the CDN it redirects to gets a plain GET.
      const headers: Record<string, string> =
        credentials !== undefined && current.host === origin ? { authorization: credentials } : {};
      const response = await fetchImpl(current, { headers, redirect: 'manual', signal });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (location === null)
          throw new MediaFetchError(
            `redirect ${response.status} without a Location`,
            'http_status',
            response.status,
          );
        if (hops >= maxRedirects) throw new MediaFetchError('too many redirects', 'too_many_redirects');
        current = new URL(location, current);
        if (current.protocol !== 'https:' && current.protocol !== 'http:')
          throw new MediaFetchError(`redirected to a ${current.protocol} URL`, 'bad_url');
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw new MediaFetchError(
          `media fetch answered HTTP ${response.status}`,
          'http_status',
          response.status,
        );
      }
      const contentType = mediaType(response.headers.get('content-type'));
      if (!allowedTypes.includes(contentType)) {
        await response.body?.cancel().catch(() => undefined);
        throw new MediaFetchError(`media type ${contentType || '(none)'} is not accepted`, 'bad_type');
      }
      return { bytes: await readLimited(response, maxBytes), contentType };
    }
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    if (signal.aborted) throw new MediaFetchError(`media fetch took longer than ${timeoutMs} ms`, 'timeout');
    throw new MediaFetchError(
      `media fetch failed: ${error instanceof Error ? error.message : String(error)}`,
      'network',
    );
  }
}
