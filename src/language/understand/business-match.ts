// Scores every synonym phrase found in a message and picks the business kind: more matched words win,
// exact words beat stems, endings and typos, and a second separate mention of the same kind adds weight.
import type { Sector } from '../../profile/profile.js';
import type { Lang } from '../langs.js';
import { contentKeys, type BusinessIndex, type KindPhrase } from './business-index.js';

export interface BusinessKindMatch {
  readonly id: string;
  readonly sector: Sector;
  readonly subSector: string;
  /** confidence in (0, 1]: 1 when a synonym matched word for word, lower for stems, endings and typos */
  readonly score: number;
}

interface Found {
  readonly start: number;
  readonly end: number;
  readonly rank: number;
  readonly confidence: number;
}

/** Weight of further, separate mentions of the same kind ("kirana ... general store"). */
const EXTRA_MENTION = 0.3;
const GAP_PENALTY = 0.9;
const HINT_BONUS = 0.05;
const MAX_WORDS = 60;

/** Tries a phrase at position `start`, allowing one unknown word inside it ("mobile phone repair"). */
function extend(
  phrase: KindPhrase,
  start: number,
  first: number,
  hits: readonly Map<number, number>[],
): Found | undefined {
  let pos = start + 1;
  let sum = first;
  let gap = false;
  for (let k = 1; k < phrase.ids.length; k++) {
    const id = phrase.ids[k] as number;
    const here = hits[pos]?.get(id);
    if (here !== undefined) {
      sum += here;
      pos += 1;
      continue;
    }
    const skipped = gap ? undefined : hits[pos + 1]?.get(id);
    if (skipped === undefined) return undefined;
    gap = true;
    sum += skipped;
    pos += 2;
  }
  const factor = gap ? GAP_PENALTY : 1;
  return {
    start,
    end: pos,
    rank: sum * factor + phrase.chars / 1000,
    confidence: (sum / phrase.ids.length) * factor,
  };
}

/** The business kind the text talks about in the given index; the longest, most exact match wins. */
export function findBusinessKind(
  ix: BusinessIndex,
  text: string,
  lang?: Lang,
): BusinessKindMatch | undefined {
  const keys = contentKeys(text, ix.connectors).slice(0, MAX_WORDS);
  if (keys.length === 0) return undefined;
  const hits = keys.map((k) => {
    const found = ix.tokens.lookup(k).filter((h) => h.quality === 1 || !ix.exactOnly.has(k));
    return new Map(found.map((h) => [h.id, h.quality] as const));
  });
  const perKind = new Map<number, Found[]>();
  hits.forEach((here, start) => {
    for (const [id, quality] of here) {
      for (const phrase of ix.byFirst.get(id) ?? []) {
        const found = extend(phrase, start, quality, hits);
        if (!found) continue;
        const ranked = lang && phrase.lang === lang ? { ...found, rank: found.rank + HINT_BONUS } : found;
        perKind.set(phrase.kind, [...(perKind.get(phrase.kind) ?? []), ranked]);
      }
    }
  });
  let best: { kind: number; total: number; confidence: number } | undefined;
  for (const [kind, found] of perKind) {
    const sorted = [...found].sort((a, b) => b.rank - a.rank);
    const top = sorted[0] as Found;
    const taken: Found[] = [top];
    let total = top.rank;
    for (const f of sorted.slice(1)) {
      if (taken.some((t) => f.start < t.end && t.start < f.end)) continue;
      taken.push(f);
      total += EXTRA_MENTION * f.rank;
    }
    if (!best || total > best.total || (total === best.total && top.confidence > best.confidence)) {
      best = { kind, total, confidence: top.confidence };
    }
  }
  const entry = best && ix.kinds[best.kind];
  if (!best || !entry) return undefined;
  return {
    id: entry.id,
    sector: entry.sector,
    subSector: entry.subSector,
    score: Math.round(best.confidence * 1000) / 1000,
  };
}
