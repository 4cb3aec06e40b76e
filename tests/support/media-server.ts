// A local stand-in for Twilio's media URLs: `/2010-04-01/Accounts/{sid}/Messages/{mm}/Media/{me}` checks
// HTTP Basic auth and redirects to a second server (another host:port, like Twilio's CDN) that serves the
// bytes. Extra routes misbehave on purpose (too big, wrong type, slow, redirect loop). Records the
// Authorization header each server saw.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaFile {
  readonly bytes: Buffer;
  readonly contentType: string;
}

export interface SeenRequest {
  readonly server: 'api' | 'cdn';
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface MediaServer {
  readonly apiBase: string;
  readonly cdnBase: string;
  readonly seen: readonly SeenRequest[];
  /** Serves `file` at `${apiBase}/2010-04-01/Accounts/{sid}/Messages/MM1/Media/{name}` (via the CDN). */
  put(name: string, file: MediaFile): string;
  reset(): void;
  close(): Promise<void>;
}

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export async function startMediaServer(accountSid: string, authToken: string): Promise<MediaServer> {
  const files = new Map<string, MediaFile>();
  const seen: SeenRequest[] = [];
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  let cdnBase = '';

  const api = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    seen.push({ server: 'api', path, authorization: req.headers.authorization });
    if (path === '/slow') return; // never answers
    if (path === '/loop') {
      res.writeHead(302, { location: '/loop' }).end();
      return;
    }
    if (path === '/same-host') {
      res.writeHead(307, { location: `/2010-04-01/Accounts/${accountSid}/Messages/MM1/Media/note` }).end();
      return;
    }
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/[^/]+\/Media\/([^/]+)$/.exec(path);
    if (match === null || !files.has(match[2] ?? '')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"message":"Not found"}');
      return;
    }
    if (req.headers.authorization !== expected || match[1] !== accountSid) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Twilio API"' }).end();
      return;
    }
    res.writeHead(302, { location: `${cdnBase}/cdn/${match[2]}` }).end();
  });

  const cdn = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    seen.push({ server: 'cdn', path, authorization: req.headers.authorization });
    if (path === '/cdn/endless') {
      // No Content-Length: the size limit has to be enforced while reading.
      res.writeHead(200, { 'content-type': 'audio/ogg' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', pump);
        else res.end();
      };
      pump();
      return;
    }
    const file = files.get(path.replace(/^\/cdn\//, ''));
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
    res.end(file.bytes);
  });

  const apiBase = await listen(api);
  cdnBase = await listen(cdn);
  return {
    apiBase,
    cdnBase,
    get seen() {
      return seen;
    },
    put(name, file) {
      files.set(name, file);
      return `${apiBase}/2010-04-01/Accounts/${accountSid}/Messages/MM1/Media/${name}`;
    },
    reset() {
      seen.length = 0;
    },
    async close() {
      for (const server of [api, cdn]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
