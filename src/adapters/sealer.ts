// AES-256-GCM sealing of personal data at rest, and the keyed hash that turns a phone number into an
// owner id. The key comes from SAATHI_DATA_KEY; without it a fixed development key is used (never in
// production: config.ts refuses to start).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomFillSync } from 'node:crypto';

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
  seal(plain: string): string;
  open(sealed: string): string;
  /** Stable keyed hash, e.g. of a phone number; never reversible without the key. */
  hash(value: string): string;
}

export function createSealer(key: Buffer | undefined): Sealer {
  const secret = key ?? DEV_KEY;
  if (secret.length !== 32) throw new Error('data key must be 32 bytes');
  const encKey = createHmac('sha256', secret).update('enc').digest();
  const macKey = createHmac('sha256', secret).update('id').digest();
  const keyId = createHash('sha256').update(encKey).digest('hex').slice(0, 8);
  const nextIv = ivSource();
  return {
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed) {
      const [version, kid, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
      if (kid !== keyId) throw new Error(`sealed with another key (${kid ?? '?'})`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
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
