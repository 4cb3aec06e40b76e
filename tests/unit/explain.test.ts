// "Why this?" comes from the rules and signals that produced the suggestion, and the feedback words an
// owner types next to an item's number are read in any order and script.
import { describe, expect, it } from 'vitest';
import { readFeedback, replyAbout } from '../../src/dialogue/interpret.js';
import { loadCatalog } from '../../src/personalize/catalog.js';
import { explainItem } from '../../src/personalize/explain.js';
import { POPULAR_REASON } from '../../src/personalize/ranker.js';
import type { Profile } from '../../src/profile/profile.js';

const catalog = loadCatalog();
const item = (id: string) => {
  const found = catalog.byId.get(id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

describe('explainItem', () => {
  const founder: Profile = {
    businessKind: 'tailor',
    sector: 'manufacturing',
    yearsInBusiness: 0,
    monthlySales: 100000,
    need: 'start_new',
    amount: 1500000,
    gender: 'female',
    udyam: false,
  };

  it('says a group scheme is set aside for owners like this one without naming the group', () => {
    const msgs = explainItem(item('stand-up-india'), founder);
    expect(msgs.map((m) => m.key)).toContain('why.group');
    expect(msgs.map((m) => m.key)).toContain('reason.new_business');
    expect(JSON.stringify(msgs)).not.toMatch(/female|gender|sc|st\b/);
  });

  it('gives every reason the scorer found, not only the three shown, and the amount limit', () => {
    const vendor: Profile = {
      businessKind: 'street_vendor',
      sector: 'trade',
      yearsInBusiness: 3,
      need: 'working_capital',
      amount: 15000,
      udyam: false,
    };
    const keys = explainItem(item('pm-svanidhi'), vendor).map((m) => m.key);
    expect(keys).toEqual(
      expect.arrayContaining(['reason.trade', 'reason.need_amount', 'reason.amount_fits']),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the learned signal only when it was given at show time', () => {
    const vendor: Profile = { businessKind: 'street_vendor', sector: 'trade', yearsInBusiness: 3 };
    expect(explainItem(item('pm-svanidhi'), vendor).map((m) => m.key)).not.toContain(POPULAR_REASON);
    expect(explainItem(item('pm-svanidhi'), vendor, [{ key: POPULAR_REASON }]).map((m) => m.key)).toContain(
      POPULAR_REASON,
    );
  });

  it('says when conditions could not be checked from the answers', () => {
    expect(explainItem(item('stand-up-india'), { need: 'start_new' }).map((m) => m.key)).toContain(
      'why.unsure',
    );
  });
});

describe('replyAbout', () => {
  const context = { shown: [1, 2, 3].map((rank) => ({ id: `item-${rank}`, rank, reasons: [] })) };
  it.each([
    ['number 2 looks good, how do I apply?', 2],
    ['3 ke liye kya karna hoga', 3],
  ])('%s names item %i', (text, rank) => {
    expect(replyAbout(text, context)).toBe(rank);
  });
  it.each(['2', 'ok 7 please', '1 and 2 both', 'thank you'])('%s names no item', (text) => {
    expect(replyAbout(text, context)).toBeUndefined();
  });
});

describe('readFeedback', () => {
  it.each([
    ['why 2', { kind: 'why', rank: 2 }],
    ['2 why', { kind: 'why', rank: 2 }],
    ['👍 1', { kind: 'like', rank: 1 }],
    ['👍1', { kind: 'like', rank: 1 }],
    ['👎', { kind: 'dislike' }],
    ['not for me 3', { kind: 'not_for_me', rank: 3 }],
    ['interested in 1', { kind: 'interested', rank: 1 }],
    ['क्यों २', { kind: 'why', rank: 2 }],
    ['mere liye nahi 3', { kind: 'not_for_me', rank: 3 }],
  ])('%s', (text, expected) => {
    expect(readFeedback(text)).toEqual(expected);
  });

  it.each(['2', '12', 'more', 'why 1 2', 'hello'])('%s is not feedback', (text) => {
    expect(readFeedback(text)).toBeUndefined();
  });
});
