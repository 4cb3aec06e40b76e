// Greedy page diversity shared by the first recommender and the learning ranker: best first, but a group
// (offers of one scheme, tips of one topic) is not repeated while others remain, and each page holds
// both tips and offers when both remain. Prefix-stable: stopping at `limit` gives the same first items
// as ordering everything, so page 2 extends page 1 without reshuffling it.
import type { CatalogItem } from './catalog.js';

export const PAGE = 3;

export interface DiversifyOptions<T> {
  readonly item: (row: T) => CatalogItem;
  /** Rested rows are used only when no other row is left. */
  readonly rested?: (row: T) => boolean;
  /** Never two offers of one scheme on one page, even when only such offers are left (the list ends). */
  readonly oneOfferPerSchemePerPage?: boolean;
}

const groupOf = (item: CatalogItem): string =>
  item.kind === 'offer' ? `scheme:${item.scheme}` : `topic:${item.topic}`;

/** Orders `sorted` (best first) into at most `limit` rows. */
export function diversify<T>(sorted: readonly T[], limit: number, opts: DiversifyOptions<T>): T[] {
  const { item, rested = () => false, oneOfferPerSchemePerPage = false } = opts;
  const remaining = [...sorted];
  const out: T[] = [];
  const usedGroups = new Set<string>();
  while (remaining.length > 0 && out.length < limit) {
    const page = out.slice(out.length - (out.length % PAGE)).map(item);
    const pageKinds = new Set(page.map((i) => i.kind));
    const pageSchemes = new Set(page.flatMap((i) => (i.kind === 'offer' ? [i.scheme] : [])));
    const lastSlot = page.length === PAGE - 1;
    const kindsLeft = new Set(remaining.map((r) => item(r).kind));
    const allowed = (r: T): boolean => {
      const it = item(r);
      return !oneOfferPerSchemePerPage || it.kind !== 'offer' || !pageSchemes.has(it.scheme);
    };
    // The last slot of a page that so far holds one kind takes the other kind, if any is left.
    const mixes = (r: T): boolean =>
      !lastSlot || pageKinds.size !== 1 || kindsLeft.size === 1 || !pageKinds.has(item(r).kind);
    const fresh = (r: T): boolean => !usedGroups.has(groupOf(item(r)));
    const tests = [false, true].flatMap((isRested) => [
      (r: T) => rested(r) === isRested && fresh(r) && mixes(r),
      (r: T) => rested(r) === isRested && mixes(r),
      (r: T) => rested(r) === isRested,
    ]);
    const index = tests.map((ok) => remaining.findIndex((r) => allowed(r) && ok(r))).find((i) => i >= 0);
    if (index === undefined) break; // only offers of a scheme already on this page are left
    const [next] = remaining.splice(index, 1);
    if (next === undefined) break;
    usedGroups.add(groupOf(item(next)));
    out.push(next);
  }
  return out;
}
