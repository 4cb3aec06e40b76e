// Floods and oversized fields at the WhatsApp webhook: more than SAATHI_FLOOD_PER_MINUTE messages from one
// number in a minute get one polite answer in the owner's language, then silence, and none of them is
// processed; every field has a length limit with a clear 400 (or is cut, for the message text).
import { describe, expect, it } from 'vitest';
import { inboundForm, messagesOf, owner, post } from '../support/whatsapp.js';
import { testRuntime } from '../support/runtime.js';

describe('per-number flood limit', () => {
  it("answers the first message over the limit once, in the owner's language, and processes none of them", async () => {
    let now = new Date('2026-11-22T10:00:05Z');
    const runtime = testRuntime({ SAATHI_FLOOD_PER_MINUTE: '3' }, { clock: () => now });
    const { app, store, engine, messages } = runtime;
    const from = 'whatsapp:+919822200001';
    const say = owner(app, from);
    await say('नमस्ते, मुझे अपनी दुकान के लिए लोन चाहिए');
    await say('1');
    await say('किराना');
    const before = await store.load(engine.ownerId(from));
    expect(await say('5 साल')).toBe(messages.format('hi', { key: 'error.flood' }));
    expect(messages.format('hi', { key: 'error.flood' })).not.toBe(
      messages.format('en', { key: 'error.flood' }),
    );
    const muted = await post(app, inboundForm({ from, body: '2 लाख' }));
    expect(muted.status).toBe(200);
    expect(messagesOf(muted.text)).toEqual([]);
    expect(await store.load(engine.ownerId(from))).toEqual(before);
    // Someone else is not slowed down by it.
    expect(await owner(app, 'whatsapp:+919822200002')('hello')).not.toBe(
      messages.format('en', { key: 'error.flood' }),
    );
    // The next minute the owner carries on.
    now = new Date('2026-11-22T10:01:00Z');
    const next = await say('5 साल');
    expect(next).not.toBe(messages.format('hi', { key: 'error.flood' }));
    expect((await store.load(engine.ownerId(from)))?.version).toBe((before?.version ?? 0) + 1);
    const metrics = await runtime.metrics.registry.getSingleMetricAsString('saathi_errors_total');
    expect(metrics).toMatch(/kind="flood"\} 2/);
  });

  it('answers a newcomer who floods in the language of their text', async () => {
    const runtime = testRuntime(
      { SAATHI_FLOOD_PER_MINUTE: '1' },
      { clock: () => new Date('2026-11-22T10:00:00Z') },
    );
    const say = owner(runtime.app, 'whatsapp:+919822200003');
    await say('வணக்கம்');
    expect(await say('எனக்கு என் கடைக்கு கடன் வேண்டும், உதவி செய்யுங்கள்')).toBe(
      runtime.messages.format('ta', { key: 'error.flood' }),
    );
  });
});

describe('per-field limits on the webhook', () => {
  const { app, store, engine } = testRuntime();
  const from = 'whatsapp:+919822200010';
  const cases: [string, Record<string, string>][] = [
    ['ProfileName over 256 characters', { ProfileName: 'S'.repeat(257) }],
    ['ButtonPayload over 256 characters', { ButtonPayload: 'p'.repeat(257) }],
    ['ListId over 256 characters', { ListId: 'l'.repeat(257) }],
    ['Address over 512 characters', { Latitude: '26.8', Longitude: '80.9', Address: 'a'.repeat(513) }],
    ['Label over 256 characters', { Latitude: '26.8', Longitude: '80.9', Label: 'a'.repeat(257) }],
    ['Latitude out of range', { Latitude: '91', Longitude: '80.9' }],
    ['Longitude not a number', { Latitude: '26.8', Longitude: 'east' }],
    ['NumMedia over 10', { NumMedia: '11' }],
    ['Body over 8 × 1600 characters', { Body: 'x'.repeat(12_801) }],
  ];
  for (const [name, extra] of cases) {
    it(`answers 400 to ${name} and records nothing`, async () => {
      const form = { ...inboundForm({ from, body: 'hello' }), ...extra };
      const res = await post(app, form);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^Bad request: /);
      expect(await store.receipt(form.MessageSid!)).toBeUndefined();
    });
  }

  it('cuts a long text to 1600 characters instead of refusing it', async () => {
    const res = await post(
      app,
      inboundForm({ from: 'whatsapp:+919822200011', body: `hello ${'क'.repeat(5000)}` }),
    );
    expect(res.status).toBe(200);
    expect(messagesOf(res.text).length).toBeGreaterThan(0);
    expect((await store.load(engine.ownerId('whatsapp:+919822200011')))?.version).toBe(1);
  });

  it('refuses more than 200 form fields with 413', async () => {
    const extra = Object.fromEntries(Array.from({ length: 220 }, (_, i) => [`X${i}`, '1']));
    const form = { ...inboundForm({ from, body: 'hello' }), ...extra };
    const res = await post(app, form);
    expect(res.status).toBe(413);
    expect(await store.receipt(form.MessageSid!)).toBeUndefined();
  });
});
