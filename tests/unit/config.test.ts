import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('runs with no configuration at all (the embedded default)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
    expect(config.twilio.authToken).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ REDIS_URL: '', TWILIO_AUTH_TOKEN: '', PORT: '' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.twilio.authToken).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('refuses production without the token, Redis and the data key, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /TWILIO_AUTH_TOKEN, REDIS_URL, SAATHI_DATA_KEY/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 't', REDIS_URL: 'redis://x:6379' }),
    ).toThrow(/SAATHI_DATA_KEY/);
  });

  it('starts in production when everything is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      TWILIO_AUTH_TOKEN: 'token',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SAATHI_DATA_KEY: 'a'.repeat(64),
      PUBLIC_BASE_URL: 'https://saathi.example.in/',
    });
    expect(config.dataKey?.length).toBe(32);
    expect(config.publicBaseUrl).toBe('https://saathi.example.in');
  });

  it('names invalid values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'http://nope' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ SAATHI_DATA_KEY: 'short' })).toThrow(/SAATHI_DATA_KEY/);
  });
});
