// Text made to be heard: amounts the Indian way in each language ("2 lakh 50 thousand rupees"), and
// written-only marks (emoji, bullets, markdown, arrows) taken out before a voice reads a message.
import type { Lang } from '../language/langs.js';

interface AmountWords {
  readonly thousand: string;
  readonly lakh: string;
  readonly crore: string;
  readonly rupees: string;
}

const WORDS: Readonly<Record<Lang, AmountWords>> = {
  en: { thousand: 'thousand', lakh: 'lakh', crore: 'crore', rupees: 'rupees' },
  hi: { thousand: 'हज़ार', lakh: 'लाख', crore: 'करोड़', rupees: 'रुपये' },
  bn: { thousand: 'হাজার', lakh: 'লাখ', crore: 'কোটি', rupees: 'টাকা' },
  mr: { thousand: 'हजार', lakh: 'लाख', crore: 'कोटी', rupees: 'रुपये' },
  te: { thousand: 'వేల', lakh: 'లక్షల', crore: 'కోట్ల', rupees: 'రూపాయలు' },
  ta: { thousand: 'ஆயிரம்', lakh: 'லட்சம்', crore: 'கோடி', rupees: 'ரூபாய்' },
  gu: { thousand: 'હજાર', lakh: 'લાખ', crore: 'કરોડ', rupees: 'રૂપિયા' },
  ur: { thousand: 'ہزار', lakh: 'لاکھ', crore: 'کروڑ', rupees: 'روپے' },
  kn: { thousand: 'ಸಾವಿರ', lakh: 'ಲಕ್ಷ', crore: 'ಕೋಟಿ', rupees: 'ರೂಪಾಯಿ' },
  or: { thousand: 'ହଜାର', lakh: 'ଲକ୍ଷ', crore: 'କୋଟି', rupees: 'ଟଙ୍କା' },
  ml: { thousand: 'ആയിരം', lakh: 'ലക്ഷം', crore: 'കോടി', rupees: 'രൂപ' },
  pa: { thousand: 'ਹਜ਼ਾਰ', lakh: 'ਲੱਖ', crore: 'ਕਰੋੜ', rupees: 'ਰੁਪਏ' },
};

/** An amount as people say it: 250000 → "2 lakh 50 thousand rupees" (in the language's words). */
export function spokenAmount(amount: number, lang: Lang): string {
  const words = WORDS[lang];
  let rest = Math.round(Math.abs(amount));
  const parts: string[] = [];
  const take = (unit: number, word: string) => {
    const count = Math.floor(rest / unit);
    if (count > 0) parts.push(`${count} ${word}`);
    rest -= count * unit;
  };
  take(1e7, words.crore);
  take(1e5, words.lakh);
  take(1e3, words.thousand);
  if (rest > 0 || parts.length === 0) parts.push(String(rest));
  return `${parts.join(' ')} ${words.rupees}`;
}

/** Beginnings of the words written after an amount for lakh and crore, in every language's locale text. */
const LAKH_STEMS = ['lakh', 'लाख', 'লাখ', 'లక్ష', 'லட்ச', 'લાખ', 'لاکھ', 'ಲಕ್ಷ', 'ଲକ୍ଷ', 'ലക്ഷ', 'ਲੱਖ'];
const CRORE_STEMS = [
  'crore',
  'करोड़',
  'कोटी',
  'কোটি',
  'కోట్',
  'கோடி',
  'કરોડ',
  'کروڑ',
  'ಕೋಟಿ',
  'କୋଟି',
  'കോടി',
  'ਕਰੋੜ',
];

const RUPEE_AMOUNT = /₹\s?(\d[\d,]*(?:\.\d+)?)(\s?[^\s\d.,;:!?()]+)?/gu;

/** Replaces every written amount ("₹50,000", "₹2.5 lakh", "₹2 लाख") by its spoken form. */
export function speakAmounts(text: string, lang: Lang): string {
  return text.replace(RUPEE_AMOUNT, (_match, number: string, word: string | undefined) => {
    const value = Number(number.replace(/,/g, ''));
    const unit = word?.trim() ?? '';
    const lower = unit.toLowerCase();
    if (unit !== '' && LAKH_STEMS.some((stem) => lower.startsWith(stem)))
      return spokenAmount(value * 1e5, lang);
    if (unit !== '' && CRORE_STEMS.some((stem) => lower.startsWith(stem)))
      return spokenAmount(value * 1e7, lang);
    return `${spokenAmount(value, lang)}${word ?? ''}`;
  });
}

/** Marks that mean something on a screen and nothing aloud. */
const VISUAL = /\p{Extended_Pictographic}|\u{FE0F}|[→•*_“”"]/gu;

/** A message ready for a voice: amounts spoken, visual marks dropped, lines joined into sentences. */
export function forSpeech(text: string, lang: Lang): string {
  const spoken = speakAmounts(text, lang).replace(VISUAL, ' ');
  return spoken
    .split(/\n+/)
    .map((line) =>
      line
        .replace(/\s+/g, ' ')
        .replace(/\(\s*\)/g, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .map((line) => (/[.?!।؟॥:]$/u.test(line) ? line : `${line}.`))
    .join(' ');
}
