// Property tests of the WhatsApp webhook (parser and route, in-process): whatever form body arrives —
// arbitrary keys and values, unicode, strings up to and past the body limit, fields missing or malformed,
// raw bytes that are not a valid form — the answer is never a 5xx: either 400/413, or valid TwiML.
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWhatsApp, InvalidInput, MAX_MEDIA, MAX_TEXT } from '../../src/channels/whatsapp-inbound.js';
import type { InboundEvent } from '../../src/dialogue/types.js';
import { testRuntime } from '../support/runtime.js';
import { inboundForm, messagesOf, messageSid } from '../support/whatsapp.js';

const MAX_BODY_BYTES = 16 * 1024;
const runtime = testRuntime({
  SAATHI_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
  SAATHI_FLOOD_PER_MINUTE: '10000',
});
afterAll(async () => runtime.close());

const FIELDS = [
  'MessageSid',
  'From',
  'To',
  'Body',
  'ProfileName',
  'ButtonPayload',
  'ListId',
  'Latitude',
  'Longitude',
  'Address',
  'Label',
  'NumMedia',
  'MediaUrl0',
  'MediaContentType0',
  'WaId',
];

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '1e309',
    'NaN',
    '11',
    '+91',
    'whatsapp:+919812345678',
    '<b>&amp;</b>',
    ']]>',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  // Long values: below, around and past the per-field and the body limits.
  fc.integer({ min: 200, max: 2 * MAX_BODY_BYTES }).map((n) => 'क'.repeat(Math.ceil(n / 3))),
);
const key = fc.oneof(
  fc.constantFrom(...FIELDS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);

/** A real-looking form with fields dropped, replaced or added at random. */
const mutated = fc
  .record({
    from: fc.integer({ min: 6_000_000_000, max: 9_999_999_999 }).map((n) => `whatsapp:+91${n}`),
    body: text,
    drop: fc.subarray(FIELDS),
    replace: fc.dictionary(fc.constantFrom(...FIELDS), text, { maxKeys: 4 }),
    extra: fc.dictionary(key, text, { maxKeys: 6 }),
  })
  .map(({ from, body, drop, replace, extra }) => {
    const form: Record<string, string> = { ...extra, ...inboundForm({ from, body, sid: messageSid() }) };
    for (const field of drop) delete form[field];
    return { ...form, ...replace };
  });
const arbitraryForm = fc.dictionary(key, text, { maxKeys: 12 });
const rawBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('%', '%E0%A4', 'a=%ZZ', '&&&=', '=', 'Body=%00', 'MessageSid[]=1&MessageSid[]=2'),
);

type Sent = { kind: 'form'; form: Record<string, string> } | { kind: 'raw'; raw: string };
/** A valid message whose text is anything. */
const validWithBody = fc
  .tuple(fc.integer({ min: 6_000_000_000, max: 9_999_999_999 }), text)
  .map(([n, body]) => inboundForm({ from: `whatsapp:+91${n}`, body, sid: messageSid() }));
const anyRequest: fc.Arbitrary<Sent> = fc.oneof(
  validWithBody.map((form): Sent => ({ kind: 'form', form })),
  mutated.map((form): Sent => ({ kind: 'form', form })),
  arbitraryForm.map((form): Sent => ({ kind: 'form', form })),
  rawBody.map((raw): Sent => ({ kind: 'raw', raw })),
);

/**
 * The reference for parseWhatsApp's field rules: the zod schema it was first written with (the parser now
 * checks the same rules by hand, because it runs on every message).
 */
const field = (max: number) => z.string().max(max);
const reference = z
  .object({
    MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/),
    From: z.string().regex(/^(whatsapp:)?\+?[0-9]{6,16}$/),
    Body: field(8 * MAX_TEXT).optional(),
    ProfileName: field(256).optional(),
    ButtonPayload: field(256).optional(),
    ListId: field(256).optional(),
    Latitude: z.coerce.number().min(-90).max(90).optional(),
    Longitude: z.coerce.number().min(-180).max(180).optional(),
    Address: field(512).optional(),
    Label: field(256).optional(),
    NumMedia: z.coerce.number().int().min(0).max(MAX_MEDIA).optional(),
  })
  .strip();

function referenceParse(body: Record<string, unknown>, receivedAt: Date): InboundEvent | 'invalid' {
  const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
  const flat = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, first(v)]));
  const parsed = reference.safeParse(flat);
  if (!parsed.success) return 'invalid';
  const data = parsed.data;
  const media: { url: string; contentType: string }[] = [];
  for (let i = 0; i < (data.NumMedia ?? 0); i++) {
    const url = flat[`MediaUrl${i}`];
    const contentType = flat[`MediaContentType${i}`];
    if (typeof url === 'string' && typeof contentType === 'string') media.push({ url, contentType });
  }
  const payload = data.ButtonPayload ?? data.ListId;
  const label = data.Label ?? data.Address;
  const location =
    data.Latitude !== undefined && data.Longitude !== undefined
      ? { lat: data.Latitude, lng: data.Longitude, ...(label ? { label } : {}) }
      : undefined;
  return {
    channel: 'whatsapp',
    messageId: data.MessageSid,
    from: data.From,
    text: (data.Body ?? '').slice(0, MAX_TEXT),
    ...(payload ? { payload } : {}),
    ...(location ? { location } : {}),
    media,
    ...(data.ProfileName ? { profileName: data.ProfileName.slice(0, 80) } : {}),
    receivedAt,
  };
}

/** Forms that exercise the numeric and optional fields: locations, media counts, repeated fields. */
const numeric = fc.oneof(
  text,
  fc.constantFrom('0', '90', '-90', '90.0001', '180', '-180.5', '10', '11', '2.5', ' 3 ', '0x10', 'Infinity'),
);
const located = fc
  .record({
    n: fc.integer({ min: 6_000_000_000, max: 9_999_999_999 }),
    lat: fc.option(numeric, { nil: undefined }),
    lng: fc.option(numeric, { nil: undefined }),
    count: fc.option(numeric, { nil: undefined }),
    label: fc.option(text, { nil: undefined }),
    address: fc.option(text, { nil: undefined }),
    payload: fc.option(text, { nil: undefined }),
    listId: fc.option(text, { nil: undefined }),
    media: fc.array(fc.tuple(text, text), { maxLength: 3 }),
    repeated: fc.option(fc.array(text, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map(({ n, lat, lng, count, label, address, payload, listId, media, repeated }) => {
    const form: Record<string, unknown> = inboundForm({
      from: `whatsapp:+91${n}`,
      body: 'x',
      sid: messageSid(),
    });
    const set = (name: string, value: unknown) => value !== undefined && (form[name] = value);
    set('Latitude', lat);
    set('Longitude', lng);
    set('NumMedia', count);
    set('Label', label);
    set('Address', address);
    set('ButtonPayload', payload);
    set('ListId', listId);
    for (const [i, [url, type]] of media.entries()) {
      form[`MediaUrl${i}`] = url;
      form[`MediaContentType${i}`] = type;
    }
    set('Body', repeated);
    return form;
  });

describe('WhatsApp webhook under arbitrary input', () => {
  it('parseWhatsApp accepts and reads exactly what the reference schema does', () => {
    const at = new Date();
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(mutated, arbitraryForm, validWithBody, located), (form) => {
        const expected = referenceParse(form, at);
        if (expected === 'invalid') {
          expect(() => parseWhatsApp(form, at)).toThrow(InvalidInput);
        } else {
          accepted++;
          expect(parseWhatsApp(form, at)).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
    // Both sides of the rule were exercised, not only rejections.
    expect(accepted).toBeGreaterThan(200);
  });

  it('parseWhatsApp either returns an event or throws InvalidInput', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, arbitraryForm), (form) => {
        try {
          const event = parseWhatsApp(form, new Date());
          expect(event.text.length).toBeLessThanOrEqual(1600);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInput);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx: 400 or 413, or valid TwiML', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(anyRequest, async (sent) => {
        const req = request(runtime.app).post('/twilio/whatsapp').type('form');
        const res = await (sent.kind === 'form' ? req.send(sent.form) : req.send(sent.raw));
        seen.add(res.status);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) {
          expect([400, 413]).toContain(res.status);
          return;
        }
        expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
        expect(XMLValidator.validate(res.text)).toBe(true);
        expect(() => messagesOf(res.text)).not.toThrow();
      }),
      { numRuns: 200 },
    );
    // The generators reached every kind of answer, not only the rejections.
    expect([...seen].sort()).toEqual([200, 400, 413]);
  });
});
