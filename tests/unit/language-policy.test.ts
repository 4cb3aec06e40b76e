// The language stays put unless a clear message in another language comes in; then Saathi offers it once.
import { describe, expect, it } from 'vitest';
import { languageToOffer } from '../../src/dialogue/language-policy.js';
import { step } from '../../src/dialogue/engine.js';
import { loadFlow } from '../../src/dialogue/flow.js';
import { buildMachine } from '../../src/dialogue/machine.js';
import type { ConversationRecord } from '../../src/dialogue/store.js';
import type { InboundEvent } from '../../src/dialogue/types.js';
import { detectLanguage } from '../../src/language/detect/index.js';

const offer = (
  text: string,
  current: Parameters<typeof languageToOffer>[2],
  offered: Parameters<typeof languageToOffer>[3] = [],
) => languageToOffer(text, detectLanguage(text), current, offered);

describe('languageToOffer', () => {
  it('never moves on short or language-less messages', () => {
    for (const text of ['ok', '1', '👍', '226001', 'Ramesh Kumar', 'haan', 'thanks', '2.5 lakh', 'kirana']) {
      expect(offer(text, 'ta'), text).toBeUndefined();
    }
  });

  it('offers the language of a clear sentence in another language', () => {
    expect(offer('நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்', 'en')).toBe('ta');
    expect(offer('मैं किराना दुकान चलाता हूँ', 'en')).toBe('hi');
    expect(offer('I run a small grocery shop', 'hi')).toBe('en');
    expect(offer('mujhe apni dukaan ke liye loan chahiye', 'en')).toBe('hi');
  });

  it('offers each language once, and never the current one', () => {
    expect(offer('நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்', 'en', ['ta'])).toBeUndefined();
    expect(offer('நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்', 'ta')).toBeUndefined();
  });

  it('does not offer Urdu to a Hindi speaker typing in Latin letters, or the reverse', () => {
    expect(offer('mujhe apni dukaan ke liye loan chahiye', 'ur')).toBeUndefined();
  });
});

describe('language policy in conversation', () => {
  const flow = loadFlow();
  const deps = {
    flow,
    machine: buildMachine(flow),
    idleMs: 1e12,
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
  const msg = (text: string): InboundEvent => ({
    channel: 'whatsapp',
    messageId: 'SM1',
    from: 'whatsapp:+919800000000',
    text,
    media: [],
    receivedAt: new Date('2026-11-22T10:00:00Z'),
  });
  const run = (texts: string[]) => {
    let record: ConversationRecord | undefined;
    let last: ReturnType<typeof step> | undefined;
    for (const text of texts) {
      last = step(deps, record, msg(text));
      record = last.record;
    }
    return last!;
  };
  const said = (result: ReturnType<typeof step>) =>
    result.effects.flatMap((e) => (e.type === 'say' && e.reply.type === 'text' ? [e.reply] : []));

  it('the first message picks the language', () => {
    expect(run(['வணக்கம், எனக்கு கடன் வேண்டும்']).record.context.lang).toBe('ta');
    expect(run(['namaste, mujhe dukaan ke liye loan chahiye']).record.context.lang).toBe('hi');
  });

  it('answers in the current language, then asks once in Tamil whether to continue in Tamil', () => {
    const result = run(['hello', 'yes', 'நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்']);
    expect(result.record.context.lang).toBe('en');
    expect(result.record.context.profile.businessKind).toBe('kirana');
    const offerReply = said(result).find((reply) => reply.msg.key === 'language.offer');
    expect(offerReply?.lang).toBe('ta');
    const again = step(deps, result.record, msg('சென்னை தான் என் ஊர், அங்கே கடை இருக்கு'));
    expect(said(again).some((reply) => reply.msg.key === 'language.offer')).toBe(false);
  });

  it('switches when the owner writes the language name, and never on "ok" or a number', () => {
    const offered = run(['hello', 'yes', 'நான் ஒரு மளிகை கடை வைத்திருக்கிறேன்']);
    expect(step(deps, offered.record, msg('ok')).record.context.lang).toBe('en');
    expect(step(deps, offered.record, msg('600001')).record.context.lang).toBe('en');
    expect(step(deps, offered.record, msg('தமிழ்')).record.context.lang).toBe('ta');
  });

  it('an explicit request always wins', () => {
    expect(run(['hello', 'yes', 'Tamil mein baat karo']).record.context.lang).toBe('ta');
    expect(run(['வணக்கம்', 'talk in english']).record.context.lang).toBe('en');
  });
});
