// Builds a full app for tests through the real composition root, with a silent logger.
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { compose, type ComposeOverrides, type Runtime } from '../../src/main.js';
import { cleanup, connect, REDIS_URL, testPrefix } from './redis.js';

export function testRuntime(env: Record<string, string> = {}, overrides: ComposeOverrides = {}): Runtime {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  return compose(config, { log: pino({ level: 'silent' }), ...overrides });
}

/** A runtime and what ends it: closing it and, on Redis, removing every key it wrote. */
export interface TestRuntime {
  readonly runtime: Runtime;
  readonly done: () => Promise<void>;
}

/** The embedded default (no Redis). */
export function memoryRuntime(env: Record<string, string> = {}): TestRuntime {
  return { runtime: testRuntime(env), done: () => Promise.resolve() };
}

/** On the test Redis, under a prefix of its own that `done` cleans up. */
export function redisRuntime(env: Record<string, string> = {}): TestRuntime {
  const prefix = testPrefix();
  const runtime = testRuntime({ ...env, REDIS_URL }, { redisPrefix: prefix });
  return {
    runtime,
    done: async () => {
      await runtime.close();
      const redis = connect();
      await cleanup(redis, prefix);
      await redis.quit();
    },
  };
}
