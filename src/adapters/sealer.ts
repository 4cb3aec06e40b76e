// AES-256-GCM sealing of personal data at rest, and the keyed hash that turns a phone number into an
// owner id. The key comes from SAATHI_DATA_KEY; without it a fixed development key is used (never in
// production: config.ts refuses to start). Rotation: values are sealed with the current key and opened
// with whichever key their envelope names (current or SAATHI_DATA_KEYS_OLD); the hash has its own
// stable key (SAATHI_HASH_KEY, else derived from the data key) so owner ids never change.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomFillSync,
  type KeyObject,
} from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/** Random IVs drawn from a pooled buffer: one kernel call per 341 seals instead of one per seal. */
function ivSource(): () => Buffer {
  const pool = Buffer.alloc(IV_BYTES * 341);
  let offset = pool.length;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const iv = Buffer.from(pool.subarray(offset, offset + IV_BYTES));
    offset += IV_BYTES;
    return iv;
  };
}
const DEV_KEY = createHash('sha256').update('saathi-development-key-not-for-production').digest();

export interface Sealer {
  /** Id of the current key, as written in every envelope it seals. */
  readonly keyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
  /** Stable keyed hash, e.g. of a phone number; never reversible without the key. */
  hash(value: string): string;
}

export interface SealerOptions {
  /** Retired keys: values sealed with them still open. */
  readonly oldKeys?: readonly Buffer[];
  /** Key of hash(); default: the data key (so ids stay what they were before the first rotation). */
  readonly hashKey?: Buffer | undefined;
}

const SEALED = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]*$/;

/** True for a string in the sealed envelope format (`v1.<key id>.<iv>.<tag>.<body>`). */
export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

/** The key id named in a sealed envelope. */
export function sealedKeyId(sealed: string): string | undefined {
  return isSealed(sealed) ? sealed.split('.')[1] : undefined;
}

/**
 * The encryption key and its id. The key is held as a KeyObject: given a Buffer, every createCipheriv
 * would first copy it into a new one.
 */
function derive(secret: Buffer): { encKey: KeyObject; keyId: string } {
  if (secret.length !== 32) throw new Error('data key must be 32 bytes');
  const raw = createHmac('sha256', secret).update('enc').digest();
  return { encKey: createSecretKey(raw), keyId: createHash('sha256').update(raw).digest('hex').slice(0, 8) };
}

export function createSealer(key: Buffer | undefined, options: SealerOptions = {}): Sealer {
  const secret = key ?? DEV_KEY;
  const { encKey, keyId } = derive(secret);
  const hashSecret = options.hashKey ?? secret;
  if (hashSecret.length !== 32) throw new Error('hash key must be 32 bytes');
  const macKey = createSecretKey(createHmac('sha256', hashSecret).update('id').digest());
  const openKeys = new Map<string, KeyObject>([[keyId, encKey]]);
  for (const old of options.oldKeys ?? []) {
    const derived = derive(old);
    if (!openKeys.has(derived.keyId)) openKeys.set(derived.keyId, derived.encKey);
  }
  const nextIv = ivSource();
  return {
    keyId,
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        keyId,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join('.');
    },
    open(sealed) {
      const [version, kid, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
        throw new Error('not a sealed value');
      const openKey = kid === undefined ? undefined : openKeys.get(kid);
      if (openKey === undefined)
        throw new Error(`sealed with another key (${kid ?? '?'}), neither current nor old`);
      const decipher = createDecipheriv('aes-256-gcm', openKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    hash(value) {
      return createHmac('sha256', macKey).update(value).digest('base64url').slice(0, 32);
    },
  };
}

/** `whatsapp:+91 98123-45678` → `+919812345678`: one owner, whatever the channel prefix or spacing. */
export function normalizeAddress(address: string): string {
  const bare = address.replace(/^[a-z]+:/i, '').replace(/[\s()-]/g, '');
  return bare.startsWith('+') ? bare : `+${bare}`;
}
