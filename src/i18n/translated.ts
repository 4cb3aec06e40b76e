// Content that carries text per language: English required, each other language an optional
// translation of the same shape (stamped with the hash of its English source).
import type { z } from 'zod';
import type { Lang } from '../language/langs.js';

/** `{ hi: schema.optional(), bn: …, … }` for the 11 languages other than English. */
export function otherLanguages<T extends z.ZodTypeAny>(
  schema: T,
): Record<Exclude<Lang, 'en'>, z.ZodOptional<T>> {
  return {
    hi: schema.optional(),
    bn: schema.optional(),
    mr: schema.optional(),
    te: schema.optional(),
    ta: schema.optional(),
    gu: schema.optional(),
    ur: schema.optional(),
    kn: schema.optional(),
    or: schema.optional(),
    ml: schema.optional(),
    pa: schema.optional(),
  };
}
