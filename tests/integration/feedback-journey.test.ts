// Feedback in chat through the real webhook: 👍 / 👎 / "not for me" / "why 2" / "interested", on the
// embedded default and on Redis. Checks what the owner reads and what the stores keep: feedback counts
// per (segment, item), dismissals that never return, the consent ledger, and the share consent a lead
// needs.
import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main.js';
import { describeRedis } from '../support/redis.js';
import { memoryRuntime, redisRuntime } from '../support/runtime.js';
import { owner, VENDOR_ONBOARDING } from '../support/whatsapp.js';

type Make = () => { runtime: Runtime; done: () => Promise<void> };

/** These owners page through everything quickly; the per-number flood limit is not what is tested. */
const ENV = { SAATHI_FLOOD_PER_MINUTE: '1000' };

async function toRecommendations(runtime: Runtime, from: string) {
  const say = owner(runtime.app, from, 'Asha');
  for (const answer of VENDOR_ONBOARDING) await say(answer);
  expect(await say('yes')).toContain(runtime.messages.format('en', { key: 'marketing.ask' }));
  const recs = await say('no');
  expect(recs).toContain(runtime.messages.format('en', { key: 'recs.intro' }));
  return say;
}

async function shownItems(runtime: Runtime, from: string) {
  const stored = await runtime.store.load(runtime.engine.ownerId(from));
  return stored?.record.context.shown ?? [];
}

function feedbackJourneys(make: Make) {
  const t = (runtime: Runtime, key: string, params?: Record<string, string>) =>
    runtime.messages.format('en', params ? { key, params } : { key });

  it('👍 counts for the segment, "not for me" dismisses for good, "why" explains from the rules', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919855500001';
    const say = await toRecommendations(runtime, from);
    const ownerId = runtime.engine.ownerId(from);
    const page = await shownItems(runtime, from);
    expect(page.map((item) => item.rank)).toEqual([1, 2, 3]);
    const [first, second, third] = page;
    if (!first || !second || !third) throw new Error('a full first page was expected');

    const saved = await runtime.profiles.get(ownerId);
    const segment = saved?.segment ?? '';
    expect(segment).not.toBe('');
    const before = await runtime.feedback.stats(segment, [first.id]);
    expect(before.get(first.id)?.shown).toBe(1);

    expect(await say('👍 1')).toContain(t(runtime, 'feedback.thanks'));
    const after = await runtime.feedback.stats(segment, [first.id, second.id]);
    expect(after.get(first.id)).toMatchObject({ shown: 1, positive: 1, negative: 0 });

    const why = await say('why 2');
    expect(why).toContain(t(runtime, 'why.title'));
    // The explanation repeats the reasons the item was shown with (they came from the same rules).
    for (const reason of second.reasons) expect(why).toContain(runtime.messages.format('en', reason));

    // A free reply about an item is engagement: counted for it, and answered with its reasons.
    expect((await runtime.feedback.stats(segment, [second.id])).get(second.id)?.positive ?? 0).toBe(0);
    expect(await say('number 2 looks good, how do I apply?')).toContain(t(runtime, 'why.title'));
    expect((await runtime.feedback.stats(segment, [second.id])).get(second.id)).toMatchObject({
      positive: 1,
    });

    expect(await say('not for me 3')).toContain(t(runtime, 'feedback.dismissed'));
    expect(await runtime.feedback.dismissed(ownerId)).toContain(third.id);
    expect((await runtime.feedback.stats(segment, [third.id])).get(third.id)).toMatchObject({ negative: 1 });

    // Page through everything, then start a new round from the menu: the dismissed item never returns.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const answer = await say('more');
      if (answer.includes(t(runtime, 'recs.none'))) break;
      for (const item of await shownItems(runtime, from)) seen.add(item.id);
    }
    await say('menu');
    await say('4');
    for (const item of await shownItems(runtime, from)) seen.add(item.id);
    expect(seen.size).toBeGreaterThan(0);
    expect(seen.has(third.id)).toBe(false);
    await done();
  });

  it('"interested" in a lender\'s offer asks before sharing; only a yes records the share consent', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919855500002';
    const say = await toRecommendations(runtime, from);
    const ownerId = runtime.engine.ownerId(from);
    let offer = (await shownItems(runtime, from)).find((item) => item.lender);
    for (let i = 0; !offer && i < 12; i++) {
      await say('more');
      offer = (await shownItems(runtime, from)).find((item) => item.lender);
    }
    if (!offer?.lender) throw new Error('an example lender offer was expected among the pages');
    const lender = offer.lender.name;

    expect(await say(`interested ${offer.rank}`)).toContain(t(runtime, 'share.ask', { lender }));
    expect(await say('no')).toContain(t(runtime, 'share.declined'));
    expect((await runtime.ledger.current(ownerId)).sharedWith).toEqual([]);
    expect((await runtime.leads.list(offer.lender.id)).leads).toEqual([]);

    expect(await say(`interested ${offer.rank}`)).toContain(t(runtime, 'share.ask', { lender }));
    expect(await say('yes')).toContain(t(runtime, 'share.done', { lender }));
    expect((await runtime.ledger.current(ownerId)).sharedWith).toEqual([offer.lender.id]);
    const { leads } = await runtime.leads.list(offer.lender.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ lenderId: offer.lender.id, itemId: offer.id });
    const history = await runtime.ledger.history(ownerId);
    expect(history.map((entry) => entry.type)).toEqual(['notice', 'grant', 'withdraw', 'grant']);
    await done();
  });

  it('feedback without a number asks which suggestion is meant; a tip of a scheme is noted', async () => {
    const { runtime, done } = make();
    const from = 'whatsapp:+919855500003';
    const say = await toRecommendations(runtime, from);
    expect(await say('why')).toContain(t(runtime, 'feedback.which'));
    expect(await say('👎')).toContain(t(runtime, 'feedback.which'));
    expect(await say('why 9')).toContain(t(runtime, 'feedback.which'));
    const scheme = (await shownItems(runtime, from)).find((item) => !item.lender);
    if (!scheme) throw new Error('a scheme or tip was expected on the first page');
    expect(await say(`interested ${scheme.rank}`)).toContain(t(runtime, 'interest.scheme'));
    await done();
  });
}

describe('feedback in chat, embedded default', () => {
  feedbackJourneys(() => memoryRuntime(ENV));
});

describeRedis('feedback in chat, Redis', () => {
  feedbackJourneys(() => redisRuntime(ENV));
});
