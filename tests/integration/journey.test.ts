// Whole owner journeys through the real webhook, with free-text answers, on the embedded default and on
// Redis: English and Hindi, then the global commands (stop, start, delete, language, menu, restart).
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main.js';
import type { Lang } from '../../src/language/langs.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';
import { owner } from '../support/whatsapp.js';

type Make = () => { runtime: Runtime; done: () => Promise<void> };

function journeys(make: Make) {
  const t = (runtime: Runtime, lang: Lang, key: string, params?: Record<string, string | number>) =>
    runtime.messages.format(lang, params ? { key, params } : { key });

  it('English: consent, every question in free words, summary, recommendations, more', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919811111111';
    const say = owner(runtime.app, from, 'Ramesh');
    expect(await say('Hello')).toContain(t(runtime, 'en', 'consent.notice'));
    expect(await say('yes')).toContain(t(runtime, 'en', 'q.businessKind'));
    expect(await say('I run a grocery shop')).toContain(t(runtime, 'en', 'q.location'));
    expect(await say('Lucknow')).toContain(t(runtime, 'en', 'q.years'));
    expect(await say('6 years')).toContain(t(runtime, 'en', 'q.sales'));
    expect(await say('about 2.5 lakh a month')).toContain(t(runtime, 'en', 'q.workers'));
    expect(await say('3')).toContain(t(runtime, 'en', 'q.udyam'));
    expect(await say('no')).toContain(t(runtime, 'en', 'q.gst'));
    expect(await say('yes')).toContain(t(runtime, 'en', 'q.need'));
    expect(await say('I need a new machine')).toContain(t(runtime, 'en', 'q.amount'));
    const summary = await say('3 lakh');
    expect(summary).toContain(t(runtime, 'en', 'profile.title.named', { name: 'Ramesh' }));
    expect(summary).toContain('₹2.5 lakh');
    expect(summary).toContain(t(runtime, 'en', 'summary.confirm'));

    const stored = await runtime.store.load(runtime.engine.ownerId(from));
    expect(stored?.record.context.profile).toEqual({
      businessKind: 'kirana',
      sector: 'trade',
      subSector: expect.any(String) as string,
      state: 'UP',
      place: expect.any(String) as string,
      yearsInBusiness: 6,
      monthlySales: 250000,
      workers: 3,
      udyam: false,
      gst: true,
      need: 'machinery',
      amount: 300000,
    });

    expect(await say('yes')).toContain(t(runtime, 'en', 'marketing.ask'));
    const recs = await say('yes please');
    expect(recs).toContain(t(runtime, 'en', 'marketing.yes'));
    expect(recs).toContain(t(runtime, 'en', 'recs.intro'));
    expect(recs).toMatch(/\*1\. .+\*/);
    expect(recs).toMatch(/\*3\. .+\*/);
    expect(recs).toContain('Why:');
    const ownerId = runtime.engine.ownerId(from);
    const saved = await runtime.profiles.get(ownerId);
    expect(saved).toMatchObject({
      lang: 'en',
      marketingConsent: true,
      name: 'Ramesh',
      address: from,
      profile: { businessKind: 'kirana', need: 'machinery' },
    });
    expect(saved?.segment).toEqual(expect.any(String));
    expect(await runtime.ledger.current(ownerId)).toEqual({ service: true, marketing: true, sharedWith: [] });

    const why = await say('why 1');
    expect(why).toMatch(/^\*1\. .+\*/);
    expect(why).toContain(t(runtime, 'en', 'why.title'));
    expect(await say('👍 2')).toContain(t(runtime, 'en', 'feedback.thanks'));
    expect(await say('not for me 3')).toContain(t(runtime, 'en', 'feedback.dismissed'));
    expect(await say('interested')).toContain(t(runtime, 'en', 'feedback.which'));
    const more = await say('more');
    expect(more).toMatch(/\*4\. .+\*/);
    await done();
  });

  it('Hindi: native script and free answers, replies in Hindi', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919822222222';
    const say = owner(runtime.app, from, 'सुनीता');
    expect(await say('नमस्ते, मुझे दुकान के लिए लोन चाहिए')).toContain(t(runtime, 'hi', 'consent.notice'));
    expect(await say('हाँ')).toContain(t(runtime, 'hi', 'q.businessKind'));
    expect(await say('मैं सिलाई का काम करती हूँ')).toContain(t(runtime, 'hi', 'q.location'));
    expect(await say('226001')).toContain(t(runtime, 'hi', 'q.years'));
    expect(await say('6 साल से')).toContain(t(runtime, 'hi', 'q.sales'));
    expect(await say('डेढ़ लाख')).toContain(t(runtime, 'hi', 'q.workers'));
    expect(await say('२')).toContain(t(runtime, 'hi', 'q.udyam'));
    expect(await say('हाँ')).toContain(t(runtime, 'hi', 'q.gst'));
    expect(await say('नहीं')).toContain(t(runtime, 'hi', 'q.need'));
    expect(await say('मशीन के लिए पैसा चाहिए')).toContain(t(runtime, 'hi', 'q.amount'));
    const summary = await say('ढाई लाख');
    expect(summary).toContain(t(runtime, 'hi', 'summary.confirm'));
    expect(summary).toContain('₹2.5 लाख');
    const stored = await runtime.store.load(runtime.engine.ownerId(from));
    expect(stored?.record.context).toMatchObject({
      lang: 'hi',
      name: 'सुनीता',
      profile: {
        businessKind: 'tailor',
        pin: '226001',
        state: 'UP',
        yearsInBusiness: 6,
        monthlySales: 150000,
        workers: 2,
        udyam: true,
        gst: false,
        need: 'machinery',
        amount: 250000,
      },
    });
    expect(await say('हाँ')).toContain(t(runtime, 'hi', 'marketing.ask'));
    const recs = await say('नहीं');
    expect(recs).toContain(t(runtime, 'hi', 'marketing.no'));
    expect(recs).toContain(t(runtime, 'hi', 'recs.intro'));
    expect(await runtime.profiles.get(runtime.engine.ownerId(from))).toMatchObject({
      lang: 'hi',
      marketingConsent: false,
    });
    expect(recs).toMatch(/\*1\. .+\*/);
    await done();
  });

  it('re-asks an answer it cannot understand differently, then offers help or skipping', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919833333333');
    await say('hi');
    await say('1');
    expect(await say('qwzx plonk')).toContain(t(runtime, 'en', 'q.businessKind.retry'));
    expect(await say('zzzz')).toContain(t(runtime, 'en', 'q.businessKind.retry'));
    expect(await say('blorp')).toContain(t(runtime, 'en', 'stuck'));
    const skipped = await say('skip');
    expect(skipped).toContain(t(runtime, 'en', 'skipped'));
    expect(skipped).toContain(t(runtime, 'en', 'q.location'));
    expect(await say('back')).toContain(t(runtime, 'en', 'q.businessKind'));
    await done();
  });

  it('rejects absurd answers and asks again', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919844444444');
    await say('hi');
    await say('1');
    await say('tailor');
    await say('110001');
    expect(await say('250 years')).toContain(t(runtime, 'en', 'q.years.retry'));
    await say('4 years');
    expect(await say('-5')).toContain(t(runtime, 'en', 'q.sales.retry'));
    await done();
  });

  it('stop is confirmed and honoured for every later message until start', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919855555555');
    await say('hi');
    await say('1');
    expect(await say('STOP')).toContain(t(runtime, 'en', 'stop.done'));
    expect(await say('tailor')).toBe('');
    expect(await say('hello?')).toBe('');
    const back = await say('start');
    expect(back).toContain(t(runtime, 'en', 'start.again'));
    expect(back).toContain(t(runtime, 'en', 'q.businessKind'));
    await done();
  });

  it('delete my data asks first, then erases everything', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919866666666';
    const say = owner(runtime.app, from);
    await say('hi');
    await say('1');
    await say('tea stall');
    expect(await say('delete my data')).toContain(t(runtime, 'en', 'delete.confirm'));
    expect(await say('2')).toContain(t(runtime, 'en', 'delete.cancelled'));
    expect(
      (await runtime.store.load(runtime.engine.ownerId(from)))?.record.context.profile.businessKind,
    ).toBe('tea_stall');
    await say('delete');
    expect(await say('1')).toContain(t(runtime, 'en', 'delete.done'));
    expect(await runtime.store.load(runtime.engine.ownerId(from))).toBeUndefined();
    expect(await say('hi')).toContain(t(runtime, 'en', 'consent.notice'));
    await done();
  });

  it('declining consent stores nothing but the refusal', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919877777777';
    const say = owner(runtime.app, from, 'Private Person');
    await say('hi');
    expect(await say('no')).toContain(t(runtime, 'en', 'declined'));
    const stored = await runtime.store.load(runtime.engine.ownerId(from));
    expect(stored?.record.context.consent).toBe('declined');
    expect(stored?.record.context.name).toBeUndefined();
    expect(stored?.record.context.profile).toEqual({});
    expect(await say('yes')).toContain(t(runtime, 'en', 'q.businessKind'));
    await done();
  });

  it('changes language from the menu and by asking, and keeps the place in the conversation', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919888888888');
    await say('hi');
    await say('1');
    expect(await say('language')).toContain(t(runtime, 'en', 'language.pick'));
    const tamil = await say('6');
    expect(tamil).toContain(t(runtime, 'ta', 'language.changed'));
    expect(tamil).toContain(t(runtime, 'ta', 'q.businessKind'));
    const hindi = await say('hindi mein baat karo');
    expect(hindi).toContain(t(runtime, 'hi', 'language.changed'));
    expect(hindi).toContain(t(runtime, 'hi', 'q.businessKind'));
    await done();
  });

  it('menu, help, profile and restart work in the middle of the questions', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919899999999');
    await say('hi');
    await say('1');
    await say('barber');
    const help = await say('help');
    expect(help).toContain(t(runtime, 'en', 'help'));
    expect(help).toContain(t(runtime, 'en', 'q.location'));
    expect(await say('profile')).toContain(t(runtime, 'en', 'profile.title'));
    expect(await say('menu')).toContain(t(runtime, 'en', 'menu'));
    expect(await say('1')).toContain(t(runtime, 'en', 'q.location'));
    const restarted = await say('restart');
    expect(restarted).toContain(t(runtime, 'en', 'restart.done'));
    expect(restarted).toContain(t(runtime, 'en', 'q.businessKind'));
    await done();
  });
}

describe('journeys on the embedded default', () => {
  journeys(() => ({ runtime: testRuntime(), done: () => Promise.resolve() }));
});

describeRedis('journeys on Redis', () => {
  const redis = connect();
  afterAll(async () => redis.quit());
  journeys(() => {
    const prefix = testPrefix();
    const runtime = testRuntime(
      { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      { redisPrefix: prefix },
    );
    return {
      runtime,
      done: async () => {
        await cleanup(redis, prefix);
        await runtime.close();
      },
    };
  });
});
