// Whole-message matching: a message means X only when all of its words are phrases for X or filler
// words ("stop", "band karo please", "haan ji") — never when X's word sits inside a longer sentence.
import { keysOf } from './keys.js';
import { TokenIndex } from './token-index.js';

interface Phrase<V> {
  readonly ids: readonly number[];
  readonly value: V;
}

interface Cost {
  /** filler words skipped */
  readonly skipped: number;
  /** words matched only with a typing slip */
  readonly fuzzy: number;
  /** phrases used */
  readonly phrases: number;
}

const NONE = '';
/** Longer messages are sentences, not commands or answers. */
const MAX_WORDS = 12;

/** Fewer skipped fillers first, then fewer typing slips, then fewer (longer) phrases. */
function compare(a: Cost, b: Cost): number {
  return a.skipped - b.skipped || a.fuzzy - b.fuzzy || a.phrases - b.phrases;
}

function better(a: Cost, b: Cost | undefined): boolean {
  return !b || compare(a, b) < 0;
}

export class CoverMatcher<V extends string> {
  private readonly tokens = new TokenIndex({ inflections: false, fuzzyLatin: 6, fuzzyNative: 7 });
  private readonly byFirst = new Map<number, Phrase<V>[]>();
  private readonly fillers = new Set<string>();

  constructor(entries: Iterable<readonly [V, string]>, fillers: Iterable<string>) {
    for (const word of fillers) for (const key of keysOf(word)) this.fillers.add(key);
    for (const [value, text] of entries) {
      const keys = keysOf(text);
      if (keys.length === 0) continue;
      const ids = keys.map((k) => this.tokens.add(k));
      const first = ids[0] as number;
      const list = this.byFirst.get(first) ?? [];
      if (!list.some((p) => p.value === value && p.ids.join() === ids.join())) list.push({ ids, value });
      this.byFirst.set(first, list);
    }
  }

  /** The one value the whole message stands for, or undefined (no match, or two values tie). */
  match(text: string): V | undefined {
    const keys = keysOf(text);
    const n = keys.length;
    if (n === 0 || n > MAX_WORDS) return undefined;
    const hits = keys.map((k) => new Map(this.tokens.lookup(k).map((h) => [h.id, h.quality] as const)));
    const best = Array.from({ length: n + 1 }, () => new Map<V | typeof NONE, Cost>());
    best[n]?.set(NONE, { skipped: 0, fuzzy: 0, phrases: 0 });
    for (let i = n - 1; i >= 0; i--) {
      const here = best[i] as Map<V | typeof NONE, Cost>;
      const relax = (value: V | typeof NONE, cost: Cost) => {
        if (better(cost, here.get(value))) here.set(value, cost);
      };
      if (this.fillers.has(keys[i] as string)) {
        for (const [value, cost] of best[i + 1] ?? []) relax(value, { ...cost, skipped: cost.skipped + 1 });
      }
      for (const first of hits[i]?.keys() ?? []) {
        for (const phrase of this.byFirst.get(first) ?? []) {
          const end = i + phrase.ids.length;
          if (end > n || !phrase.ids.every((id, k) => hits[i + k]?.has(id))) continue;
          const fuzzy = phrase.ids.filter((id, k) => (hits[i + k]?.get(id) ?? 0) < 1).length;
          for (const [value, cost] of best[end] ?? []) {
            if (value === NONE || value === phrase.value) {
              relax(phrase.value, {
                skipped: cost.skipped,
                fuzzy: cost.fuzzy + fuzzy,
                phrases: cost.phrases + 1,
              });
            }
          }
        }
      }
    }
    let winner: V | undefined;
    let winnerCost: Cost | undefined;
    let tie = false;
    for (const [value, cost] of best[0] ?? []) {
      if (value === NONE) continue;
      if (better(cost, winnerCost)) {
        winner = value;
        winnerCost = cost;
        tie = false;
      } else if (winnerCost && compare(cost, winnerCost) === 0) {
        tie = true;
      }
    }
    return tie ? undefined : winner;
  }

  /** Every (value, phrase key) pair, for validation. */
  phraseKeys(): { value: V; key: string }[] {
    const out: { value: V; key: string }[] = [];
    for (const list of this.byFirst.values()) {
      for (const p of list)
        out.push({ value: p.value, key: p.ids.map((id) => this.tokens.keyOf(id)).join(' ') });
    }
    return out;
  }
}
