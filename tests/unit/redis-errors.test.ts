// Which Redis failures count as "unavailable" (the owner is asked to try again, nothing was written) and
// which are bugs (an apology, and the cause in the log).
import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { guarded, isConnectionError } from '../../src/adapters/redis-client.js';
import { StoreUnavailable } from '../../src/dialogue/store.js';

/** ioredis' ReplyError, typed (it is exported untyped). */
const reply = (message: string): Error => new (ReplyError as unknown as new (text: string) => Error)(message);

describe('isConnectionError', () => {
  it('counts a lost connection and a Redis still loading its data as unavailable', async () => {
    expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
    expect(isConnectionError(reply('LOADING Redis is loading the dataset in memory'))).toBe(true);
    await expect(
      guarded(() => Promise.reject(reply('LOADING Redis is loading the dataset in memory'))),
    ).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('leaves refused commands (bugs) as they are', async () => {
    expect(
      isConnectionError(reply('WRONGTYPE Operation against a key holding the wrong kind of value')),
    ).toBe(false);
    expect(isConnectionError(reply('ERR Error running script'))).toBe(false);
    expect(isConnectionError('LOADING')).toBe(false);
    await expect(guarded(() => Promise.reject(reply('ERR unknown command')))).rejects.toBeInstanceOf(
      ReplyError,
    );
  });
});
