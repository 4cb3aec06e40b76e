// Indian number formatting for amounts in every language: ₹50,000 below a lakh, "₹2.5 lakh" above.
import type { Lang } from '../language/langs.js';

const LAKH: Readonly<Record<Lang, string>> = {
  en: 'lakh',
  hi: 'लाख',
  bn: 'লাখ',
  mr: 'लाख',
  te: 'లక్షలు',
  ta: 'லட்சம்',
  gu: 'લાખ',
  ur: 'لاکھ',
  kn: 'ಲಕ್ಷ',
  or: 'ଲକ୍ଷ',
  ml: 'ലക്ഷം',
  pa: 'ਲੱਖ',
};
const CRORE: Readonly<Record<Lang, string>> = {
  en: 'crore',
  hi: 'करोड़',
  bn: 'কোটি',
  mr: 'कोटी',
  te: 'కోట్లు',
  ta: 'கோடி',
  gu: 'કરોડ',
  ur: 'کروڑ',
  kn: 'ಕೋಟಿ',
  or: 'କୋଟି',
  ml: 'കോടി',
  pa: 'ਕਰੋੜ',
};

const grouping = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });

/** `₹2,50,000` style grouping with Latin digits, as Indian banks and apps write it. */
export function formatRupees(amount: number): string {
  return `₹${grouping.format(Math.round(amount))}`;
}

/** Amount the way people say it: "₹50,000", "₹2.5 lakh", "₹1.2 crore" (lakh/crore in the language). */
export function formatAmount(amount: number, lang: Lang): string {
  if (!Number.isFinite(amount)) return '';
  if (amount >= 1e7) return `₹${decimal.format(amount / 1e7)} ${CRORE[lang]}`;
  if (amount >= 1e5) return `₹${decimal.format(amount / 1e5)} ${LAKH[lang]}`;
  return formatRupees(amount);
}
