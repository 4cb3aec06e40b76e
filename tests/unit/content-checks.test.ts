// The failure cases of `npm run check`: missing, stale and mismatched translations, glossary misuse,
// and invalid flows are each reported.
import { describe, expect, it } from 'vitest';
import { parseFlow, loadFlow } from '../../src/dialogue/flow.js';
import { checkGlossaryUse, type Glossary } from '../../src/i18n/glossary.js';
import { readLocaleFiles, type LocaleFiles } from '../../src/i18n/messages.js';
import { sourceHash } from '../../src/i18n/source-hash.js';
import { validateLocales } from '../../src/i18n/validate.js';

const en = { greet: 'Hello {name}!', loan: 'Your loan of {amount} is ready.' };
const files = (hi: Record<string, { text: string; sourceHash: string }>): LocaleFiles => ({
  en,
  translations: { hi },
});
const ok = (key: keyof typeof en, text: string) => ({ text, sourceHash: sourceHash(en[key]) });

describe('locale checks', () => {
  it('accepts complete, current translations', () => {
    expect(
      validateLocales(
        files({ greet: ok('greet', 'नमस्ते {name}!'), loan: ok('loan', 'आपका {amount} का लोन तैयार है।') }),
        { langs: ['en', 'hi'] },
      ),
    ).toEqual([]);
  });

  it('reports a missing translation and a missing language file', () => {
    expect(validateLocales(files({ greet: ok('greet', 'नमस्ते {name}!') }), { langs: ['en', 'hi'] })).toEqual([
      'hi: 1 missing translation(s): loan',
    ]);
    expect(validateLocales(files({}), { langs: ['en', 'ta'] })).toEqual(['ta: locales/ta.json is missing']);
  });

  it('reports a translation made from an older English text as stale', () => {
    const problems = validateLocales(
      files({
        greet: ok('greet', 'नमस्ते {name}!'),
        loan: { text: 'आपका {amount} का लोन', sourceHash: sourceHash('Your loan is ready.') },
      }),
      { langs: ['en', 'hi'] },
    );
    expect(problems).toEqual(['hi loan: stale (the English changed after it was translated)']);
  });

  it('reports placeholders that differ from the English and broken ICU syntax', () => {
    const problems = validateLocales(
      files({ greet: ok('greet', 'नमस्ते {naam}!'), loan: ok('loan', 'आपका {amount का लोन') }),
      { langs: ['en', 'hi'] },
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /hi greet: placeholders differ from English \(missing: name; unknown: naam\)/,
    );
    expect(problems[1]).toMatch(/hi loan: invalid ICU message/);
  });

  it('the shipped locales have no problem in any language', () => {
    expect(validateLocales(readLocaleFiles())).toEqual([]);
  });
});

describe('glossary use', () => {
  const glossary: Glossary = { terms: [{ id: 'loan', en: 'loan', forms: { hi: ['लोन'] } }], problems: [] };
  it('reports a translation that does not use the agreed term', () => {
    const problems = checkGlossaryUse(
      glossary,
      files({ greet: ok('greet', 'नमस्ते {name}!'), loan: ok('loan', 'आपका {amount} का ऋण तैयार है।') }),
    );
    expect(problems).toEqual(['hi loan: uses no glossary form of "loan" (लोन)']);
  });
  it('accepts the agreed term', () => {
    expect(
      checkGlossaryUse(
        glossary,
        files({ greet: ok('greet', 'नमस्ते {name}!'), loan: ok('loan', 'आपका {amount} का लोन तैयार है।') }),
      ),
    ).toEqual([]);
  });
});

describe('flow checks', () => {
  const flow = loadFlow();
  it('rejects a duplicate question, an unknown field and a choice value of the wrong type', () => {
    const first = flow.questions[0]!;
    expect(() => parseFlow({ ...flow, questions: [first, first] })).toThrow(/duplicate question/);
    expect(() => parseFlow({ ...flow, questions: [{ ...first, id: 'favouriteColour' }] })).toThrow();
    expect(() =>
      parseFlow({
        ...flow,
        questions: [
          {
            ...flow.questions.find((q) => q.id === 'udyam')!,
            choices: [{ id: 'yes', label: 'choice.yes', value: 'maybe' }],
          },
        ],
      }),
    ).toThrow(/not a valid udyam/);
    expect(() => parseFlow({ ...flow, extra: true })).toThrow();
  });
});
