// Key rotation: values sealed with key A still open once B is current (A listed as old), owner ids do not
// move (the hash key is pinned), `rekey` reseals everything in Redis under B — strings, hash fields, list
// items, set and sorted-set members, TTLs kept — without ever overwriting a concurrent write, and after it
// a sealer that knows only B opens every value.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { rekey } from '../../src/adapters/rekey.js';
import { createSealer, isSealed, sealedKeyId, type Sealer } from '../../src/adapters/sealer.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { testRuntime } from '../support/runtime.js';
import { owner } from '../support/whatsapp.js';

const A = randomBytes(32);
const B = randomBytes(32);
const hex = (key: Buffer) => key.toString('hex');

describe('sealer with old keys', () => {
  it('opens values sealed with an old key, seals only with the current one, keeps the hash stable', () => {
    const before = createSealer(A);
    const after = createSealer(B, { oldKeys: [A], hashKey: A });
    const sealed = before.seal('Sunita, +919812345678');
    expect(after.open(sealed)).toBe('Sunita, +919812345678');
    expect(sealedKeyId(after.seal('x'))).toBe(after.keyId);
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.hash('+919812345678')).toBe(before.hash('+919812345678'));
    // Without the pinned hash key, every owner id would change: the reason config insists on it.
    expect(createSealer(B, { oldKeys: [A] }).hash('+919812345678')).not.toBe(before.hash('+919812345678'));
    expect(() => createSealer(B).open(sealed)).toThrow(/another key/);
  });

  it('recognises sealed envelopes', () => {
    expect(isSealed(createSealer(A).seal('x'))).toBe(true);
    expect(isSealed(createSealer(A).seal(''))).toBe(true);
    expect(isSealed('v1.not-sealed')).toBe(false);
    expect(isSealed('{"json":true}')).toBe(false);
  });
});

describe('rotation configuration', () => {
  it('refuses old keys without a pinned hash key, and malformed keys', () => {
    expect(() => loadConfig({ SAATHI_DATA_KEY: hex(B), SAATHI_DATA_KEYS_OLD: hex(A) })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ SAATHI_DATA_KEY: hex(B), SAATHI_DATA_KEYS_OLD: 'short', SAATHI_HASH_KEY: hex(A) }),
    ).toThrow(ConfigError);
    const config = loadConfig({
      SAATHI_DATA_KEY: hex(B),
      SAATHI_DATA_KEYS_OLD: ` ${hex(A)} , ${A.toString('base64')}`,
      SAATHI_HASH_KEY: hex(A),
    });
    expect(config.oldDataKeys).toEqual([A, A]);
    expect(config.hashKey).toEqual(A);
  });
});

describeRedis('rekey on Redis', () => {
  const redis = connect();
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await cleanup(redis, prefix);
    await redis.quit();
  });

  it('reseals every value under the new key while the owner carries on', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const from = 'whatsapp:+919855500001';
    const first = testRuntime({ REDIS_URL, SAATHI_DATA_KEY: hex(A) }, { redisPrefix: prefix });
    const say = owner(first.app, from, 'Ramesh');
    for (const text of ['Hello', 'yes', 'I run a grocery shop', 'Lucknow']) await say(text);
    const ownerId = first.engine.ownerId(from);
    // Other shapes of sealed data, as other stores keep them.
    const sealerA = createSealer(A);
    await redis.rpush(
      `${prefix}consent:${ownerId}`,
      sealerA.seal('{"type":"grant"}'),
      sealerA.seal('{"type":"withdraw"}'),
    );
    await redis.sadd(`${prefix}test:set`, sealerA.seal('member'));
    await redis.zadd(`${prefix}test:zset`, 42, sealerA.seal('ranked'));
    await redis.set(`${prefix}test:ttl`, sealerA.seal('expiring'), 'EX', 3600);
    await first.close();

    const sealerB = createSealer(B, { oldKeys: [A], hashKey: A });
    const before = await rekey({ redis, sealer: sealerB, prefix, dryRun: true });
    expect(before.sealed).toBeGreaterThan(8);
    expect(before.current).toBe(0);
    const lines: number[] = [];
    const done = await rekey({
      redis,
      sealer: sealerB,
      prefix,
      batch: 2,
      onProgress: (p) => lines.push(p.keys),
    });
    expect(done.resealed).toBe(before.sealed);
    expect(lines.length).toBeGreaterThan(1);
    const after = await rekey({ redis, sealer: sealerB, prefix, dryRun: true });
    expect(after).toMatchObject({ sealed: before.sealed, current: before.sealed });

    // Nothing is left that needs A: a sealer knowing only B opens it all.
    const onlyB = createSealer(B, { hashKey: A });
    // (the ledger's own entries from the conversation come first)
    const ledger = (await redis.lrange(`${prefix}consent:${ownerId}`, 0, -1)).map((v) => onlyB.open(v));
    expect(ledger.slice(-2)).toEqual(['{"type":"grant"}', '{"type":"withdraw"}']);
    expect((await redis.smembers(`${prefix}test:set`)).map((v) => onlyB.open(v))).toEqual(['member']);
    const [member, score] = await redis.zrange(`${prefix}test:zset`, 0, -1, 'WITHSCORES');
    expect([onlyB.open(member!), score]).toEqual(['ranked', '42']);
    expect(onlyB.open((await redis.get(`${prefix}test:ttl`))!)).toBe('expiring');
    expect(await redis.ttl(`${prefix}test:ttl`)).toBeGreaterThan(3000);
    expect(JSON.parse(onlyB.open((await redis.hget(`${prefix}conv:${ownerId}`, 'd'))!))).toMatchObject({
      state: expect.any(String) as string,
    });

    // The service under the new configuration finds the same owner and carries on.
    const second = testRuntime(
      { REDIS_URL, SAATHI_DATA_KEY: hex(B), SAATHI_DATA_KEYS_OLD: hex(A), SAATHI_HASH_KEY: hex(A) },
      { redisPrefix: prefix },
    );
    expect(second.engine.ownerId(from)).toBe(ownerId);
    const version = (await second.store.load(ownerId))?.version;
    await owner(second.app, from, 'Ramesh')('6 years');
    expect((await second.store.load(ownerId))?.version).toBe((version ?? 0) + 1);
    await second.close();
  });

  it('never overwrites a value written while it was being resealed', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const sealerA = createSealer(A);
    const sealerB = createSealer(B, { oldKeys: [A], hashKey: A });
    await redis.set(`${prefix}lead:1`, sealerA.seal('old lead'));
    await redis.hset(`${prefix}conv:x`, 'v', '3', 'd', sealerA.seal('old conversation'));
    await redis.rpush(`${prefix}consent:x`, sealerA.seal('entry 1'));
    // A writer that changes each value right between rekey's read and its compare-and-set.
    const racing: Sealer = {
      ...sealerB,
      keyId: sealerB.keyId,
      seal(plain) {
        const fresh = sealerB.seal(plain);
        if (plain === 'old lead') void redis.set(`${prefix}lead:1`, sealerB.seal('new lead'));
        if (plain === 'old conversation')
          void redis.hset(`${prefix}conv:x`, 'v', '4', 'd', sealerB.seal('new conversation'));
        // Appending in front moves the entry: it is found again by value.
        if (plain === 'entry 1') void redis.lpush(`${prefix}consent:x`, sealerB.seal('entry 0'));
        return fresh;
      },
    };
    const result = await rekey({ redis, sealer: racing, prefix });
    expect(result).toMatchObject({ resealed: 1, raced: 2 });
    expect(sealerB.open((await redis.get(`${prefix}lead:1`))!)).toBe('new lead');
    expect(sealerB.open((await redis.hget(`${prefix}conv:x`, 'd'))!)).toBe('new conversation');
    expect((await redis.lrange(`${prefix}consent:x`, 0, -1)).map((v) => createSealer(B).open(v))).toEqual([
      'entry 0',
      'entry 1',
    ]);
  });
});
