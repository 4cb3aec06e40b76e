// Finds which known words (fuzzy keys) an input word stands for: exactly, by its stem (kirane ~ kirana),
// as the known word plus an ending (டீக்கடையில் ~ டீக்கடை), or one typing slip away (tailer ~ tailor).
import { deletions, withinOneEdit } from './edit-distance.js';
import { isLatinKey, stemOf } from './fold.js';

export interface TokenHit {
  readonly id: number;
  /** 1 exact, 0.95 same stem, 0.9 known word + ending, 0.8 one edit away */
  readonly quality: number;
}

export interface TokenIndexOptions {
  /** match by stem and by known word + ending (for business names; off for short commands) */
  readonly inflections: boolean;
  /** shortest romanized key matched with one edit */
  readonly fuzzyLatin: number;
  /** shortest native-script key matched with one edit */
  readonly fuzzyNative: number;
}

const QUALITY = { exact: 1, stem: 0.95, prefix: 0.9, fuzzy: 0.8 } as const;
/** Shortest known word (or stem) that may take an ending, and the longest ending, per script kind. */
const PREFIX = { latin: { min: 5, suffix: 4 }, native: { min: 4, suffix: 6 } } as const;
const MIN_STEM = 4;
const CACHE_LIMIT = 20_000;

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

export class TokenIndex {
  private readonly keys: string[] = [];
  private readonly exact = new Map<string, number>();
  private readonly stems = new Map<string, number[]>();
  private readonly prefixes = new Map<string, number[]>();
  private readonly deletes = new Map<string, number[]>();
  private readonly cache = new Map<string, readonly TokenHit[]>();

  constructor(private readonly options: TokenIndexOptions) {}

  /** Registers a fuzzy key and returns its id (the same id for the same key). */
  add(key: string): number {
    const known = this.exact.get(key);
    if (known !== undefined) return known;
    const id = this.keys.length;
    this.keys.push(key);
    this.exact.set(key, id);
    const latin = isLatinKey(key);
    if (this.options.inflections) {
      const stem = stemOf(key);
      if (stem !== key && stem.length >= MIN_STEM) push(this.stems, stem, id);
      const min = latin ? PREFIX.latin.min : PREFIX.native.min;
      if (key.length >= min) push(this.prefixes, key, id);
      if (stem !== key && stem.length >= min) push(this.prefixes, stem, id);
    }
    if (key.length >= (latin ? this.options.fuzzyLatin : this.options.fuzzyNative)) {
      push(this.deletes, key, id);
      for (const d of deletions(key)) push(this.deletes, d, id);
    }
    this.cache.clear();
    return id;
  }

  keyOf(id: number): string {
    return this.keys[id] ?? '';
  }

  /** Known words the input key stands for, best quality per word. */
  lookup(key: string): readonly TokenHit[] {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const hits = this.compute(key);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, hits);
    return hits;
  }

  private compute(key: string): readonly TokenHit[] {
    const best = new Map<number, number>();
    const note = (id: number, quality: number) => {
      if ((best.get(id) ?? 0) < quality) best.set(id, quality);
    };
    const exact = this.exact.get(key);
    if (exact !== undefined) note(exact, QUALITY.exact);
    const latin = isLatinKey(key);
    if (this.options.inflections) {
      const stem = stemOf(key);
      if (stem !== key && stem.length >= MIN_STEM)
        for (const id of this.stems.get(stem) ?? []) note(id, QUALITY.stem);
      const { min, suffix } = latin ? PREFIX.latin : PREFIX.native;
      for (let len = Math.max(min, key.length - suffix); len < key.length; len++) {
        for (const id of this.prefixes.get(key.slice(0, len)) ?? []) note(id, QUALITY.prefix);
      }
    }
    if (key.length >= (latin ? this.options.fuzzyLatin : this.options.fuzzyNative)) {
      for (const variant of [key, ...deletions(key)]) {
        for (const id of this.deletes.get(variant) ?? []) {
          if (!best.has(id) && withinOneEdit(key, this.keyOf(id))) note(id, QUALITY.fuzzy);
        }
      }
    }
    return [...best].map(([id, quality]) => ({ id, quality }));
  }
}
