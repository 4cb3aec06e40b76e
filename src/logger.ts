// Structured logs (pino). Phone numbers and names are redacted wherever they might appear.
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type Logger = PinoLogger;

export const REDACT_PATHS = [
  'from', 'to', 'phone', 'name', 'profileName', 'body', 'text',
  'req.body.From', 'req.body.To', 'req.body.Body', 'req.body.ProfileName', 'req.body.WaId',
  '*.from', '*.phone', '*.profileName', '*.text',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'saathi' } };
  return destination ? pino(options, destination) : pino(options);
}
