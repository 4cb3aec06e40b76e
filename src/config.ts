// The only reader of process.env: validates the environment once and hands out a frozen Config.
import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  REDIS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_WHATSAPP_FROM: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_API_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  GOOGLE_CLOUD_PROJECT: optionalString,
  /** Cloud Translation location; a glossary needs a regional one (default us-central1 then). */
  SAATHI_TRANSLATE_LOCATION: optionalString,
  /** Id of a Cloud Translation glossary made from content/glossary/. */
  SAATHI_TRANSLATE_GLOSSARY: optionalString,
  SAATHI_DATA_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex characters or base64')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /** Days of silence after which a conversation restarts politely. */
  SAATHI_IDLE_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(7)),
  /** Largest accepted webhook body, in bytes. */
  SAATHI_MAX_BODY_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(64 * 1024)),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly publicBaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly twilio: {
    readonly accountSid: string | undefined;
    readonly authToken: string | undefined;
    readonly whatsappFrom: string | undefined;
    readonly messagingServiceSid: string | undefined;
    readonly apiBaseUrl: string | undefined;
  };
  readonly googleProject: string | undefined;
  readonly translateLocation: string | undefined;
  readonly translateGlossary: string | undefined;
  /** 32-byte key for AES-256-GCM and keyed hashes; undefined means a development key is used. */
  readonly dataKey: Buffer | undefined;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly idleDays: number;
  readonly maxBodyBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const REQUIRED_IN_PRODUCTION = ['TWILIO_AUTH_TOKEN', 'REDIS_URL', 'SAATHI_DATA_KEY'] as const;

/** Parses an environment (default: process.env). Throws ConfigError naming every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => env[name] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(`NODE_ENV=production needs ${missing.join(', ')}; refusing to start without them.`);
    }
    if (env.PUBLIC_BASE_URL === undefined) {
      throw new ConfigError('NODE_ENV=production needs PUBLIC_BASE_URL to verify Twilio signatures.');
    }
  }
  const key = env.SAATHI_DATA_KEY;
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    redisUrl: env.REDIS_URL,
    twilio: Object.freeze({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      whatsappFrom: env.TWILIO_WHATSAPP_FROM,
      messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
    }),
    googleProject: env.GOOGLE_CLOUD_PROJECT,
    translateLocation: env.SAATHI_TRANSLATE_LOCATION,
    translateGlossary: env.SAATHI_TRANSLATE_GLOSSARY,
    dataKey: key === undefined ? undefined : Buffer.from(key, key.length === 64 ? 'hex' : 'base64'),
    logLevel: env.LOG_LEVEL,
    idleDays: env.SAATHI_IDLE_DAYS,
    maxBodyBytes: env.SAATHI_MAX_BODY_BYTES,
  });
}
