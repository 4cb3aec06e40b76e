// The offline ranking simulation on a small population: deterministic, only eligible items shown, and the
// learning ranker beats random eligible items at round 20.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../bench/simulation/simulate.js';
import { buildWorld } from '../../bench/simulation/world.js';
import { loadCatalog } from '../../src/personalize/catalog.js';
import { loadSegments } from '../../src/personalize/segments.js';

const catalog = loadCatalog();
const segments = loadSegments();

describe('ranking simulation', () => {
  it('builds the same hidden world for the same seed, a different one for another', () => {
    const a = buildWorld({ owners: 30, seed: 1, catalog, segments });
    const b = buildWorld({ owners: 30, seed: 1, catalog, segments });
    const c = buildWorld({ owners: 30, seed: 2, catalog, segments });
    expect(Array.from(a.hidden.logits)).toEqual(Array.from(b.hidden.logits));
    expect(Array.from(a.hidden.logits)).not.toEqual(Array.from(c.hidden.logits));
    // Hidden log-odds exist exactly for the eligible items.
    for (const o of a.owners) {
      const known = a.items.filter(
        (_, i) => !Number.isNaN(a.hidden.logits[o.index * a.items.length + i] ?? Number.NaN),
      );
      expect(known.map((i) => i.id).sort()).toEqual(o.candidates.map((c) => c.item.id).sort());
    }
  });

  it('runs, and the learning ranker beats random eligible items at round 20', async () => {
    const run = () =>
      simulate({
        owners: 400,
        rounds: 20,
        seed: 3,
        catalog,
        segments,
        policies: ['random', 'owner-rules', 'saathi'],
      });
    const result = await run();
    const ctr = (name: string): number[] => result.results.find((r) => r.name.startsWith(name))?.ctr ?? [];
    for (const r of result.results) {
      expect(r.ctr).toHaveLength(20);
      expect(r.impressions).toBe(400 * 20 * 3);
    }
    const saathi = ctr('Saathi');
    expect(saathi[19]).toBeGreaterThan(1.5 * (ctr('random')[19] ?? 1));
    expect(saathi[19]).toBeGreaterThan(saathi[0] ?? 1);
    expect((await run()).results.map((r) => r.ctr)).toEqual(result.results.map((r) => r.ctr));
  }, 60_000);
});
