// The voice IVR in-process through the real app: TwiML parsed and checked element by element.
import { ENDONYM } from '../../src/language/langs.js';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createRecordingSender, type RecordingSender } from '../../src/adapters/recording-sender.js';
import type { CampaignAnswer } from '../../src/channels/voice-context.js';
import { VOICE } from '../../src/language/voices.js';
import { testRuntime } from '../support/runtime.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['Say', 'Play', 'Gather'].includes(name),
});

interface Said {
  readonly text: string;
  readonly voice: string | undefined;
}
interface Heard {
  readonly says: Said[];
  readonly gather: Record<string, string> | undefined;
  readonly hangup: boolean;
  readonly xml: string;
}

type Node = Record<string, unknown>;
const says = (node: Node | undefined): Said[] =>
  ((node?.Say as Node[] | undefined) ?? []).map((say) => ({
    text: String(say['#text']),
    voice: say.voice as string | undefined,
  }));

function hear(xml: string): Heard {
  const doc = parser.parse(xml) as { Response?: Node };
  if (!doc.Response) throw new Error(`not TwiML: ${xml}`);
  const gather = (doc.Response.Gather as Node[] | undefined)?.[0];
  return {
    says: [...says(doc.Response), ...says(gather)],
    gather:
      gather &&
      (Object.fromEntries(Object.entries(gather).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >),
    hangup: 'Hangup' in doc.Response,
    xml,
  };
}

const callSid = () => `CA${randomBytes(16).toString('hex')}`;

/** A caller on the line: each press/say follows the action URL of the last answer. */
function caller(app: Express, from = '+919812345678', extra: Record<string, string> = {}) {
  const sid = callSid();
  const form = {
    CallSid: sid,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: '+14155550100',
    Direction: 'inbound',
    CallStatus: 'in-progress',
    ...extra,
  };
  let action = '/twilio/voice';
  let last: Heard | undefined;
  const send = async (fields: Record<string, string>, path = action): Promise<Heard> => {
    const res = await request(app)
      .post(path)
      .type('form')
      .send({ ...form, ...fields });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}`);
    last = hear(res.text);
    if (last.gather?.action) action = last.gather.action;
    return last;
  };
  return {
    sid,
    dial: () => send({}, '/twilio/voice'),
    press: (digits: string) => send({ Digits: digits }),
    say: (speech: string) => send({ SpeechResult: speech, Confidence: '0.9' }),
    silence: () => send({}),
    resend: (path: string, fields: Record<string, string>) => send(fields, path),
    get action() {
      return action;
    },
    get last() {
      return last;
    },
  };
}

const text = (heard: Heard) => heard.says.map((say) => say.text).join(' ');

function runtime(sender: RecordingSender = createRecordingSender(), voice: Record<string, unknown> = {}) {
  return testRuntime({}, { voice: { sender, ...voice } });
}

describe('new caller', () => {
  const sender = createRecordingSender();
  const { app, messages } = runtime(sender);

  it('hears a welcome and every language option in its own language and voice; Odia and Urdu keys still work', async () => {
    const heard = await caller(app, '+919812345678').dial();
    expect(heard.gather).toMatchObject({
      input: 'dtmf',
      action: '/twilio/voice/next?s=1',
      actionOnEmptyResult: 'true',
    });
    const options = heard.says.slice(1);
    expect(options.length).toBe(10);
    expect(options.find((say) => say.text.includes('தமிழ'))?.voice).toBe(VOICE.ta.sayVoice);
    expect(options.find((say) => say.text.includes('हिन्दी'))?.voice).toBe(VOICE.hi.sayVoice);
    expect(options.find((say) => say.text.includes('English'))?.voice).toBe(VOICE.en.sayVoice);
    expect(options.some((say) => /[\u0B00-\u0B7F\u0600-\u06FF]/u.test(say.text))).toBe(false);
    for (const [key, lang, from] of [
      ['8', 'ur', '+919812340008'],
      ['10', 'or', '+919812340010'],
    ] as const) {
      const call = caller(app, from);
      await call.dial();
      const next = await call.press(key);
      // No <Say> voice: the conversation goes on in Hindi speech while its language is kept.
      expect(next.says.length).toBeGreaterThan(0);
      expect(next.says.every((say) => say.voice === VOICE.hi.sayVoice)).toBe(true);
      expect(next.gather?.language).toBe(VOICE[lang].gatherTag);
      // Told so (in Hindi) first, and the same turn is written to WhatsApp in the caller's language.
      expect(next.says[0]?.text).toContain(ENDONYM[lang]);
      const notice = messages.format('hi', { key: 'voice.no_voice', params: { language: ENDONYM[lang] } });
      expect(next.says[0]?.text.slice(0, 12)).toBe(notice.slice(0, 12));
      const consent = messages.format(lang, { key: 'consent.notice' });
      await vi.waitFor(() => {
        const texts = sender
          .sent()
          .flatMap((s) =>
            s.kind === 'message' && s.message.to === `whatsapp:${from}` ? [s.message.body ?? ''] : [],
          );
        expect(texts.some((text) => text.includes(consent))).toBe(true);
      });
    }
  });

  it('puts the circle prior first: a Tamil Nadu number hears Tamil first, an Uttar Pradesh number Hindi', async () => {
    const tamil = await caller(app, '+916380012345').dial();
    expect(tamil.says[0]?.voice).toBe(VOICE.ta.sayVoice);
    expect(tamil.says[1]?.text).toContain('6');
    const hindi = await caller(app, '+916306012345').dial();
    expect(hindi.says[0]?.voice).toBe(VOICE.hi.sayVoice);
  });
});

/** Keys for a whole onboarding after the language: consent, kirana, PIN (read back), years, sales, workers, Udyam, GST, need, amount. */
async function onboardByKeypad(
  call: ReturnType<typeof caller>,
  langKey: string,
  offer: string,
): Promise<Heard> {
  await call.dial();
  await call.press(langKey);
  await call.press('1'); // consent
  await call.press('1'); // kirana
  const readBack = await call.press('226001#');
  expect(text(readBack)).toContain('2 2 6 0 0 1');
  expect(readBack.gather).toMatchObject({ numDigits: '1' });
  await call.press('1'); // right
  await call.press('5#'); // years
  await call.press('2'); // sales: a choice
  await call.press('3#'); // workers
  await call.press('1'); // Udyam yes
  await call.press('2'); // GST no
  await call.press('1'); // need: working capital
  await call.press('2'); // amount: a choice
  let heard = await call.press('1'); // summary: that's right
  // Questions the flow may ask before the recommendations (e.g. offers from lenders): answer no.
  for (let extra = 0; extra < 3 && !text(heard).includes(offer); extra++) heard = await call.press('2');
  return heard;
}

describe('a whole call by keypad', () => {
  it('onboards in Hindi and reads the recommendations, then sends them to WhatsApp on 1', async () => {
    const sender = createRecordingSender();
    const { app, store, engine } = runtime(sender);
    const call = caller(app, '+919812300001');
    const recs = await onboardByKeypad(call, '2', 'व्हाट्सऐप पर पाने');
    expect(recs.says.every((say) => say.voice === VOICE.hi.sayVoice)).toBe(true);
    expect(text(recs)).toContain('व्हाट्सऐप');
    expect(recs.says.some((say) => /^1\. /.test(say.text))).toBe(true);
    const conversation = await store.load(engine.ownerId('+919812300001'));
    expect(conversation?.record.state).toBe('recommendations');
    expect(conversation?.record.context.profile).toMatchObject({
      businessKind: 'kirana',
      pin: '226001',
      yearsInBusiness: 5,
      workers: 3,
      udyam: true,
      gst: false,
    });
    const sent = await call.press('1');
    expect(text(sent)).toContain('भेज दिए');
    const messages = sender.sent().filter((entry) => entry.kind === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.kind === 'message' && messages[0].message.to).toBe('whatsapp:+919812300001');
  });

  it('lets a caller see what they allowed and turn loan offers on from the menu, by keypad', async () => {
    const { app, engine, ledger, messages } = runtime();
    const from = '+919812300011';
    const call = caller(app, from);
    await onboardByKeypad(call, '1', 'WhatsApp');
    const ownerId = engine.ownerId(from);
    expect((await ledger.current(ownerId)).marketing).toBe(false);
    const menu = await call.press('0');
    const privacyKey = menu.says
      .map((say) => say.text)
      .find((line) => line.includes(messages.format('en', { key: 'menu.privacy' })))
      ?.match(/Press (\d)/)?.[1];
    expect(privacyKey).toMatch(/^\d$/);
    const status = await call.press(privacyKey ?? '');
    expect(text(status)).toContain('Loan offers from lenders: no');
    expect(text(status)).toContain(
      messages.format('en', {
        key: 'voice.press',
        params: { digit: 1, label: messages.format('en', { key: 'privacy.marketing_on' }) },
      }),
    );
    const on = await call.press('1');
    expect(text(on)).toContain(messages.format('en', { key: 'marketing.yes' }));
    expect(await ledger.current(ownerId)).toMatchObject({ marketing: true });
    expect((await ledger.history(ownerId)).at(-1)).toMatchObject({
      type: 'grant',
      purpose: 'marketing',
      channel: 'voice',
    });
  });

  it('onboards in Tamil and offers the recommendations on WhatsApp in Tamil', async () => {
    const sender = createRecordingSender();
    const { app } = runtime(sender);
    const call = caller(app, '+916380000002');
    const recs = await onboardByKeypad(call, '6', 'வாட்ஸ்அப்பில் பெற');
    expect(recs.says.every((say) => say.voice === VOICE.ta.sayVoice)).toBe(true);
    expect(recs.says.some((say) => say.text.includes('வாட்ஸ்அப்பில் பெற 1'))).toBe(true);
    await call.press('1');
    const sent = sender.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.kind === 'message' && sent[0].message.body).toMatch(/[\u0B80-\u0BFF]/u);
  });
});

describe('speech, misses and keys', () => {
  const { app, store, engine } = runtime();

  it('takes spoken answers and reads back a spoken amount the Indian way before saving it', async () => {
    const call = caller(app, '+919812300003');
    await call.dial();
    await call.press('2');
    await call.say('हाँ');
    const place = await call.say('मेरी किराने की दुकान है');
    expect(place.gather).toMatchObject({ language: 'hi-IN', input: 'dtmf speech' });
    const readBack = await call.say('लखनऊ');
    expect(text(readBack)).toContain('आपने कहा');
    await call.say('हाँ');
    await call.say('5 साल');
    const sales = await call.say('2 लाख 50 हज़ार');
    expect(text(sales)).toContain('2 लाख 50 हज़ार रुपये');
    const ownerId = engine.ownerId('+919812300003');
    expect((await store.load(ownerId))?.record.context.profile.monthlySales).toBeUndefined();
    await call.press('2'); // say it again
    await call.say('3 लाख');
    await call.press('1');
    expect((await store.load(ownerId))?.record.context.profile).toMatchObject({
      businessKind: 'kirana',
      state: 'UP',
      yearsInBusiness: 5,
      monthlySales: 300000,
    });
  });

  it('re-asks after silence twice, then asks for keys only, then says goodbye', async () => {
    const call = caller(app, '+919812300004');
    await call.dial();
    await call.press('1');
    const first = await call.silence();
    expect(first.says[0]?.text).toBe('Sorry, I did not hear anything.');
    expect(first.gather?.input).toBe('dtmf speech');
    await call.silence();
    const keysOnly = await call.silence();
    expect(keysOnly.says[0]?.text).toBe('Please use the keys on your phone.');
    expect(keysOnly.gather?.input).toBe('dtmf');
    const bye = await call.silence();
    expect(bye.hangup).toBe(true);
    expect(bye.gather).toBeUndefined();
  });

  it('repeats on 9, opens the menu on 0 and the language menu on *', async () => {
    const call = caller(app, '+919812300005');
    await call.dial();
    await call.press('1');
    const question = await call.press('1');
    const again = await call.press('9');
    expect(again.says.map((say) => say.text)).toEqual(question.says.map((say) => say.text));
    const menu = await call.press('0');
    expect(text(menu)).toContain('Menu');
    const languages = await call.press('*');
    expect(languages.says.find((say) => say.text.includes('தமிழ'))?.voice).toBe(VOICE.ta.sayVoice);
    const hindi = await call.press('2');
    expect(hindi.says.every((say) => say.voice === VOICE.hi.sayVoice)).toBe(true);
  });

  it('answers a redelivered step from its receipt and applies it once', async () => {
    const call = caller(app, '+919812300006');
    await call.dial();
    await call.press('1');
    await call.press('1');
    const path = call.action;
    const first = await call.resend(path, { Digits: '2' });
    const conversation = await store.load(engine.ownerId('+919812300006'));
    const second = await call.resend(path, { Digits: '2' });
    expect(second.xml).toBe(first.xml);
    expect((await store.load(engine.ownerId('+919812300006')))?.version).toBe(conversation?.version);
    expect(conversation?.record.context.profile.businessKind).toBe('tailor');
  });
});

describe('status callback and campaigns', () => {
  const answers: { campaignId: string; answer: CampaignAnswer }[] = [];
  const { app } = runtime(createRecordingSender(), {
    campaignMessage: (id: string, lang: string) =>
      id === 'mudra1' ? `[${lang}] A Mudra loan camp is near you this Saturday.` : undefined,
    onCampaignAnswer: (campaignId: string, _owner: string, answer: CampaignAnswer) => {
      answers.push({ campaignId, answer });
    },
  });
  const status = (form: Record<string, string>) =>
    request(app).post('/twilio/voice/status').type('form').send(form);

  it('stores call statuses, never moving backwards, and refuses malformed callbacks', async () => {
    const CallSid = callSid();
    expect((await status({ CallSid, CallStatus: 'completed', CallDuration: '42' })).status).toBe(204);
    expect((await status({ CallSid, CallStatus: 'ringing' })).status).toBe(204);
    expect((await status({ CallSid, CallStatus: 'exploded' })).status).toBe(400);
    expect((await status({ CallSid: 'CA123', CallStatus: 'completed' })).status).toBe(400);
    const metrics = await request(app).get('/metrics');
    expect(metrics.text).toMatch(/saathi_voice_call_status_total\{status="completed"\} 1/);
    expect(metrics.text).not.toMatch(/saathi_voice_call_status_total\{status="ringing"\}/);
  });

  it('plays the campaign message and records interest or opt-out', async () => {
    for (const [key, answer] of [
      ['1', 'interested'],
      ['2', 'optout'],
    ] as const) {
      const call = caller(app, '+14155550100', { To: '+919812300007', Direction: 'outbound-api' });
      const heard = await call.resend('/twilio/voice?campaign=mudra1', {});
      expect(heard.says[0]?.text).toContain('Mudra');
      expect(heard.gather?.numDigits).toBe('1');
      const bye = await call.press(key);
      expect(bye.hangup).toBe(true);
      expect(answers.at(-1)).toEqual({ campaignId: 'mudra1', answer });
    }
  });
});
