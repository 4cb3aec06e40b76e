// Machine translation through the real @google-cloud/translate client (REST fallback) against a local
// fake of Cloud Translation v3; plus the offline adapter and the draft/approval rules.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TranslationServiceClient } from '@google-cloud/translate';
import { googleAuthLibrary } from 'google-gax';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sourceHash } from '../../src/i18n/source-hash.js';
import { googleProviderError } from '../../src/language/translate/google-errors.js';
import {
  approve,
  createTranslator,
  GoogleTranslator,
  humanDraft,
  isSendable,
  machineDraft,
  machineDrafts,
  ProviderError,
  revise,
  TranslationUnavailable,
} from '../../src/language/translate/index.js';
import { LruCache } from '../../src/language/translate/lru-cache.js';
import { startFakeGoogleTranslate, type FakeGoogleTranslate } from '../support/fake-google-translate.js';

const PROJECT = 'saathi-test';
const GLOSSARY = `projects/${PROJECT}/locations/us-central1/glossaries/saathi-terms`;

let fake: FakeGoogleTranslate;

beforeAll(async () => {
  fake = await startFakeGoogleTranslate();
  fake.addGlossary(GLOSSARY, { hi: { loan: 'लोन', 'working capital': 'कारोबारी पूंजी' }, ta: { loan: 'கடன்' } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const plain = (options: { cacheSize?: number } = {}): GoogleTranslator =>
  new GoogleTranslator({ projectId: PROJECT, client: fake.client(), ...options });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('Google translator through the real client', () => {
  it('translates one string with the request shape Cloud Translation v3 expects', async () => {
    const translator = plain();
    expect(translator.configured).toBe(true);
    await expect(translator.translate(['Get a loan for your shop'], 'en', 'hi')).resolves.toEqual([
      '[hi] Get a loan for your shop',
    ]);
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call?.path).toBe(`/v3/projects/${PROJECT}/locations/global:translateText`);
    expect(decodeURIComponent(call?.query ?? '')).toBe('$alt=json;enum-encoding=int');
    expect(call?.authorization).toBe('Bearer test');
    // What the client really sends: proto3 JSON in camelCase (labels always present, empty).
    expect(call?.body).toEqual({
      contents: ['Get a loan for your shop'],
      labels: {},
      mimeType: 'text/plain',
      sourceLanguageCode: 'en',
      targetLanguageCode: 'hi',
    });
  });

  it('batches 1,500 strings into two calls (1,024 + 476) and keeps the order', async () => {
    const texts = Array.from({ length: 1500 }, (_, i) => `offer line ${i}`);
    const out = await plain().translate(texts, 'en', 'ta');
    expect(fake.translateCalls.map((call) => call.contents.length)).toEqual([1024, 476]);
    expect(out).toHaveLength(1500);
    expect(out[0]).toBe('[ta] offer line 0');
    expect(out[1499]).toBe('[ta] offer line 1499');
  });

  it('also keeps each call under 30,000 code points; an oversized text travels alone', async () => {
    const long = (c: string, n: number): string => c.repeat(n);
    const texts = [
      long('a', 10_000),
      long('b', 10_000),
      long('c', 10_000),
      long('d', 10_000),
      long('e', 40_000),
      'f',
    ];
    await plain().translate(texts, 'en', 'or');
    expect(fake.translateCalls.map((call) => call.contents.length)).toEqual([3, 1, 1, 1]);
  });

  it('sends each distinct text once, passes blanks through and skips same-language calls', async () => {
    const translator = plain();
    await expect(translator.translate(['Hello', '  ', 'Hello', 'Thanks'], 'en', 'bn')).resolves.toEqual([
      '[bn] Hello',
      '  ',
      '[bn] Hello',
      '[bn] Thanks',
    ]);
    expect(fake.translateCalls.map((call) => call.contents)).toEqual([['Hello', 'Thanks']]);
    await expect(translator.translate(['Hello'], 'en', 'en')).resolves.toEqual(['Hello']);
    await expect(translator.translate([], 'en', 'hi')).resolves.toEqual([]);
    expect(fake.translateCalls).toHaveLength(1);
  });

  it('names the glossary in a regional location and prefers glossaryTranslations', async () => {
    const translator = new GoogleTranslator({
      projectId: PROJECT,
      glossaryId: 'saathi-terms',
      client: fake.client(),
    });
    expect(translator.parent).toBe(`projects/${PROJECT}/locations/us-central1`);
    const out = await translator.translate(['A working capital loan', 'No terms here'], 'en', 'hi');
    expect(out).toEqual(['[hi] A कारोबारी पूंजी लोन', '[hi] No terms here']);
    const [call] = fake.translateCalls;
    expect(call?.path).toBe(`/v3/projects/${PROJECT}/locations/us-central1:translateText`);
    expect(call?.body.glossaryConfig).toEqual({ glossary: GLOSSARY });
    expect(call?.glossary).toBe(GLOSSARY);
  });

  it('refuses a glossary in the global location', () => {
    expect(
      () =>
        new GoogleTranslator({
          projectId: PROJECT,
          location: 'global',
          glossaryId: 'saathi-terms',
          client: fake.client(),
        }),
    ).toThrow(/regional location/);
  });

  it('answers repeated texts from its cache without a second call', async () => {
    const translator = plain();
    await translator.translate(['Your EMI is due'], 'en', 'mr');
    await expect(translator.translate(['Your EMI is due'], 'en', 'mr')).resolves.toEqual([
      '[mr] Your EMI is due',
    ]);
    expect(fake.translateCalls).toHaveLength(1);
    await translator.translate(['Your EMI is due', 'New line'], 'en', 'gu');
    await translator.translate(['Your EMI is due', 'New line'], 'en', 'mr');
    expect(fake.translateCalls.map((call) => [call.targetLanguageCode, call.contents])).toEqual([
      ['mr', ['Your EMI is due']],
      ['gu', ['Your EMI is due', 'New line']],
      ['mr', ['New line']],
    ]);
  });

  it('keeps the cache bounded, dropping the least recently used entry', async () => {
    const translator = plain({ cacheSize: 2 });
    await translator.translate(['one', 'two'], 'en', 'kn');
    await translator.translate(['one'], 'en', 'kn'); // "one" is now the most recent
    await translator.translate(['three'], 'en', 'kn'); // evicts "two"
    await translator.translate(['one', 'two'], 'en', 'kn');
    expect(fake.translateCalls.map((call) => call.contents)).toEqual([['one', 'two'], ['three'], ['two']]);
  });

  it.each([
    [503, 'UNAVAILABLE', true],
    [429, 'RESOURCE_EXHAUSTED', true],
    [504, 'DEADLINE_EXCEEDED', true],
    [500, 'INTERNAL', true],
    [400, 'INVALID_ARGUMENT', false],
    [403, 'PERMISSION_DENIED', false],
  ] as const)('maps HTTP %i to ProviderError %s (retryable: %s)', async (status, code, retryable) => {
    const translator = plain();
    fake.failNext(1, status);
    const error = await rejection(translator.translate(['Apply today'], 'en', 'te'));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'google-translate', code, retryable, httpStatus: status });
    expect(fake.translateCalls).toHaveLength(1); // translateText is not retried by the library
    // Nothing was cached from the failure; the next call goes through.
    await expect(translator.translate(['Apply today'], 'en', 'te')).resolves.toEqual(['[te] Apply today']);
    expect(fake.translateCalls).toHaveLength(2);
  });

  it('fails a batch at the chunk that fails, keeping earlier chunks cached', async () => {
    const translator = plain();
    const texts = Array.from({ length: 1030 }, (_, i) => `line ${i}`);
    await translator.translate(texts.slice(0, 1024), 'en', 'ur');
    fake.failNext(1, 503);
    await expect(translator.translate(texts, 'en', 'ur')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    await expect(translator.translate(texts, 'en', 'ur')).resolves.toHaveLength(1030);
    expect(fake.translateCalls.map((call) => call.contents.length)).toEqual([1024, 6, 6]);
  });

  it('reports an unknown glossary as a non-retryable NOT_FOUND', async () => {
    const translator = new GoogleTranslator({
      projectId: PROJECT,
      glossaryId: 'missing',
      client: fake.client(),
    });
    await expect(translator.translate(['loan'], 'en', 'hi')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
      httpStatus: 404,
    });
  });

  it('reports a client that cannot load its credentials as UNAUTHENTICATED, without unhandled rejections', async () => {
    const client = new TranslationServiceClient({
      fallback: true,
      protocol: 'http',
      apiEndpoint: '127.0.0.1',
      port: fake.port,
      keyFilename: '/nonexistent/saathi-credentials.json',
    });
    const translator = new GoogleTranslator({ projectId: PROJECT, client });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await rejection(translator.translate(['hello'], 'en', 'hi'));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('maps a refused connection to a retryable UNAVAILABLE', async () => {
    const port = await freePort();
    const authClient = new googleAuthLibrary.OAuth2Client();
    authClient.setCredentials({ access_token: 'test' });
    const client = new TranslationServiceClient({
      fallback: true,
      protocol: 'http',
      apiEndpoint: '127.0.0.1',
      port,
      authClient,
    });
    try {
      const error = await rejection(
        new GoogleTranslator({ projectId: PROJECT, client }).translate(['hi'], 'en', 'hi'),
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    } finally {
      await client.close();
    }
  });
});

describe('error mapping of the gRPC transport', () => {
  it('reads numeric gRPC status codes', () => {
    const grpcError = (code: number): Error => Object.assign(new Error('rpc failed'), { code });
    expect(googleProviderError(grpcError(14))).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(googleProviderError(grpcError(4))).toMatchObject({ code: 'DEADLINE_EXCEEDED', retryable: true });
    expect(googleProviderError(grpcError(8))).toMatchObject({ code: 'RESOURCE_EXHAUSTED', retryable: true });
    expect(googleProviderError(grpcError(3))).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false });
    expect(googleProviderError(grpcError(16))).toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
    expect(googleProviderError('weird')).toMatchObject({ code: 'UNKNOWN', retryable: false });
  });
});

describe('the fake itself', () => {
  it('answers detectLanguage through the real client', async () => {
    const [response] = await fake.client().detectLanguage({
      parent: `projects/${PROJECT}/locations/global`,
      content: 'मुझे लोन चाहिए',
      mimeType: 'text/plain',
    });
    expect(response.languages?.[0]).toMatchObject({ languageCode: 'hi', confidence: 1 });
    expect(fake.calls[0]?.path).toBe(`/v3/projects/${PROJECT}/locations/global:detectLanguage`);
  });

  it('accepts snake_case bodies and rejects calls without the bearer token', async () => {
    const url = `http://127.0.0.1:${fake.port}/v3/projects/${PROJECT}/locations/global:translateText`;
    const body = JSON.stringify({
      contents: ['hello'],
      source_language_code: 'en',
      target_language_code: 'pa',
    });
    const ok = await fetch(url, {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
    });
    await expect(ok.json()).resolves.toEqual({ translations: [{ translatedText: '[pa] hello' }] });
    const denied = await fetch(url, { method: 'POST', body });
    expect(denied.status).toBe(401);
    await expect(denied.json()).resolves.toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('rejects more than 1,024 strings in one call, as Google does', async () => {
    const client = fake.client();
    const contents = Array.from({ length: 1025 }, (_, i) => `s${i}`);
    const error = await rejection(
      client.translateText({
        parent: `projects/${PROJECT}/locations/global`,
        contents,
        targetLanguageCode: 'hi',
      }),
    );
    expect(googleProviderError(error)).toMatchObject({ code: 'INVALID_ARGUMENT', retryable: false });
  });
});

describe('offline adapter and factory', () => {
  it('is the default without GOOGLE_CLOUD_PROJECT and rejects clearly', async () => {
    const translator = createTranslator({ googleProject: undefined });
    expect(translator.configured).toBe(false);
    const error = await rejection(translator.translate(['Apply today'], 'en', 'hi'));
    expect(error).toBeInstanceOf(TranslationUnavailable);
    expect((error as Error).message).toMatch(/automatic translation is not configured.*GOOGLE_CLOUD_PROJECT/);
  });

  it('builds the Google adapter from the config, with location and glossary', async () => {
    const translator = createTranslator(
      { googleProject: PROJECT, translateLocation: 'us-central1', translateGlossary: 'saathi-terms' },
      { client: fake.client() },
    );
    expect(translator.configured).toBe(true);
    await expect(translator.translate(['Take a loan'], 'en', 'ta')).resolves.toEqual(['[ta] Take a கடன்']);
  });
});

describe('translation drafts', () => {
  const source = 'Working capital loans up to ₹10 lakh for registered shops.';
  const at = '2025-01-15T10:00:00.000Z';

  it('never sends machine text before a person approves it', () => {
    const draft = machineDraft('hi', 'मशीन अनुवाद', source);
    expect(draft).toEqual({
      lang: 'hi',
      text: 'मशीन अनुवाद',
      origin: 'machine',
      sourceHash: sourceHash(source),
    });
    expect(isSendable(draft, sourceHash(source))).toBe(false);
    const approved = approve(draft, 'reviewer@lender.example', at);
    expect(approved).toMatchObject({
      origin: 'machine',
      approvedBy: 'reviewer@lender.example',
      approvedAt: at,
    });
    expect(isSendable(approved, sourceHash(source))).toBe(true);
    expect(() => approve(draft, '  ', at)).toThrow(RangeError);
  });

  it('goes stale when the source text changes, approved or not', () => {
    const approved = approve(machineDraft('ta', 'உரை', source), 'reviewer', new Date(at));
    const changed = sourceHash(`${source} Apply by March.`);
    expect(isSendable(approved, changed)).toBe(false);
    expect(isSendable(humanDraft('ta', 'உரை', source, 'translator', at), changed)).toBe(false);
  });

  it('counts a human-written text as approved by its author', () => {
    const draft = humanDraft('bn', 'দোকানের জন্য লোন', source, 'Rina', at);
    expect(draft).toMatchObject({ origin: 'human', approvedBy: 'Rina', approvedAt: at });
    expect(isSendable(draft, sourceHash(source))).toBe(true);
    const edited = revise(machineDraft('bn', 'ভুল', source), 'ঠিক লেখা', 'Rina', at);
    expect(edited).toMatchObject({ origin: 'human', text: 'ঠিক লেখা', approvedBy: 'Rina' });
    expect(isSendable(edited, sourceHash(source))).toBe(true);
    expect(isSendable({ ...draft, text: ' ' }, sourceHash(source))).toBe(false);
  });

  it('makes unapproved machine drafts for each target language', async () => {
    const drafts = await machineDrafts(plain(), source, 'en', ['hi', 'en', 'ml', 'hi']);
    expect(drafts.map((d) => [d.lang, d.text, d.origin])).toEqual([
      ['hi', `[hi] ${source}`, 'machine'],
      ['ml', `[ml] ${source}`, 'machine'],
    ]);
    expect(drafts.every((d) => !isSendable(d, sourceHash(source)))).toBe(true);
  });
});

describe('LruCache', () => {
  it('rejects a capacity below one', () => {
    expect(() => new LruCache<string, string>(0)).toThrow(RangeError);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
