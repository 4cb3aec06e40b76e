// The fields an eligibility rule can test: the profile's answers plus values derived from them
// (annualTurnover, sizeClass, isNewBusiness), and how a rule reads them from a profile.
import {
  AREAS,
  GENDERS,
  NEEDS,
  SECTORS,
  SOCIAL_CATEGORIES,
  STATE_CODES,
  type Profile,
  type ProfileField,
} from '../profile/profile.js';

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/**
 * Udyam TURNOVER ceilings in rupees a year, from 1 April 2025 (S.O. 1364(E), 21 Mar 2025). The law needs
 * both the investment and the turnover limit to hold; Saathi does not ask for investment, so `sizeClass`
 * is decided by turnover alone (annualTurnover = monthlySales × 12).
 */
export const TURNOVER_LIMITS = { micro: 10_00_00_000, small: 100_00_00_000, medium: 500_00_00_000 } as const;

export const DERIVED_FIELDS = ['annualTurnover', 'sizeClass', 'isNewBusiness'] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];
export type RuleField = ProfileField | DerivedField;

export type FieldType =
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'text' }
  | { readonly type: 'number' }
  | { readonly type: 'boolean' }
  | { readonly type: 'place' };

/** What each field holds; every profile field must appear here (the Record type enforces it). */
export const FIELD_TYPES: Readonly<Record<RuleField, FieldType>> = {
  businessKind: { type: 'text' },
  sector: { type: 'enum', values: SECTORS },
  subSector: { type: 'text' },
  pin: { type: 'text' },
  state: { type: 'enum', values: STATE_CODES },
  place: { type: 'text' },
  location: { type: 'place' },
  yearsInBusiness: { type: 'number' },
  monthlySales: { type: 'number' },
  workers: { type: 'number' },
  udyam: { type: 'boolean' },
  gst: { type: 'boolean' },
  need: { type: 'enum', values: NEEDS },
  amount: { type: 'number' },
  district: { type: 'text' },
  area: { type: 'enum', values: AREAS },
  digitalPayments: { type: 'boolean' },
  hasLoan: { type: 'boolean' },
  repaysOnTime: { type: 'boolean' },
  repaidTarun: { type: 'boolean' },
  gender: { type: 'enum', values: GENDERS },
  socialCategory: { type: 'enum', values: SOCIAL_CATEGORIES },
  annualTurnover: { type: 'number' },
  sizeClass: { type: 'enum', values: SIZE_CLASSES },
  isNewBusiness: { type: 'boolean' },
};
export const RULE_FIELDS = Object.keys(FIELD_TYPES) as [RuleField, ...RuleField[]];

export type RuleValue = string | number | boolean;
export function sizeClassOf(annualTurnover: number): SizeClass {
  if (annualTurnover <= TURNOVER_LIMITS.micro) return 'micro';
  if (annualTurnover <= TURNOVER_LIMITS.small) return 'small';
  if (annualTurnover <= TURNOVER_LIMITS.medium) return 'medium';
  return 'large';
}

/** The value a rule sees for a field: profile answers, or derived from them; undefined = not answered. */
export function fieldValue(profile: Profile, name: RuleField): RuleValue | undefined {
  switch (name) {
    case 'annualTurnover':
      return profile.monthlySales === undefined ? undefined : profile.monthlySales * 12;
    case 'sizeClass':
      return profile.monthlySales === undefined ? undefined : sizeClassOf(profile.monthlySales * 12);
    case 'isNewBusiness':
      return profile.yearsInBusiness === undefined ? undefined : profile.yearsInBusiness === 0;
    case 'location':
      return profile.location === undefined ? undefined : `${profile.location.lat},${profile.location.lng}`;
    default:
      return profile[name];
  }
}
