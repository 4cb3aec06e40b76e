// Key names of the Redis audience index, shared by the profile store (which maintains it) and the index
// (which reads it). Every indexed owner has an ordinal (`${prefix}aud:seq` counts them out,
// `${prefix}aud:ord` maps them back to owner ids); a token's bitmap `${prefix}aud:<hash>` has the bits
// of the owners holding it, named by a keyed hash of the token so key names carry no profile value in
// clear; `${prefix}aud:of:<ownerId>` holds the owner's ordinal and current bitmap names.
import { randomUUID } from 'node:crypto';
import type { Sealer } from './sealer.js';

export interface AudienceKeys {
  /** Prefix of every token bitmap; a bitmap's key is setPrefix + name(token). */
  readonly setPrefix: string;
  /** Short, stable name of a token's set. */
  readonly name: (token: string) => string;
  readonly set: (token: string) => string;
  /** The owner's ordinal, then its current bitmap names, space-separated. */
  readonly of: (ownerId: string) => string;
  /** Counter handing out ordinals. */
  readonly counter: string;
  /** Hash: ordinal → owner id. */
  readonly ordinals: string;
  /** A fresh key for a temporary bitmap (unions, stored intersections). */
  readonly temp: (kind: 'tmp' | 'run') => string;
}

export function audienceKeys(prefix: string, sealer: Sealer): AudienceKeys {
  const setPrefix = `${prefix}aud:`;
  const names = new Map<string, string>();
  const name = (token: string): string => {
    let found = names.get(token);
    if (found === undefined) {
      found = sealer.hash(`audience-token:${token}`).slice(0, 16);
      names.set(token, found);
    }
    return found;
  };
  return {
    setPrefix,
    name,
    set: (token) => setPrefix + name(token),
    of: (ownerId) => `${setPrefix}of:${ownerId}`,
    counter: `${setPrefix}seq`,
    ordinals: `${setPrefix}ord`,
    temp: (kind) => `${setPrefix}${kind}:${randomUUID()}`,
  };
}
