// Fetching Twilio media against a local server pair (API host with Basic auth → CDN host).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchTwilioMedia, MediaFetchError } from '../../src/channels/media.js';
import { startMediaServer, type MediaServer } from '../support/media-server.js';

const SID = 'AC00000000000000000000000000000001';
const TOKEN = 'media-test-token';
const NOTE = readFileSync(new URL('../fixtures/audio/ta-loan.16k.ogg', import.meta.url));

let media: MediaServer;

beforeAll(async () => {
  media = await startMediaServer(SID, TOKEN);
});
afterAll(async () => {
  await media.close();
});
beforeEach(() => {
  media.reset();
});

const auth = { accountSid: SID, authToken: TOKEN };

async function failure(promise: Promise<unknown>): Promise<MediaFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaFetchError) return error;
    throw error;
  }
  throw new Error('expected a MediaFetchError');
}

describe('fetchTwilioMedia', () => {
  it('authenticates to Twilio, follows the CDN redirect and does not send the credentials there', async () => {
    const url = media.put('note', { bytes: NOTE, contentType: 'audio/ogg; codecs=opus' });
    const fetched = await fetchTwilioMedia(url, auth);
    expect(fetched.contentType).toBe('audio/ogg');
    expect(fetched.bytes.equals(NOTE)).toBe(true);
    expect(media.seen).toEqual([
      {
        server: 'api',
        path: new URL(url).pathname,
        authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
      },
      { server: 'cdn', path: '/cdn/note', authorization: undefined },
    ]);
  });

  it('keeps the credentials across a redirect on the same host', async () => {
    media.put('note', { bytes: NOTE, contentType: 'audio/ogg' });
    await fetchTwilioMedia(`${media.apiBase}/same-host`, auth);
    expect(media.seen.filter((r) => r.server === 'api').map((r) => r.authorization !== undefined)).toEqual([
      true,
      true,
    ]);
  });

  it('reports a refused login and a missing file as http_status', async () => {
    const url = media.put('note', { bytes: NOTE, contentType: 'audio/ogg' });
    await expect(
      failure(fetchTwilioMedia(url, { accountSid: SID, authToken: 'wrong' })),
    ).resolves.toMatchObject({
      code: 'http_status',
      status: 401,
    });
    await expect(failure(fetchTwilioMedia(`${media.apiBase}/nothing`, auth))).resolves.toMatchObject({
      code: 'http_status',
      status: 404,
    });
  });

  it('refuses a file over the size limit, by Content-Length or while streaming', async () => {
    const url = media.put('big', { bytes: Buffer.alloc(200_000, 7), contentType: 'audio/ogg' });
    const declared = await failure(fetchTwilioMedia(url, { ...auth, maxBytes: 100_000 }));
    expect(declared.code).toBe('too_large');
    expect(declared.message).toMatch(/200000 bytes is over the 100000-byte limit/);
    const endless = await failure(
      fetchTwilioMedia(`${media.cdnBase}/cdn/endless`, { ...auth, maxBytes: 1024 * 1024 }),
    );
    expect(endless.code).toBe('too_large');
  });

  it('refuses a type that is not audio', async () => {
    const url = media.put('page', {
      bytes: Buffer.from('<html></html>'),
      contentType: 'text/html; charset=utf-8',
    });
    const error = await failure(fetchTwilioMedia(url, auth));
    expect(error.code).toBe('bad_type');
    expect(error.message).toMatch(/text\/html is not accepted/);
  });

  it('gives up after the deadline, on a redirect loop and on a bad URL', async () => {
    await expect(
      failure(fetchTwilioMedia(`${media.apiBase}/slow`, { ...auth, timeoutMs: 200 })),
    ).resolves.toMatchObject({
      code: 'timeout',
    });
    await expect(failure(fetchTwilioMedia(`${media.apiBase}/loop`, auth))).resolves.toMatchObject({
      code: 'too_many_redirects',
    });
    await expect(failure(fetchTwilioMedia('file:///etc/passwd', auth))).resolves.toMatchObject({
      code: 'bad_url',
    });
    await expect(failure(fetchTwilioMedia('not a url', auth))).resolves.toMatchObject({ code: 'bad_url' });
  });

  it('reports a server that is not there as a network failure', async () => {
    const closed = await startMediaServer(SID, TOKEN);
    const base = closed.apiBase;
    await closed.close();
    await expect(failure(fetchTwilioMedia(`${base}/anything`, auth))).resolves.toMatchObject({
      code: 'network',
    });
  });
});
