// Property tests of the WhatsApp webhook (parser and route, in-process): whatever form body arrives —
// arbitrary keys and values, unicode, strings up to and past the body limit, fields missing or malformed,
// raw bytes that are not a valid form — the answer is never a 5xx: either 400/413, or valid TwiML.
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWhatsApp, InvalidInput } from '../../src/channels/whatsapp-inbound.js';
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

describe('WhatsApp webhook under arbitrary input', () => {
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
