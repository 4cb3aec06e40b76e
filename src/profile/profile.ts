// The owner's business profile: what the onboarding questions fill in, and what eligibility rules read.
import { z } from 'zod';

export const SECTORS = ['manufacturing', 'trade', 'services'] as const;
export type Sector = (typeof SECTORS)[number];

export const NEEDS = ['working_capital', 'machinery', 'expand', 'start_new', 'digital', 'learn'] as const;
export type Need = (typeof NEEDS)[number];

/** Indian state / union territory codes (ISO 3166-2:IN suffixes). */
export const STATE_CODES = [
  'AN',
  'AP',
  'AR',
  'AS',
  'BR',
  'CH',
  'CT',
  'DH',
  'DL',
  'GA',
  'GJ',
  'HP',
  'HR',
  'JH',
  'JK',
  'KA',
  'KL',
  'LA',
  'LD',
  'MH',
  'ML',
  'MN',
  'MP',
  'MZ',
  'NL',
  'OR',
  'PB',
  'PY',
  'RJ',
  'SK',
  'TG',
  'TN',
  'TR',
  'UP',
  'UT',
  'WB',
] as const;
export type StateCode = (typeof STATE_CODES)[number];

export const AREAS = ['rural', 'urban'] as const;
export const GENDERS = ['female', 'male', 'other'] as const;
export const SOCIAL_CATEGORIES = ['general', 'sc', 'st', 'obc', 'minority'] as const;

/**
 * Asked only with a reason, used only to check eligibility for schemes aimed at a group (Stand-Up India,
 * PMEGP special categories, CGTMSE cover for women) — never as a ranking signal.
 */
export const SENSITIVE_FIELDS = ['gender', 'socialCategory'] as const;

export const profileSchema = z
  .object({
    /** id of an entry in content/business-kinds.json */
    businessKind: z.string().min(1),
    sector: z.enum(SECTORS),
    subSector: z.string().min(1),
    pin: z.string().regex(/^[1-9][0-9]{5}$/),
    state: z.enum(STATE_CODES),
    /** free place name as the owner gave it (city / district) */
    place: z.string().max(80),
    location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
    /** whole years; 0 means the business has not started yet or is under a year old */
    yearsInBusiness: z.number().min(0).max(100),
    /** rupees per month */
    monthlySales: z.number().min(0).max(1e11),
    workers: z.number().int().min(0).max(100_000),
    udyam: z.boolean(),
    gst: z.boolean(),
    need: z.enum(NEEDS),
    /** rupees needed */
    amount: z.number().min(0).max(1e11),
    district: z.string().min(1).max(80),
    area: z.enum(AREAS),
    /** takes payments by UPI, card or bank transfer */
    digitalPayments: z.boolean(),
    /** has a business loan running now */
    hasLoan: z.boolean(),
    /** has repaid (or is repaying) loans on time */
    repaysOnTime: z.boolean(),
    /** has fully repaid a MUDRA Tarun loan (the condition for Tarun Plus) */
    repaidTarun: z.boolean(),
    gender: z.enum(GENDERS),
    socialCategory: z.enum(SOCIAL_CATEGORIES),
  })
  .partial()
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type ProfileField = keyof Profile;

const profileFields: Readonly<Record<string, z.ZodTypeAny>> = profileSchema.shape;

/**
 * `fields` checked against the profile schema one field at a time: the same verdict and output as
 * `profileSchema.safeParse` (an unknown field fails, as the schema is strict), without walking all of the
 * schema's fields for the one or two an answer fills (this runs on every answer).
 */
export function parseProfileFields(fields: Readonly<Record<string, unknown>>): Profile | undefined {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const field = Object.hasOwn(profileFields, key) ? profileFields[key] : undefined;
    if (field === undefined) return undefined;
    const parsed = field.safeParse(fields[key]);
    if (!parsed.success) return undefined;
    out[key] = parsed.data;
  }
  return out;
}
