// In-memory profile store: the embedded default (nothing survives a restart), passing the same contract
// suite as the Redis profile store. Records are kept as JSON so callers never share objects with it.
// With an audience index, every write updates it in the same step (campaign audiences).
import type { ProfileRecord, ProfileStore } from '../profile/store.js';
import type { MemoryAudienceIndex } from './memory-audience-index.js';

const DEFAULT_BATCH = 500;

export interface MemoryProfileStoreOptions {
  /** Kept in step with every put and delete. */
  readonly audience?: MemoryAudienceIndex;
}

export function createMemoryProfileStore(options: MemoryProfileStoreOptions = {}): ProfileStore {
  const { audience } = options;
  const records = new Map<string, string>();
  const read = (json: string): ProfileRecord => JSON.parse(json) as ProfileRecord;
  const write = (record: ProfileRecord): void => {
    const json = JSON.stringify(record);
    records.set(record.ownerId, json);
    audience?.track(record.ownerId, read(json));
  };

  return {
    put(record) {
      write(record);
      return Promise.resolve();
    },
    putMany(list) {
      for (const record of list) write(record);
      return Promise.resolve();
    },
    get(ownerId) {
      const found = records.get(ownerId);
      return Promise.resolve(found === undefined ? undefined : read(found));
    },
    delete(ownerId) {
      records.delete(ownerId);
      audience?.track(ownerId, undefined);
      return Promise.resolve();
    },
    count() {
      return Promise.resolve(records.size);
    },
    async *scan(batchSize = DEFAULT_BATCH) {
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new RangeError(`batch size must be a positive integer, not ${batchSize}`);
      // Owners in id order, like the Redis store; ids taken once so changes during the scan are safe.
      const ids = [...records.keys()].sort();
      for (let start = 0; start < ids.length; start += batchSize) {
        const batch: ProfileRecord[] = [];
        for (const id of ids.slice(start, start + batchSize)) {
          const found = records.get(id);
          if (found !== undefined) batch.push(read(found));
        }
        if (batch.length > 0) yield batch;
        await Promise.resolve();
      }
    },
    close() {
      return Promise.resolve();
    },
  };
}
