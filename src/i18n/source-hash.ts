// Fingerprint of an English source text: a translation records the hash of the English it was made from,
// so `npm run check` can tell when the English changed after translation (a stale translation).
import { createHash } from 'node:crypto';

export function sourceHash(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 8);
}
