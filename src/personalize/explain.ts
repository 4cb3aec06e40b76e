// "Why this?": the reasons an item was suggested, from what actually produced the choice — the
// eligibility conditions that held for this owner, every scoring signal (not only the three shown with
// the item), and the learned signal when the segment's feedback lifted it. Never canned text.
import type { Msg } from '../dialogue/types.js';
import type { Profile } from '../profile/profile.js';
import type { CatalogItem } from './catalog.js';
import { POPULAR_REASON, withoutSensitive } from './ranker.js';
import { scoreItem } from './recommend.js';
import { evaluate, explain, type HeldCondition } from './rules.js';

/** The conditions the scorer does not turn into reasons, said when the owner asks why. */
function conditionMsg(held: HeldCondition): Msg | undefined {
  if (held.negated || held.value === null) return undefined;
  switch (held.field) {
    case 'gender':
    case 'socialCategory':
      // Never says which group: only that the scheme is set aside and the owner's answers fit it.
      return { key: 'why.group' };
    case 'sizeClass':
      return { key: 'why.size', params: { size: String(held.value) } };
    default:
      return undefined;
  }
}

/**
 * Every reason for suggesting `item` to the owner with `profile`, eligibility first. `shown` are the
 * reasons given when the item was shown (they carry the learned "popular with owners like you" signal).
 */
export function explainItem(item: CatalogItem, profile: Profile, shown: readonly Msg[] = []): Msg[] {
  const verdict = item.eligibility ? evaluate(item.eligibility, profile) : 'yes';
  const held = item.eligibility ? explain(item.eligibility, profile) : [];
  const msgs: Msg[] = held.map(conditionMsg).filter((msg): msg is Msg => msg !== undefined);
  msgs.push(...scoreItem(item, withoutSensitive(profile), verdict, Number.POSITIVE_INFINITY).reasons);
  if (shown.some((msg) => msg.key === POPULAR_REASON)) msgs.push({ key: POPULAR_REASON });
  if (
    item.kind === 'offer' &&
    item.amount &&
    profile.amount !== undefined &&
    profile.amount <= item.amount.max
  ) {
    msgs.push({ key: 'reason.amount_fits', params: { amount: profile.amount, max: item.amount.max } });
  }
  if (verdict === 'unknown') msgs.push({ key: 'why.unsure' });
  if (msgs.length === 0) msgs.push({ key: 'why.open' });
  const seen = new Set<string>();
  return msgs.filter((msg) => {
    const id = msg.key;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
