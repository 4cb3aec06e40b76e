// Property test of the dialogue engine through the real app (embedded default: memory store): one owner
// sends an arbitrary sequence of messages — random unicode, digits, emoji, command and yes/no words of all
// twelve languages, onboarding answers, feedback — and after every message the answer is valid TwiML and
// the stored conversation re-validates: a state of the machine, a profile that passes profileSchema, a
// known language, and a version exactly one above the last (a fresh record after an erasure).
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/language/langs.js';
import { understandingData } from '../../src/language/understand/lexicon-data.js';
import { profileSchema } from '../../src/profile/profile.js';
import { testRuntime } from '../support/runtime.js';
import { inboundForm, messagesOf, post } from '../support/whatsapp.js';

const runtime = testRuntime({ SAATHI_FLOOD_PER_MINUTE: '10000' });
afterAll(async () => runtime.close());

const machine = runtime.engine.machine;
const STATES = new Set(Object.keys(machine.root.states));
const { lexicon } = understandingData();
const words = (lists: Record<string, Partial<Record<string, string[]>>>) =>
  Object.values(lists).flatMap((perLang) => Object.values(perLang).flatMap((list) => list ?? []));
const COMMAND_WORDS = words(lexicon.commands);
const ANSWER_WORDS = words(lexicon.answers);
const DELETE_DONE = new Set(LANGS.map((lang) => runtime.messages.format(lang, { key: 'delete.done' })));

const message = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMMAND_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...ANSWER_WORDS) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'hello',
      'I sell vegetables on a cart',
      'kirana dukaan',
      'सिलाई का काम',
      '226001',
      '400001',
      '3 years',
      '2 साल',
      '40000',
      '₹ 1,50,000',
      'do lakh',
      'only me',
      'money to buy stock',
      '👍 1',
      '👎 2',
      'not for me 3',
      'why 1',
      'interested 2',
      '1',
      '2',
      '3',
      '9',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.nat(100_000_000).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('🙏', '😀😀😀', '👍', '🇮🇳', '\u200d', '') },
);

let nextOwner = 0;

describe('the dialogue under arbitrary message sequences', () => {
  it('always answers TwiML and keeps a valid, versioned conversation', async () => {
    const visited = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 25 }), async (texts) => {
        const from = `whatsapp:+9170${String(10_000_000 + nextOwner++).slice(-8)}`;
        const ownerId = runtime.engine.ownerId(from);
        let version = 0;
        for (const body of texts) {
          const res = await post(runtime.app, inboundForm({ from, body }));
          expect(res.status).toBe(200);
          expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
          expect(XMLValidator.validate(res.text)).toBe(true);
          const answer = messagesOf(res.text);
          const stored = await runtime.store.load(ownerId);
          if (stored === undefined) {
            // Only an erasure removes the conversation, and it says so.
            expect(answer.some((text) => DELETE_DONE.has(text))).toBe(true);
            version = 0;
            continue;
          }
          expect(stored.version).toBe(version + 1);
          version = stored.version;
          const { state, context } = stored.record;
          expect(STATES.has(state)).toBe(true);
          visited.add(state);
          expect(profileSchema.safeParse(context.profile).success).toBe(true);
          expect(LANGS).toContain(context.lang);
        }
      }),
      { numRuns: 30 },
    );
    // The sequences got past the first question, not only into its error answers.
    expect(visited.size).toBeGreaterThanOrEqual(4);
  });
});
