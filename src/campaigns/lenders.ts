// Lenders are the API's tenants. Each has API keys of the form `sk_<keyId>_<secret>`: the key id finds
// the stored key, and only a SHA-256 of the high-entropy secret is kept, compared in constant time. The
// LenderStore logic lives here once, over a small LenderRecords port (memory and Redis adapters).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCOPES = ['campaigns', 'leads'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Lender {
  readonly id: string;
  readonly name: string;
  /** Scopes of the lender's first key, and of keys made by rotation unless changed. */
  readonly scopes: readonly Scope[];
  readonly createdAt: number;
}

/** The lender behind an authenticated request, with the scopes of the key it used. */
export interface AuthenticatedLender {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
}

export interface ApiKeyInfo {
  readonly id: string;
  readonly lenderId: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: number;
  readonly lastUsedAt?: number;
  /** From this moment the key no longer works (may lie in the future: a rotation's grace period). */
  readonly revokedAt?: number;
}

export interface StoredKey extends ApiKeyInfo {
  /** SHA-256 of the secret, hex. */
  readonly hash: string;
}

export interface LenderStore {
  /** A new lender and its first key, shown this once. */
  create(name: string, scopes: readonly Scope[]): Promise<{ lender: Lender; key: string }>;
  authenticate(key: string): Promise<AuthenticatedLender | undefined>;
  listKeys(lenderId: string): Promise<ApiKeyInfo[]>;
  /** A new key with the old one's scopes; the old one stops working after `graceMs` (default at once). */
  rotate(
    keyId: string,
    options?: { graceMs?: number },
  ): Promise<{ key: string; info: ApiKeyInfo } | undefined>;
  /** False when no such key exists. */
  revoke(keyId: string): Promise<boolean>;
  list(): Promise<Lender[]>;
  get(id: string): Promise<Lender | undefined>;
}

/** Storage under the LenderStore: plain records, no logic. */
export interface LenderRecords {
  putLender(lender: Lender): Promise<void>;
  getLender(id: string): Promise<Lender | undefined>;
  lenders(): Promise<Lender[]>;
  putKey(key: StoredKey): Promise<void>;
  getKey(id: string): Promise<StoredKey | undefined>;
  keysOf(lenderId: string): Promise<StoredKey[]>;
  touchKey(id: string, at: number): Promise<void>;
}

export class InvalidLenderInput extends Error {
  override readonly name = 'InvalidLenderInput';
}

const KEY_PATTERN = /^sk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** lastUsedAt is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Splits a presented key into id and secret; undefined when it is not shaped like one of ours. */
export function parseKey(key: string): { keyId: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : undefined;
}

export function isActive(key: ApiKeyInfo, now: number): boolean {
  return key.revokedAt === undefined || now < key.revokedAt;
}

export function parseScopes(text: string): Scope[] {
  const scopes = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new InvalidLenderInput(`unknown scope ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
  if (scopes.length === 0) throw new InvalidLenderInput(`give at least one scope (${SCOPES.join(', ')})`);
  return scopes as Scope[];
}

export interface LenderStoreOptions {
  readonly clock?: () => number;
  readonly random?: (bytes: number) => Buffer;
}

export function createLenderStore(records: LenderRecords, options: LenderStoreOptions = {}): LenderStore {
  const { clock = Date.now, random = randomBytes } = options;
  const info = ({ hash: _hash, ...rest }: StoredKey): ApiKeyInfo => rest;
  const issue = async (
    lenderId: string,
    scopes: readonly Scope[],
  ): Promise<{ key: string; info: ApiKeyInfo }> => {
    const keyId = random(8).toString('hex');
    const secret = random(32).toString('base64url');
    const stored: StoredKey = {
      id: keyId,
      lenderId,
      scopes,
      createdAt: clock(),
      hash: sha256(secret).toString('hex'),
    };
    await records.putKey(stored);
    return { key: `sk_${keyId}_${secret}`, info: info(stored) };
  };
  const endAt = async (keyId: string, at: number): Promise<StoredKey | undefined> => {
    const stored = await records.getKey(keyId);
    if (!stored) return undefined;
    if (stored.revokedAt === undefined || stored.revokedAt > at)
      await records.putKey({ ...stored, revokedAt: at });
    return stored;
  };

  return {
    async create(name, scopes) {
      const trimmed = name.trim();
      if (trimmed.length === 0 || trimmed.length > 100)
        throw new InvalidLenderInput('a lender name has 1 to 100 characters');
      const valid = parseScopes(scopes.join(','));
      const lender: Lender = {
        id: `lnd_${random(6).toString('hex')}`,
        name: trimmed,
        scopes: valid,
        createdAt: clock(),
      };
      await records.putLender(lender);
      const { key } = await issue(lender.id, valid);
      return { lender, key };
    },
    async authenticate(key) {
      const parsed = parseKey(key);
      const presented = sha256(parsed?.secret ?? key);
      const stored = parsed ? await records.getKey(parsed.keyId) : undefined;
      if (!stored || !timingSafeEqual(Buffer.from(stored.hash, 'hex'), presented)) return undefined;
      const now = clock();
      if (!isActive(stored, now)) return undefined;
      const lender = await records.getLender(stored.lenderId);
      if (!lender) return undefined;
      if (stored.lastUsedAt === undefined || now - stored.lastUsedAt >= TOUCH_EVERY_MS)
        await records.touchKey(stored.id, now);
      return { id: lender.id, name: lender.name, scopes: stored.scopes };
    },
    async listKeys(lenderId) {
      return (await records.keysOf(lenderId))
        .map(info)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async rotate(keyId, { graceMs = 0 } = {}) {
      if (!Number.isFinite(graceMs) || graceMs < 0)
        throw new InvalidLenderInput('the grace period cannot be negative');
      const old = await records.getKey(keyId);
      if (!old || !isActive(old, clock())) return undefined;
      const next = await issue(old.lenderId, old.scopes);
      await endAt(keyId, clock() + graceMs);
      return next;
    },
    async revoke(keyId) {
      return (await endAt(keyId, clock())) !== undefined;
    },
    async list() {
      return (await records.lenders()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    get(id) {
      return records.getLender(id);
    },
  };
}
