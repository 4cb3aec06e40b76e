// The lender store (keys shown once, stored hashed, rotated with a grace period, revoked) over both record
// adapters, one contract suite; and the `npm run lender` CLI end to end as a child process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDndList } from '../../src/campaigns/dnd.js';
import { createSealer } from '../../src/adapters/sealer.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryLenderRecords } from '../../src/adapters/memory-lender-records.js';
import { createRedisLenderRecords } from '../../src/adapters/redis-lender-records.js';
import {
  createLenderStore,
  InvalidLenderInput,
  parseKey,
  type LenderRecords,
} from '../../src/campaigns/lenders.js';
import { cleanup, connect, describeRedis, REDIS_URL, testPrefix } from '../support/redis.js';

function contract(name: string, make: () => { records: LenderRecords; done: () => Promise<void> }) {
  describe(name, () => {
    const setup = () => {
      let now = 1_000_000;
      const { records, done } = make();
      const store = createLenderStore(records, { clock: () => now });
      return { store, records, done, advance: (ms: number) => (now += ms) };
    };

    it('creates a lender whose key authenticates with its scopes, and is stored only hashed', async () => {
      const { store, records, done } = setup();
      const { lender, key } = await store.create('  Pragati Finance ', ['leads']);
      expect(lender).toMatchObject({ name: 'Pragati Finance', scopes: ['leads'] });
      expect(key).toMatch(/^sk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(await store.authenticate(key)).toEqual({
        id: lender.id,
        name: 'Pragati Finance',
        scopes: ['leads'],
      });
      const stored = await records.getKey(parseKey(key)?.keyId ?? '');
      expect(JSON.stringify(stored)).not.toContain(parseKey(key)?.secret);
      expect(await store.get(lender.id)).toEqual(lender);
      expect((await store.list()).map((l) => l.id)).toEqual([lender.id]);
      await done();
    });

    it('refuses wrong, malformed and unknown keys', async () => {
      const { store, done } = setup();
      const { key } = await store.create('A', ['campaigns']);
      const { keyId } = parseKey(key) ?? { keyId: '' };
      for (const bad of [
        '',
        'sk_',
        key.slice(0, -1),
        `${key}x`,
        `sk_${keyId}_${'A'.repeat(43)}`,
        `sk_ffffffffffffffff_${'A'.repeat(43)}`,
      ])
        expect(await store.authenticate(bad)).toBeUndefined();
      await done();
    });

    it('lists keys with last use, never the secret', async () => {
      const { store, done, advance } = setup();
      const { lender, key } = await store.create('A', ['campaigns', 'leads']);
      advance(5_000);
      await store.authenticate(key);
      const [info, ...others] = await store.listKeys(lender.id);
      expect(others).toEqual([]);
      expect(info).toEqual({
        id: parseKey(key)?.keyId,
        lenderId: lender.id,
        scopes: ['campaigns', 'leads'],
        createdAt: 1_000_000,
        lastUsedAt: 1_005_000,
      });
      await done();
    });

    it('rotates: the new key works, the old one until the grace period ends', async () => {
      const { store, done, advance } = setup();
      const { lender, key } = await store.create('A', ['leads']);
      const oldId = parseKey(key)?.keyId ?? '';
      advance(1_000);
      const rotated = await store.rotate(oldId, { graceMs: 60_000 });
      expect(rotated?.info.scopes).toEqual(['leads']);
      expect(await store.authenticate(rotated?.key ?? '')).toMatchObject({ id: lender.id });
      expect(await store.authenticate(key)).toMatchObject({ id: lender.id });
      advance(60_000);
      expect(await store.authenticate(key)).toBeUndefined();
      expect(await store.rotate(oldId)).toBeUndefined();
      expect(await store.rotate('0000000000000000')).toBeUndefined();
      expect((await store.listKeys(lender.id)).map((k) => k.revokedAt)).toEqual([1_061_000, undefined]);
      await done();
    });

    it('revokes at once, and a revoked key cannot be rotated', async () => {
      const { store, done } = setup();
      const { key } = await store.create('A', ['leads']);
      const keyId = parseKey(key)?.keyId ?? '';
      expect(await store.revoke(keyId)).toBe(true);
      expect(await store.revoke('0000000000000000')).toBe(false);
      expect(await store.authenticate(key)).toBeUndefined();
      expect(await store.rotate(keyId)).toBeUndefined();
      await done();
    });

    it('refuses bad names and scopes', async () => {
      const { store, done } = setup();
      await expect(store.create('   ', ['leads'])).rejects.toThrow(InvalidLenderInput);
      await expect(store.create('A', [])).rejects.toThrow(InvalidLenderInput);
      await expect(store.create('A', ['admin' as 'leads'])).rejects.toThrow(/unknown scope admin/);
      await done();
    });
  });
}

contract('memory lender records', () => ({
  records: createMemoryLenderRecords(),
  done: () => Promise.resolve(),
}));

describeRedis('redis lender records', () => {
  const redis: Redis = connect();
  afterAll(async () => redis.quit());
  contract('contract', () => {
    const prefix = testPrefix();
    return { records: createRedisLenderRecords({ redis, prefix }), done: () => cleanup(redis, prefix) };
  });

  it('the CLI creates a lender, lists keys, rotates and revokes, with exit codes', async () => {
    const prefix = testPrefix();
    const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
      try {
        const { stdout, stderr } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'scripts/lender.ts', ...args, '--prefix', prefix],
          {
            env: { ...process.env, REDIS_URL },
          },
        );
        return { code: 0, out: stdout, err: stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout, err: e.stderr };
      }
    };
    const created = await run('create', 'Asha', 'Credit', '--scopes', 'leads');
    expect(created.code).toBe(0);
    const key = /sk_\S+/.exec(created.out)?.[0] ?? '';
    const lenderId = /lnd_[0-9a-f]+/.exec(created.out)?.[0] ?? '';
    const store = createLenderStore(createRedisLenderRecords({ redis, prefix }));
    expect(await store.authenticate(key)).toEqual({ id: lenderId, name: 'Asha Credit', scopes: ['leads'] });
    expect((await run('list')).out).toContain('Asha Credit');
    const keyId = parseKey(key)?.keyId ?? '';
    const listed = await run('keys', lenderId);
    expect(listed.out).toContain(keyId);
    expect(listed.out).not.toContain(parseKey(key)?.secret);
    const rotated = await run('rotate', keyId);
    expect(rotated.code).toBe(0);
    expect(await store.authenticate(key)).toBeUndefined();
    const next = /sk_\S+/.exec(rotated.out)?.[0] ?? '';
    expect(await store.authenticate(next)).toMatchObject({ id: lenderId });
    expect((await run('revoke', parseKey(next)?.keyId ?? '')).code).toBe(0);
    expect(await store.authenticate(next)).toBeUndefined();
    expect((await run('revoke', 'nope')).code).toBe(1);
    expect((await run('create', 'X', '--scopes', 'admin')).code).toBe(2);

    // The DND list: numbers in any usual spelling, kept only as keyed hashes; bad lines reported.
    const file = join(mkdtempSync(join(tmpdir(), 'dnd-')), 'dnd.csv');
    writeFileSync(file, 'number\n98123 45678\n+91-99999-00000,extra\nnot a number\n');
    const imported = await run('dnd', 'import', file);
    expect(imported.out).toContain('imported 2 new numbers; 1 invalid lines (first: 4)');
    expect((await run('dnd', 'count')).out).toContain('2 numbers');
    const dnd = createDndList({ redis, sealer: createSealer(undefined), prefix });
    expect(await dnd.has('+919812345678')).toBe(true);
    expect(JSON.stringify(await redis.smembers(`${prefix}dnd`))).not.toContain('9812345678');
    await cleanup(redis, prefix);
  }, 60_000);
});
