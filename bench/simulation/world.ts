// The simulated world: synthetic owners (what Saathi may see: profile, segment, eligible items) and,
// kept apart, their hidden click preferences. Only simulate.ts reads `Hidden`; policies never get it.
import { sampleNormal, type Rng } from '../../src/personalize/bandit.js';
import type { Catalog, CatalogItem } from '../../src/personalize/catalog.js';
import { seededRandom } from '../../src/personalize/personas.js';
import { candidates, type Candidate } from '../../src/personalize/ranker.js';
import { segmentOf, type Segment } from '../../src/personalize/segments.js';
import { AREAS, NEEDS, SECTORS, type Profile } from '../../src/profile/profile.js';
import { generateOwners } from '../../src/profile/synthetic.js';

/** The hidden preference model (README.md explains each term). Logit scale. */
export interface TasteModel {
  /** log-odds of a click for an average item, before any taste */
  base: number;
  /** sd of a per-item quality (some tips are simply better written or more useful) */
  itemQuality: number;
  /** added when the item helps with the owner's stated need (what the rules already use) */
  needFit: number;
  /** sd of how popular a topic is with everyone */
  topicPopularity: number;
  /** sd of taste for a topic by sector, by need and by rural/urban (shared by owners alike in that trait) */
  sectorTaste: number;
  needTaste: number;
  areaTaste: number;
  /** sd of one owner's own taste for a topic */
  ownerTaste: number;
  /** sd of per (owner, item) noise */
  noise: number;
  /** log-odds lost per earlier click on the same item (already read it) */
  afterClick: number;
  /** log-odds lost per earlier impression that was not clicked */
  afterIgnore: number;
  /** chance that an impression not clicked is dismissed ("not for me") */
  dismiss: number;
}

/**
 * The headline model: stationary preferences, as the issue specifies (no fatigue). ASSUMED values, chosen
 * to be plausible (README.md); `bench/ranking.ts` also reports weaker tastes and a fatigue variant.
 */
export const DEFAULT_TASTES: TasteModel = {
  base: -4.5,
  itemQuality: 0.6,
  needFit: 0.8,
  topicPopularity: 0.5,
  sectorTaste: 1,
  needTaste: 1,
  areaTaste: 0.4,
  ownerTaste: 0.5,
  noise: 0.3,
  afterClick: 0,
  afterIgnore: 0,
  dismiss: 0.02,
};

/** A harsher world: owners tire of what they have seen (used with resting in the sensitivity table). */
export const FATIGUE: Pick<TasteModel, 'afterClick' | 'afterIgnore'> = { afterClick: 1, afterIgnore: 0.25 };

/** What a policy may know about an owner. */
export interface SimOwner {
  readonly index: number;
  readonly ownerId: string;
  readonly profile: Profile;
  readonly segment: string;
  /** eligible items with rule relevance (ranker.ts `candidates`), computed once */
  readonly candidates: readonly Candidate[];
}

/** The hidden part: the latent click log-odds of each owner for each catalog item. */
export interface Hidden {
  /** owners × items, row-major; NaN where the item is not eligible */
  readonly logits: Float64Array;
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly model: TasteModel;
}

export interface World {
  readonly owners: readonly SimOwner[];
  readonly items: readonly CatalogItem[];
  readonly hidden: Hidden;
}

/** Deterministic 32-bit seed for a named stream of a simulation seed. */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) >>> 0;
}

function table<K extends string>(
  keys: readonly K[],
  topics: readonly string[],
  sd: number,
  rng: Rng,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) for (const t of topics) out.set(`${k}/${t}`, sd * sampleNormal(rng));
  return out;
}

export function buildWorld(opts: {
  owners: number;
  seed: number;
  catalog: Catalog;
  segments: readonly Segment[];
  model?: TasteModel;
}): World {
  const { catalog, segments, seed, model = DEFAULT_TASTES } = opts;
  const items = catalog.items;
  const topics = [...new Set(items.map((i) => i.topic))];
  const rng = seededRandom(streamSeed(seed, 'tastes'));
  const quality = items.map(() => model.itemQuality * sampleNormal(rng));
  const popularity = new Map(topics.map((t) => [t, model.topicPopularity * sampleNormal(rng)]));
  const bySector = table(SECTORS, topics, model.sectorTaste, rng);
  const byNeed = table(NEEDS, topics, model.needTaste, rng);
  const byArea = table(AREAS, topics, model.areaTaste, rng);

  const owners: SimOwner[] = [];
  const logits = new Float64Array(opts.owners * items.length).fill(Number.NaN);
  let index = 0;
  for (const record of generateOwners(opts.owners, `sim-${seed}`)) {
    const { profile } = record;
    const cands = candidates(profile, catalog);
    owners.push({
      index,
      ownerId: record.ownerId,
      profile,
      segment: segmentOf(profile, segments).id,
      candidates: cands,
    });
    const own = seededRandom(streamSeed(seed, `owner/${index}`));
    const ownerTaste = new Map(topics.map((t) => [t, model.ownerTaste * sampleNormal(own)]));
    const eligible = new Set(cands.map((c) => c.item.id));
    items.forEach((item, i) => {
      const noise = model.noise * sampleNormal(own); // drawn for every item, so eligibility never shifts the stream
      if (!eligible.has(item.id)) return;
      const t = item.topic;
      const trait = (tab: Map<string, number>, key: string | undefined): number =>
        tab.get(`${key}/${t}`) ?? 0;
      logits[index * items.length + i] =
        model.base +
        (quality[i] ?? 0) +
        (profile.need !== undefined && item.needs.includes(profile.need) ? model.needFit : 0) +
        (popularity.get(t) ?? 0) +
        trait(bySector, profile.sector) +
        trait(byNeed, profile.need) +
        trait(byArea, profile.area) +
        (ownerTaste.get(t) ?? 0) +
        noise;
    });
    index++;
  }
  return { owners, items, hidden: { logits, itemIndex: new Map(items.map((it, i) => [it.id, i])), model } };
}
