// The profile store port: owners' business profiles kept apart from the conversation, for segments,
// the ranker's statistics and (later) campaign audiences. Adapters: memory and Redis.
import type { Lang } from '../language/langs.js';
import type { Profile } from './profile.js';

export interface ProfileRecord {
  /** Keyed hash of the owner's number (never the number itself). */
  readonly ownerId: string;
  readonly profile: Profile;
  readonly lang: Lang;
  /** Id of the owner's primary segment (content/segments.json), when known. */
  readonly segment?: string;
  /** The owner's WhatsApp profile name, kept only after consent; sealed at rest. */
  readonly name?: string;
  /** Where campaigns reach the owner (`whatsapp:+91…`); sealed at rest with the rest of the record. */
  readonly address?: string;
  /** Agreed to receive marketing messages (campaigns). */
  readonly marketingConsent: boolean;
  /** Epoch ms of the last change. */
  readonly updatedAt: number;
}

export interface ProfileStore {
  put(record: ProfileRecord): Promise<void>;
  /** Many records in as few round trips as possible (seeding). */
  putMany(records: readonly ProfileRecord[]): Promise<void>;
  get(ownerId: string): Promise<ProfileRecord | undefined>;
  delete(ownerId: string): Promise<void>;
  count(): Promise<number>;
  /** Every record, in batches. */
  scan(batchSize?: number): AsyncIterable<readonly ProfileRecord[]>;
  close(): Promise<void>;
}
