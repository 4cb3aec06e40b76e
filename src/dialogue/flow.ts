// Flow definitions (flows/*.json): the questions of a conversation as validated data.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LANGS, type Lang } from '../language/langs.js';
import { profileSchema, type ProfileField } from '../profile/profile.js';
import { ruleSchema, type Rule } from '../personalize/rules.js';

export const ANSWER_TYPES = ['businessKind', 'place', 'years', 'amount', 'count', 'yesno', 'choice'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

const messageKey = z.string().regex(/^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)*$/, 'a message key like q.years');

const matchSchema = z
  .object(Object.fromEntries(LANGS.map((lang) => [lang, z.array(z.string().min(1)).optional()])))
  .strict() as z.ZodType<Partial<Record<Lang, string[]>>>;

const choiceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    label: messageKey,
    value: z.union([z.string(), z.number(), z.boolean()]),
    /** Words that pick this choice when written freely, per language. */
    match: matchSchema.optional(),
  })
  .strict();

const questionSchema = z
  .object({
    id: z.enum(Object.keys(profileSchema.shape) as [ProfileField, ...ProfileField[]]),
    answer: z.enum(ANSWER_TYPES),
    prompt: messageKey,
    retry: messageKey,
    /** Ask only when this rule holds for the profile so far. */
    when: ruleSchema.optional(),
    choices: z.array(choiceSchema).max(10),
  })
  .strict();

export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
    version: z.number().int().positive(),
    description: z.string(),
    questions: z.array(questionSchema).min(1),
  })
  .strict()
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    for (const [index, question] of flow.questions.entries()) {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `duplicate question ${question.id}`,
        });
      }
      seen.add(question.id);
      if (question.answer === 'choice' && question.choices.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index],
          message: 'a choice question needs choices',
        });
      }
      const ids = new Set(question.choices.map((choice) => choice.id));
      if (ids.size !== question.choices.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'choices'],
          message: 'duplicate choice ids',
        });
      }
      for (const choice of question.choices) {
        const fields = profileSchema.safeParse({ [question.id]: choice.value });
        if (!fields.success) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', index, 'choices', choice.id],
            message: `value ${JSON.stringify(choice.value)} is not a valid ${question.id}`,
          });
        }
      }
    }
  });

export type Flow = z.infer<typeof flowSchema>;
export type Question = Flow['questions'][number];
export type FlowChoice = Question['choices'][number];
export type { Rule };

export const FLOWS_DIR = new URL('../../flows/', import.meta.url);

export function parseFlow(data: unknown): Flow {
  return flowSchema.parse(data);
}

export function loadFlow(id = 'onboarding'): Flow {
  return parseFlow(JSON.parse(readFileSync(new URL(`${id}.json`, FLOWS_DIR), 'utf8')));
}
