// The twelve languages Saathi speaks, their names, scripts and voice tags.

export const LANGS = ['en', 'hi', 'bn', 'mr', 'te', 'ta', 'gu', 'ur', 'kn', 'or', 'ml', 'pa'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Unicode script each language is natively written in. */
export type Script =
  'Latn' | 'Deva' | 'Beng' | 'Telu' | 'Taml' | 'Gujr' | 'Arab' | 'Knda' | 'Orya' | 'Mlym' | 'Guru';

export const NATIVE_SCRIPT: Readonly<Record<Lang, Script>> = {
  en: 'Latn',
  hi: 'Deva',
  bn: 'Beng',
  mr: 'Deva',
  te: 'Telu',
  ta: 'Taml',
  gu: 'Gujr',
  ur: 'Arab',
  kn: 'Knda',
  or: 'Orya',
  ml: 'Mlym',
  pa: 'Guru',
};

/** Each language's name written in that language (for menus). */
export const ENDONYM: Readonly<Record<Lang, string>> = {
  en: 'English',
  hi: 'हिन्दी',
  bn: 'বাংলা',
  mr: 'मराठी',
  te: 'తెలుగు',
  ta: 'தமிழ்',
  gu: 'ગુજરાતી',
  ur: 'اردو',
  kn: 'ಕನ್ನಡ',
  or: 'ଓଡ଼ିଆ',
  ml: 'മലയാളം',
  pa: 'ਪੰਜਾਬੀ',
};

/** BCP-47 tags used for Intl formatting. */
export const LOCALE_TAG: Readonly<Record<Lang, string>> = {
  en: 'en-IN',
  hi: 'hi-IN',
  bn: 'bn-IN',
  mr: 'mr-IN',
  te: 'te-IN',
  ta: 'ta-IN',
  gu: 'gu-IN',
  ur: 'ur-IN',
  kn: 'kn-IN',
  or: 'or-IN',
  ml: 'ml-IN',
  pa: 'pa-IN',
};
