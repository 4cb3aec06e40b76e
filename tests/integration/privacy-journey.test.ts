// "What I have allowed" in chat, through the real webhook, on the embedded default and on Redis: the owner
// sees their consents, stops loan offers (and allows them again), and stops sharing with one lender — the
// ledger records each withdrawal, that lender's leads go and the lender gets an erasure notice.
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main.js';
import { describeRedis } from '../support/redis.js';
import { memoryRuntime, redisRuntime } from '../support/runtime.js';
import { owner, VENDOR_ONBOARDING } from '../support/whatsapp.js';

type Make = () => { runtime: Runtime; done: () => Promise<void> };

const ENV = { SAATHI_FLOOD_PER_MINUTE: '1000' };

function privacyJourneys(make: Make) {
  const t = (runtime: Runtime, key: string, params?: Record<string, string | number>) =>
    runtime.messages.format('en', params ? { key, params } : { key });

  /** Onboards, allows offers, and agrees to share with the first lender offer found. */
  async function sharedWithLender(runtime: Runtime, from: string) {
    const say = owner(runtime.app, from, 'Asha');
    for (const answer of VENDOR_ONBOARDING) await say(answer);
    expect(await say('yes')).toContain(t(runtime, 'marketing.ask'));
    expect(await say('yes')).toContain(t(runtime, 'marketing.yes'));
    const shown = async () =>
      (await runtime.store.load(runtime.engine.ownerId(from)))?.record.context.shown ?? [];
    let offer = (await shown()).find((item) => item.lender);
    for (let i = 0; !offer && i < 12; i++) {
      await say('more');
      offer = (await shown()).find((item) => item.lender);
    }
    if (!offer?.lender) throw new Error('an example lender offer was expected among the pages');
    const lender = offer.lender;
    expect(await say(`interested ${offer.rank}`)).toContain(t(runtime, 'share.ask', { lender: lender.name }));
    expect(await say('yes')).toContain(t(runtime, 'share.done', { lender: lender.name }));
    return { say, lender, ownerId: runtime.engine.ownerId(from) };
  }

  it('shows what the owner allowed and withdraws sharing with one lender: ledger, leads and notice', async () => {
    const { runtime, done } = make();
    const { say, lender, ownerId } = await sharedWithLender(runtime, 'whatsapp:+919855511001');
    const [lead] = (await runtime.leads.list(lender.id)).leads.filter((l) => l.ownerId === ownerId);
    if (!lead) throw new Error('the share consent should have recorded a lead');

    const status = await say('privacy');
    expect(status).toContain(t(runtime, 'privacy.status', { offers: 'on', count: 1, lenders: lender.name }));
    expect(status).toContain(`1. ${t(runtime, 'privacy.marketing_off')}`);
    expect(status).toContain(`2. ${t(runtime, 'privacy.unshare', { lender: lender.name })}`);
    expect(status).toContain(`3. ${t(runtime, 'menu.delete')}`);

    const after = await say('2');
    expect(after).toContain(t(runtime, 'privacy.unshared', { lender: lender.name }));
    expect(after).toContain(t(runtime, 'privacy.status', { offers: 'on', count: 0, lenders: '' }));
    expect((await runtime.ledger.current(ownerId)).sharedWith).toEqual([]);
    expect((await runtime.ledger.history(ownerId)).at(-1)).toMatchObject({
      type: 'withdraw',
      purpose: `share:${lender.id}`,
      channel: 'whatsapp',
    });
    expect((await runtime.leads.list(lender.id)).leads.filter((l) => l.ownerId === ownerId)).toEqual([]);
    expect((await runtime.leads.erasures(lender.id)).map((notice) => notice.leadId)).toContain(lead.id);
    // Without consent the lender gets nothing new, even if the owner says "interested" by mistake later.
    expect((await runtime.leads.recordLead({ lenderId: lender.id, ownerId, at: Date.now() })).recorded).toBe(
      false,
    );
    await done();
  });

  it('stops loan offers from the menu and allows them again: ledger, profile and audience follow', async () => {
    const { runtime, done } = make();
    const { say, ownerId } = await sharedWithLender(runtime, 'whatsapp:+919855511002');
    expect((await runtime.profiles.get(ownerId))?.marketingConsent).toBe(true);

    const menu = await say('menu');
    const privacyNumber = menu
      .split('\n')
      .find((line) => line.endsWith(t(runtime, 'menu.privacy')))
      ?.split('.')[0];
    expect(privacyNumber).toMatch(/^\d+$/);
    expect(await say(privacyNumber ?? '')).toContain(t(runtime, 'privacy.marketing_off'));

    const off = await say('1');
    expect(off).toContain(t(runtime, 'marketing.no'));
    expect(off).toContain(`1. ${t(runtime, 'privacy.marketing_on')}`);
    expect((await runtime.ledger.current(ownerId)).marketing).toBe(false);
    expect((await runtime.profiles.get(ownerId))?.marketingConsent).toBe(false);

    const on = await say('1');
    expect(on).toContain(t(runtime, 'marketing.yes'));
    expect((await runtime.ledger.current(ownerId)).marketing).toBe(true);
    expect((await runtime.profiles.get(ownerId))?.marketingConsent).toBe(true);

    // The last choice goes back to the menu.
    const choices = on.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(await say(String(choices.length))).toContain(t(runtime, 'menu'));
    await done();
  });

  it('is not offered before the owner agreed to the service', async () => {
    const { runtime, done } = make();
    const say = owner(runtime.app, 'whatsapp:+919855511003', 'Ravi');
    expect(await say('hi')).toContain(t(runtime, 'consent.notice'));
    expect(await say('privacy')).toContain(t(runtime, 'cmd.not_here'));
    expect(await say('menu')).not.toContain(t(runtime, 'menu.privacy'));
    await done();
  });

  it('works in Hindi words: "meri sahmati" opens it, in Hindi', async () => {
    const { runtime, done } = make();
    const { say } = await sharedWithLender(runtime, 'whatsapp:+919855511004');
    await say('hindi');
    const status = await say('meri sahmati');
    expect(status).toContain(runtime.messages.format('hi', { key: 'privacy.marketing_off' }));
    await done();
  });
}

describe('privacy choices in chat, embedded default', () => {
  privacyJourneys(() => memoryRuntime(ENV));
});

describeRedis('privacy choices in chat, Redis', () => {
  privacyJourneys(() => redisRuntime(ENV));
});
