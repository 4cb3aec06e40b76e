// Personal data stays out of logs and out of Redis in the clear: a whole journey (with a malformed
// webhook and a status callback on the way) at LOG_LEVEL=trace into memory, then a dump of every key and
// value under the test prefix — neither the owner's number (in any spelling) nor their name appears.
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { compose } from '../../src/main.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { inboundForm, messageSid, owner, post } from '../support/whatsapp.js';

const NUMBER = '9876501234';
const FROM = `whatsapp:+91${NUMBER}`;
const NAME = 'Sunita Devi';
const SECRETS = [NUMBER, '98765 01234', '98765-01234', NAME, 'Sunita'];

/** Every key under `prefix` with its value(s), whatever the type, as one text. */
async function dump(redis: Redis, prefix: string): Promise<{ keys: number; text: string }> {
  const parts: string[] = [];
  let cursor = '0';
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of batch) {
      keys++;
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'zset'
              ? await redis.zrange(key, 0, -1, 'WITHSCORES')
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : `(${type})`;
      parts.push(key, JSON.stringify(value));
    }
  } while (cursor !== '0');
  return { keys, text: parts.join('\n') };
}

describeRedis('no phone numbers or names in logs or in Redis', () => {
  const redis = connect();
  const prefix = testPrefix();
  afterAll(async () => {
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('a whole journey leaves no number or name in the trace log or in a Redis dump', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace', REDIS_URL });
    const runtime = compose(config, { log: createLogger('trace', sink), redisPrefix: prefix });
    const say = owner(runtime.app, FROM, NAME);
    const script = [
      'Hello',
      'yes',
      'I run a grocery shop',
      'Lucknow',
      '6 years',
      'about 2.5 lakh a month',
      '3',
      'no',
      'yes',
      'I need a new machine',
      '3 lakh',
      'yes',
      'yes please',
      'menu',
    ];
    for (const text of script) await say(text);
    // A malformed webhook and a status callback are logged too.
    expect(
      (
        await post(
          runtime.app,
          inboundForm({ from: `whatsapp:+91${NUMBER}x`, body: 'hi', profileName: NAME }),
        )
      ).status,
    ).toBe(400);
    await request(runtime.app)
      .post('/twilio/whatsapp/status')
      .type('form')
      .send({ MessageSid: messageSid(), MessageStatus: 'delivered', To: FROM });
    runtime.log.info({ inbound: { From: FROM, ProfileName: NAME } }, `debugging ${FROM}`);
    await runtime.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(log).not.toContain(secret);

    const { keys, text } = await dump(redis, prefix);
    expect(keys).toBeGreaterThan(script.length);
    expect(text).toContain('v1.');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
