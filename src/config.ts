// The only reader of process.env: validates the environment once and hands out a frozen Config.
import { z } from 'zod';

const emptyAsUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());

const SEND_WINDOW = /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/;

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_WHATSAPP_FROM: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  TWILIO_API_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Caller number for outbound voice calls (default: TWILIO_WHATSAPP_FROM without `whatsapp:`). */
  TWILIO_VOICE_FROM: optionalString,
  /** How long one Twilio REST request may take before it counts as a retryable failure. */
  TWILIO_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(100).max(120_000).default(10_000),
  ),
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
  SAATHI_MAX_BODY_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
  ),
  /** Directory of synthesized voice prompts (content-hash file names). */
  SAATHI_AUDIO_DIR: z.preprocess(emptyAsUndefined, z.string().default('.cache/audio')),
  /** Prefix of every Redis key (one deployment or test per prefix). */
  SAATHI_REDIS_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/)
      .default('saathi:'),
  ),
  /** Messages per number per minute before a polite "slow down" (docs/security.md). */
  SAATHI_FLOOD_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(10_000).default(20),
  ),
  /** Keys retired by a rotation, comma-separated (same format as SAATHI_DATA_KEY); still opened, never sealed with. */
  SAATHI_DATA_KEYS_OLD: optionalString,
  /** Key of the owner-id hash; never rotates. Required with SAATHI_DATA_KEYS_OLD (set it to the original data key). */
  SAATHI_HASH_KEY: optionalString,
  /** Bearer token of the operator's admin API (/admin/v1: owner export and erasure); unset, it does not exist. */
  SAATHI_ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
      .regex(/^\S+$/, 'must not contain spaces')
      .optional(),
  ),
  /** Conversations without a turn for this many days are deleted. */
  SAATHI_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(180)),
  /** How often the retention sweep runs (once per period across all instances when Redis is used). */
  SAATHI_RETENTION_SWEEP_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(10_080).default(60),
  ),
  /** A message not answered within this many ms is answered by REST by the recovery loop (Twilio waits 15 s). */
  SAATHI_INBOX_GRACE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).default(15_000)),
  SAATHI_RECOVERY_INTERVAL_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(50).default(5_000)),
  /** Campaign sends per second per WhatsApp sender (Twilio's default 80); 0 = no limit. */
  SAATHI_SEND_RATE: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(10_000).default(80)),
  /** Campaign calls per second (Twilio's default 1 CPS); 0 = no limit. */
  SAATHI_CALL_RATE: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(1_000).default(1)),
  /** Campaign sending windows, IST; voice is always kept inside TRAI's 10:00-21:00. */
  SAATHI_QUIET_HOURS_WHATSAPP: z.preprocess(
    emptyAsUndefined,
    z.string().regex(SEND_WINDOW, 'must be HH:MM-HH:MM').default('10:00-21:00'),
  ),
  SAATHI_QUIET_HOURS_VOICE: z.preprocess(
    emptyAsUndefined,
    z.string().regex(SEND_WINDOW, 'must be HH:MM-HH:MM').default('10:00-21:00'),
  ),
  /** Marketing messages per owner across all lenders, e.g. 2/7d (units s, m, h, d). */
  SAATHI_FREQUENCY_CAP: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d+\/\d+[smhd]$/, 'must look like 2/7d')
      .default('2/7d'),
  ),
  /** Campaign workers started inside `npm start` (0 = run them with `npm run worker`). */
  SAATHI_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(64).default(0)),
  /** Campaign jobs in flight per campaign and worker. */
  SAATHI_WORKER_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1_000).default(50),
  ),
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
    readonly voiceFrom: string | undefined;
    readonly timeoutMs: number;
  };
  readonly googleProject: string | undefined;
  readonly translateLocation: string | undefined;
  readonly translateGlossary: string | undefined;
  /** 32-byte key for AES-256-GCM and keyed hashes; undefined means a development key is used. */
  readonly dataKey: Buffer | undefined;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly idleDays: number;
  readonly maxBodyBytes: number;
  /** SAATHI_AUDIO_DIR: where synthesized voice prompts are cached on disk. */
  readonly audioDir: string;
  readonly redisPrefix: string;
  readonly floodPerMinute: number;
  /** Retired data keys: values sealed with them still open; `npm run keys -- rotate` reseals them. */
  readonly oldDataKeys: readonly Buffer[];
  /** Key of the owner-id hash (stable across rotations); undefined: derived from the data key. */
  readonly hashKey: Buffer | undefined;
  /** SAATHI_ADMIN_TOKEN: the admin API's bearer token; undefined = no admin API. */
  readonly adminToken: string | undefined;
  readonly retentionDays: number;
  readonly retentionSweepMinutes: number;
  readonly inboxGraceMs: number;
  readonly recoveryIntervalMs: number;
  readonly campaigns: {
    readonly sendRate: number;
    readonly callRate: number;
    readonly quietHoursWhatsapp: string;
    readonly quietHoursVoice: string;
    readonly frequencyCap: string;
    readonly workers: number;
    readonly concurrency: number;
  };
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
      throw new ConfigError(
        `NODE_ENV=production needs ${missing.join(', ')}; refusing to start without them.`,
      );
    }
    if (env.PUBLIC_BASE_URL === undefined) {
      throw new ConfigError('NODE_ENV=production needs PUBLIC_BASE_URL to verify Twilio signatures.');
    }
  }
  const key = env.SAATHI_DATA_KEY;
  const { oldDataKeys, hashKey } = rotationKeys(env);
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
      voiceFrom: env.TWILIO_VOICE_FROM,
      timeoutMs: env.TWILIO_TIMEOUT_MS,
    }),
    googleProject: env.GOOGLE_CLOUD_PROJECT,
    translateLocation: env.SAATHI_TRANSLATE_LOCATION,
    translateGlossary: env.SAATHI_TRANSLATE_GLOSSARY,
    dataKey: key === undefined ? undefined : Buffer.from(key, key.length === 64 ? 'hex' : 'base64'),
    logLevel: env.LOG_LEVEL,
    idleDays: env.SAATHI_IDLE_DAYS,
    maxBodyBytes: env.SAATHI_MAX_BODY_BYTES,
    audioDir: env.SAATHI_AUDIO_DIR,
    redisPrefix: env.SAATHI_REDIS_PREFIX,
    floodPerMinute: env.SAATHI_FLOOD_PER_MINUTE,
    oldDataKeys,
    hashKey,
    adminToken: env.SAATHI_ADMIN_TOKEN,
    retentionDays: env.SAATHI_RETENTION_DAYS,
    retentionSweepMinutes: env.SAATHI_RETENTION_SWEEP_MINUTES,
    inboxGraceMs: env.SAATHI_INBOX_GRACE_MS,
    recoveryIntervalMs: env.SAATHI_RECOVERY_INTERVAL_MS,
    campaigns: Object.freeze({
      sendRate: env.SAATHI_SEND_RATE,
      callRate: env.SAATHI_CALL_RATE,
      quietHoursWhatsapp: env.SAATHI_QUIET_HOURS_WHATSAPP,
      quietHoursVoice: env.SAATHI_QUIET_HOURS_VOICE,
      frequencyCap: env.SAATHI_FREQUENCY_CAP,
      workers: env.SAATHI_WORKERS,
      concurrency: env.SAATHI_WORKER_CONCURRENCY,
    }),
  });
}

const KEY_FORMAT = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;
const keyBytes = (text: string): Buffer => Buffer.from(text, text.length === 64 ? 'hex' : 'base64');

/** Old data keys and the hash key, checked: once a key was rotated, the hash key must be pinned. */
function rotationKeys(env: Env): { oldDataKeys: Buffer[]; hashKey: Buffer | undefined } {
  const old = (env.SAATHI_DATA_KEYS_OLD ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = [...old, ...(env.SAATHI_HASH_KEY ? [env.SAATHI_HASH_KEY] : [])].filter(
    (text) => !KEY_FORMAT.test(text),
  );
  if (bad.length > 0)
    throw new ConfigError(
      'SAATHI_DATA_KEYS_OLD and SAATHI_HASH_KEY hold 32-byte keys (64 hex characters or base64)',
    );
  if (old.length > 0 && env.SAATHI_HASH_KEY === undefined) {
    throw new ConfigError(
      'SAATHI_DATA_KEYS_OLD needs SAATHI_HASH_KEY (the original data key), or owner ids would change',
    );
  }
  return {
    oldDataKeys: old.map(keyBytes),
    hashKey: env.SAATHI_HASH_KEY === undefined ? undefined : keyBytes(env.SAATHI_HASH_KEY),
  };
}
