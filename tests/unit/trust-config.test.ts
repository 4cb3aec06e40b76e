// The trust settings in config.ts: defaults, validation, and the rotation rule (old keys need a pinned
// hash key).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('trust configuration', () => {
  it('has safe defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redisPrefix: 'saathi:',
      floodPerMinute: 20,
      retentionDays: 180,
      inboxGraceMs: 15_000,
      recoveryIntervalMs: 5_000,
      oldDataKeys: [],
      hashKey: undefined,
    });
  });

  it('reads each setting, empty meaning unset', () => {
    const config = loadConfig({
      SAATHI_REDIS_PREFIX: 'tenant-a:',
      SAATHI_FLOOD_PER_MINUTE: '5',
      SAATHI_RETENTION_DAYS: '30',
      SAATHI_INBOX_GRACE_MS: '2000',
      SAATHI_RECOVERY_INTERVAL_MS: '',
      SAATHI_DATA_KEYS_OLD: '',
    });
    expect(config).toMatchObject({
      redisPrefix: 'tenant-a:',
      floodPerMinute: 5,
      retentionDays: 30,
      inboxGraceMs: 2000,
      recoveryIntervalMs: 5000,
      oldDataKeys: [],
    });
  });

  it.each([
    ['SAATHI_REDIS_PREFIX', 'has spaces'],
    ['SAATHI_FLOOD_PER_MINUTE', '0'],
    ['SAATHI_RETENTION_DAYS', '-1'],
    ['SAATHI_INBOX_GRACE_MS', '10'],
    ['SAATHI_HASH_KEY', 'not-a-key'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  });

  it('refuses retired keys without the hash key that keeps owner ids stable', () => {
    expect(() =>
      loadConfig({ SAATHI_DATA_KEY: 'b'.repeat(64), SAATHI_DATA_KEYS_OLD: 'a'.repeat(64) }),
    ).toThrow(/SAATHI_HASH_KEY/);
  });
});
