// The Do-Not-Disturb list (TRAI's NCPR): numbers that must not get promotional calls. An operator
// imports a file of numbers; each is normalized to +91… and kept only as a keyed hash
// (sealer.hash(normalizeAddress(n)), the same function that makes owner ids), in one Redis set.
// Voice campaigns skip owners on it.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import { normalizeAddress, type Sealer } from '../adapters/sealer.js';

export interface DndList {
  /** Adds every valid number of `lines` (one a line; first CSV column; `#` comments and blanks ignored). */
  importLines(lines: AsyncIterable<string> | Iterable<string>): Promise<DndImport>;
  importFile(path: string): Promise<DndImport>;
  has(address: string): Promise<boolean>;
  size(): Promise<number>;
}

export interface DndImport {
  readonly imported: number;
  readonly invalid: number;
  /** Line numbers of the first few invalid lines, for the operator. */
  readonly invalidLines: readonly number[];
}

/** An Indian number in any usual spelling (`98123 45678`, `09812345678`, `+91-98123-45678`) as +91…; else undefined. */
export function normalizeIndianNumber(raw: string): string | undefined {
  const bare = raw
    .trim()
    .replace(/^[a-z]+:/i, '')
    .replace(/[\s().-]/g, '');
  let digits: string;
  if (/^\+\d+$/.test(bare)) digits = bare;
  else if (/^[6-9]\d{9}$/.test(bare)) digits = `+91${bare}`;
  else if (/^0[6-9]\d{9}$/.test(bare)) digits = `+91${bare.slice(1)}`;
  else if (/^91[6-9]\d{9}$/.test(bare)) digits = `+${bare}`;
  else if (/^0091\d{10}$/.test(bare)) digits = `+${bare.slice(2)}`;
  else return undefined;
  return /^\+\d{8,15}$/.test(digits) ? normalizeAddress(digits) : undefined;
}

const CHUNK = 1_000;
const KEEP_INVALID = 20;

export function createDndList({
  redis,
  sealer,
  prefix = 'saathi:',
}: {
  redis: Redis;
  sealer: Sealer;
  prefix?: string;
}): DndList {
  const key = `${prefix}dnd`;
  const importLines = async (lines: AsyncIterable<string> | Iterable<string>): Promise<DndImport> => {
    let imported = 0;
    let invalid = 0;
    let lineNo = 0;
    const invalidLines: number[] = [];
    let chunk: string[] = [];
    const flush = async () => {
      if (chunk.length > 0) imported += await redis.sadd(key, ...chunk);
      chunk = [];
    };
    for await (const line of lines) {
      lineNo += 1;
      const field = (line.split(',')[0] ?? '').trim();
      if (field === '' || field.startsWith('#') || (lineNo === 1 && /^[a-z_ ]+$/i.test(field))) continue;
      const number = normalizeIndianNumber(field);
      if (number === undefined) {
        invalid += 1;
        if (invalidLines.length < KEEP_INVALID) invalidLines.push(lineNo);
        continue;
      }
      chunk.push(sealer.hash(number));
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    return { imported, invalid, invalidLines };
  };
  return {
    importLines,
    importFile: (path) =>
      importLines(createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })),
    async has(address) {
      const number = normalizeIndianNumber(address) ?? normalizeAddress(address);
      return (await redis.sismember(key, sealer.hash(number))) === 1;
    },
    size: () => redis.scard(key),
  };
}
