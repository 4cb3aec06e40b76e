// The voice call store contract, for the memory adapter and the Redis adapter on a real Redis.
import { afterAll, describe, expect, it } from 'vitest';
import { createSealer } from '../../src/adapters/sealer.js';
import { createRedisVoiceCallStore } from '../../src/channels/voice-redis-store.js';
import {
  createMemoryVoiceCallStore,
  type CallState,
  type VoiceCallStore,
} from '../../src/channels/voice-store.js';
import { cleanup, connect, describeRedis, testPrefix } from '../support/redis.js';

function contract(make: () => VoiceCallStore) {
  it('saves a call and keeps only the most recent step receipts', async () => {
    const store = make();
    const receipts = Object.fromEntries(
      [0, 1, 2, 3, 4, 5].map((step) => [String(step), `<Response>${step}</Response>`]),
    );
    const call: CallState = {
      callSid: 'CA1',
      address: '+919812345678',
      phase: 'dialogue',
      lang: 'hi',
      prior: ['hi', 'en'],
      misses: 1,
      keypadOnly: false,
      receipts,
    };
    await store.save(call);
    const loaded = await store.load('CA1');
    expect(loaded).toMatchObject({ address: '+919812345678', phase: 'dialogue', lang: 'hi', misses: 1 });
    expect(Object.keys(loaded?.receipts ?? {}).sort()).toEqual(['2', '3', '4', '5']);
    expect(await store.load('CA-unknown')).toBeUndefined();
  });

  it('never moves a call status backwards', async () => {
    const store = make();
    expect(await store.recordStatus({ callSid: 'CA2', status: 'ringing', at: 1 })).toBe(true);
    expect(await store.recordStatus({ callSid: 'CA2', status: 'completed', at: 2, duration: 40 })).toBe(true);
    expect(await store.recordStatus({ callSid: 'CA2', status: 'in-progress', at: 3 })).toBe(false);
    expect(await store.status('CA2')).toEqual({ callSid: 'CA2', status: 'completed', at: 2, duration: 40 });
  });
}

describe('memory voice call store', () => contract(createMemoryVoiceCallStore));

describeRedis('Redis voice call store', () => {
  const redis = connect();
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await cleanup(redis, prefix);
    redis.disconnect();
  });
  contract(() => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    return createRedisVoiceCallStore({ redis, sealer: createSealer(undefined), prefix });
  });

  it('seals the call state at rest', async () => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    const store = createRedisVoiceCallStore({ redis, sealer: createSealer(undefined), prefix });
    await store.save({
      callSid: 'CA3',
      address: '+919800000003',
      phase: 'language',
      lang: 'ta',
      prior: ['ta'],
      misses: 0,
      keypadOnly: false,
      receipts: {},
    });
    const raw = await redis.get(`${prefix}call:CA3`);
    expect(raw).not.toContain('+919800000003');
    expect(await redis.ttl(`${prefix}call:CA3`)).toBeGreaterThan(0);
  });
});
