// A local fake of Cloud Translation v3 speaking the REST ("fallback") wire protocol of the real client
// library: `POST /v3/projects/{p}/locations/{l}:translateText` and `…:detectLanguage`, JSON bodies
// (proto3 JSON, camelCase as the client sends; snake_case accepted too), Google's JSON error bodies.
// It "translates" deterministically (`[hi] text`), applies named glossaries, records every call and can
// be told to fail the next calls with an HTTP status.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TranslationServiceClient } from '@google-cloud/translate';
// google-auth-library as google-gax itself uses it (gax keeps its own copy, whose types the client expects).
import { googleAuthLibrary } from 'google-gax';

export const FAKE_ACCESS_TOKEN = 'test';

export interface RecordedCall {
  readonly method: 'translateText' | 'detectLanguage';
  readonly path: string;
  /** Raw query string: the client adds `$alt=json;enum-encoding=int`. */
  readonly query: string;
  readonly parent: string;
  readonly location: string;
  readonly authorization: string | undefined;
  /** The parsed JSON body exactly as received. */
  readonly body: Record<string, unknown>;
  readonly contents: readonly string[];
  readonly sourceLanguageCode: string | undefined;
  readonly targetLanguageCode: string | undefined;
  readonly mimeType: string | undefined;
  readonly glossary: string | undefined;
  /** HTTP status the fake answered. */
  readonly status: number;
}

/** Per target language: source term → target term. */
export type FakeGlossary = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface FakeGoogleTranslate {
  readonly port: number;
  readonly calls: readonly RecordedCall[];
  /** translateText calls only. */
  readonly translateCalls: readonly RecordedCall[];
  /** Registers a glossary by full resource name `projects/{p}/locations/{l}/glossaries/{id}`. */
  addGlossary(name: string, terms: FakeGlossary): void;
  /** The next `count` calls answer `status` with Google's JSON error body. */
  failNext(count: number, status: number, message?: string): void;
  /** A real TranslationServiceClient (REST fallback, fixed access token) aimed at this fake. */
  client(): TranslationServiceClient;
  reset(): void;
  close(): Promise<void>;
}

const STATUS_NAME: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const SCRIPT_LANG: readonly (readonly [RegExp, string])[] = [
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Telugu}/u, 'te'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Gujarati}/u, 'gu'],
  [/\p{Script=Arabic}/u, 'ur'],
  [/\p{Script=Kannada}/u, 'kn'],
  [/\p{Script=Oriya}/u, 'or'],
  [/\p{Script=Malayalam}/u, 'ml'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
];

const PATH = /^\/v3\/projects\/([^/:]+)(?:\/locations\/([^/:]+))?:(translateText|detectLanguage)$/;

const pick = (body: Record<string, unknown>, camel: string, snake: string): unknown =>
  body[camel] ?? body[snake];
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const escape = (term: string): string => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function applyGlossary(text: string, terms: Readonly<Record<string, string>>, ignoreCase: boolean): string {
  let out = text;
  for (const [source, target] of Object.entries(terms).sort(([a], [b]) => b.length - a.length)) {
    out = out.replace(
      new RegExp(
        `(?<![\\p{L}\\p{M}\\p{N}])${escape(source)}(?![\\p{L}\\p{M}\\p{N}])`,
        ignoreCase ? 'giu' : 'gu',
      ),
      target,
    );
  }
  return out;
}

export async function startFakeGoogleTranslate(): Promise<FakeGoogleTranslate> {
  const calls: RecordedCall[] = [];
  const glossaries = new Map<string, FakeGlossary>();
  const clients: TranslationServiceClient[] = [];
  let failures: { count: number; status: number; message: string } = { count: 0, status: 0, message: '' };

  const sendJson = (res: ServerResponse, status: number, payload: unknown): number => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(payload));
    return status;
  };
  const sendError = (res: ServerResponse, status: number, message: string): number =>
    sendJson(res, status, { error: { code: status, message, status: STATUS_NAME[status] ?? 'UNKNOWN' } });

  const translate = (res: ServerResponse, call: Omit<RecordedCall, 'status'>): number => {
    const target = call.targetLanguageCode;
    if (target === undefined) return sendError(res, 400, 'Target language is required.');
    if (call.contents.length === 0) return sendError(res, 400, 'Contents are required.');
    if (call.contents.length > 1024)
      return sendError(res, 400, 'Number of strings exceeds the limit of 1024.');
    if (call.mimeType !== undefined && call.mimeType !== 'text/plain' && call.mimeType !== 'text/html') {
      return sendError(res, 400, `Unsupported mime type: ${call.mimeType}`);
    }
    const translated = call.contents.map((text) => ({
      translatedText: `[${target}] ${text}`,
      ...(call.sourceLanguageCode === undefined ? { detectedLanguageCode: detect(text) } : {}),
    }));
    if (call.glossary === undefined) return sendJson(res, 200, { translations: translated });
    if (call.location === 'global')
      return sendError(res, 400, 'Glossaries are not supported in location global.');
    if (!call.glossary.startsWith(`${call.parent}/glossaries/`)) {
      return sendError(res, 400, 'Glossary must be in the same project and location as the request.');
    }
    const glossary = glossaries.get(call.glossary);
    if (glossary === undefined) return sendError(res, 404, `Glossary not found: ${call.glossary}`);
    if (call.sourceLanguageCode === undefined)
      return sendError(res, 400, 'Source language is required with a glossary.');
    const config = call.body.glossaryConfig ?? call.body.glossary_config;
    const ignoreCase =
      typeof config === 'object' &&
      config !== null &&
      (config as Record<string, unknown>).ignoreCase === true;
    const terms = glossary[target] ?? {};
    return sendJson(res, 200, {
      translations: translated,
      glossaryTranslations: call.contents.map((text) => ({
        translatedText: `[${target}] ${applyGlossary(text, terms, ignoreCase)}`,
        glossaryConfig: { glossary: call.glossary },
      })),
    });
  };

  const detect = (text: string): string => SCRIPT_LANG.find(([re]) => re.test(text))?.[1] ?? 'en';

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): number => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = PATH.exec(url.pathname);
    if (req.method !== 'POST' || match === null)
      return sendError(res, 404, `No route for ${req.method} ${url.pathname}`);
    const [, project = '', location = 'global', method] = match;
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'Invalid JSON payload received.');
    }
    const contents =
      method === 'translateText' ? pick(body, 'contents', 'contents') : [pick(body, 'content', 'content')];
    const glossaryConfig = pick(body, 'glossaryConfig', 'glossary_config');
    const call: Omit<RecordedCall, 'status'> = {
      method: method === 'translateText' ? 'translateText' : 'detectLanguage',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      parent:
        location === 'global' && !url.pathname.includes('/locations/')
          ? `projects/${project}`
          : `projects/${project}/locations/${location}`,
      location,
      authorization: req.headers.authorization,
      body,
      contents: Array.isArray(contents) ? contents.filter((c): c is string => typeof c === 'string') : [],
      sourceLanguageCode: str(pick(body, 'sourceLanguageCode', 'source_language_code')),
      targetLanguageCode: str(pick(body, 'targetLanguageCode', 'target_language_code')),
      mimeType: str(pick(body, 'mimeType', 'mime_type')),
      glossary:
        typeof glossaryConfig === 'object' && glossaryConfig !== null
          ? str((glossaryConfig as Record<string, unknown>).glossary)
          : undefined,
    };
    const record = (status: number): number => {
      calls.push({ ...call, status });
      return status;
    };
    if (req.headers.authorization !== `Bearer ${FAKE_ACCESS_TOKEN}`) {
      return record(sendError(res, 401, 'Request is missing required authentication credential.'));
    }
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return record(sendError(res, failures.status, failures.message));
    }
    if (call.method === 'translateText') return record(translate(res, call));
    const text = call.contents[0];
    if (text === undefined) return record(sendError(res, 400, 'Content is required.'));
    return record(sendJson(res, 200, { languages: [{ languageCode: detect(text), confidence: 1 }] }));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    get calls() {
      return calls;
    },
    get translateCalls() {
      return calls.filter((call) => call.method === 'translateText');
    },
    addGlossary(name, terms) {
      glossaries.set(name, terms);
    },
    failNext(count, status, message = `fake failure (HTTP ${status})`) {
      failures = { count, status, message };
    },
    client() {
      const authClient = new googleAuthLibrary.OAuth2Client();
      authClient.setCredentials({ access_token: FAKE_ACCESS_TOKEN });
      const client = new TranslationServiceClient({
        fallback: true,
        protocol: 'http',
        apiEndpoint: '127.0.0.1',
        port,
        authClient,
      });
      clients.push(client);
      return client;
    },
    reset() {
      calls.length = 0;
      failures = { count: 0, status: 0, message: '' };
    },
    async close() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
