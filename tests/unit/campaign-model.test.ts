// The campaign model: input validation, the lender's own text counted as approved, machine drafts only
// after approval, and which variant a recipient gets (template, session text, call).
import { describe, expect, it } from 'vitest';
import {
  approvedText,
  campaignInputSchema,
  newCampaign,
  variantFor,
  variantLangs,
  type Campaign,
} from '../../src/campaigns/campaign.js';
import { normalizeIndianNumber } from '../../src/campaigns/dnd.js';
import { approve, machineDraft } from '../../src/language/translate/draft.js';

const TEMPLATE = `HX${'c'.repeat(32)}`;
const lender = { id: 'l1', name: 'Pragati' };
const base = {
  name: 'Test',
  audience: {},
  channel: 'whatsapp',
  templates: { hi: { contentSid: TEMPLATE, variables: { '2': 'own' } } },
  variables: { '1': 'shared', '2': 'shared' },
  schedule: { start: '2026-11-22T10:00:00+05:30', end: '2026-11-29T10:00:00+05:30' },
};
const build = (input: object): Campaign =>
  newCampaign(
    campaignInputSchema.parse(input),
    lender,
    'c0000000000000001',
    Date.parse('2026-11-22T00:00:00Z'),
  );

describe('campaign input', () => {
  it('merges shared and per-template variables and reads ISO times', () => {
    const campaign = build(base);
    expect(campaign.templates.hi).toEqual({ contentSid: TEMPLATE, variables: { '1': 'shared', '2': 'own' } });
    expect(campaign.schedule.start).toBe(Date.parse('2026-11-22T04:30:00Z'));
  });

  it('names every problem', () => {
    const parsed = campaignInputSchema.safeParse({
      ...base,
      templates: {},
      messages: { xx: 'hi' },
      rateCap: -1,
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['messages.xx', 'rateCap']));
    const voice = campaignInputSchema.safeParse({ ...base, channel: 'voice' });
    expect(voice.success ? [] : voice.error.issues.map((i) => i.path.join('.'))).toEqual([
      'messages',
      'templates',
    ]);
  });
});

describe('variants', () => {
  it('gives the template outside the 24-hour window and approved text inside it', () => {
    const campaign = build({ ...base, messages: { hi: 'नमस्ते' } });
    expect(variantFor(campaign, 'hi', false)).toMatchObject({ kind: 'template' });
    expect(variantFor(campaign, 'hi', true)).toEqual({ kind: 'text', text: 'नमस्ते' });
    expect(variantFor(campaign, 'ta', true)).toBeUndefined();
  });

  it('sends a machine draft only once approved, and never a stale one', () => {
    const voice = build({ ...base, channel: 'voice', templates: {}, messages: { hi: 'नमस्ते' } });
    const draft = machineDraft('ta', 'வணக்கம்', 'नमस्ते');
    const pending: Campaign = { ...voice, drafts: [...voice.drafts, draft] };
    expect(variantFor(pending, 'ta', false)).toBeUndefined();
    expect(variantLangs(pending)).toEqual({ ready: ['hi'], awaitingApproval: ['ta'] });
    const approved: Campaign = {
      ...pending,
      drafts: [...voice.drafts, approve(draft, 'ops', '2026-11-22T05:00:00Z')],
    };
    expect(variantFor(approved, 'ta', false)).toEqual({ kind: 'call', text: 'வணக்கம்' });
    const edited: Campaign = { ...approved, source: { lang: 'hi', text: 'नमस्ते जी' } };
    expect(approvedText(edited, 'ta')).toBeUndefined();
  });
});

describe('DND numbers', () => {
  it('normalizes the usual Indian spellings and refuses the rest', () => {
    for (const spelling of [
      '9812345678',
      '09812345678',
      '+91 98123-45678',
      '919812345678',
      '0091 9812345678',
      'whatsapp:+919812345678',
    ])
      expect(normalizeIndianNumber(spelling)).toBe('+919812345678');
    for (const bad of ['12345', 'abc', '5812345678', '']) expect(normalizeIndianNumber(bad)).toBeUndefined();
  });
});
