// Builds a full app for tests through the real composition root, with a silent logger.
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { compose, type ComposeOverrides, type Runtime } from '../../src/main.js';

export function testRuntime(env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Runtime {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  return compose(config, { log: pino({ level: 'silent' }), ...overrides });
}
