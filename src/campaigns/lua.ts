// Runs Lua scripts by their SHA1 (EVALSHA), loading the text once when Redis does not know it yet.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type RunScript = (
  lua: string,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

export function scriptRunner(redis: Redis): RunScript {
  const shas = new Map<string, string>();
  return async (lua, keys, args) => {
    let sha = shas.get(lua);
    if (sha === undefined) {
      sha = createHash('sha1').update(lua).digest('hex');
      shas.set(lua, sha);
    }
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
