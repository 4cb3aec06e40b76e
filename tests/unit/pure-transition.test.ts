// The reused inert scope must give exactly what xstate's own pure transition() gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { loadFlow } from '../../src/dialogue/flow.js';
import { buildMachine } from '../../src/dialogue/machine.js';
import { pureTransition } from '../../src/dialogue/pure-transition.js';
import type { DialogueEvent } from '../../src/dialogue/types.js';

const machine = buildMachine(loadFlow());
const step = pureTransition(machine);

const event: fc.Arbitrary<DialogueEvent> = fc.oneof(
  fc.constantFrom<DialogueEvent>(
    { type: 'HELLO' },
    { type: 'UNCLEAR' },
    { type: 'CMD.menu' },
    { type: 'CMD.help' },
    { type: 'CMD.stop' },
    { type: 'CMD.start' },
    { type: 'CMD.skip' },
    { type: 'CMD.back' },
    { type: 'CMD.delete' },
    { type: 'CMD.language' },
    { type: 'CMD.more' },
    { type: 'RETURNING', idle: true },
    { type: 'SET_LANG', lang: 'ta' },
    { type: 'OFFER_LANG', lang: 'hi' },
    { type: 'ANSWER', fields: { workers: 3 } },
    { type: 'ANSWER', fields: { businessKind: 'kirana', sector: 'trade', subSector: 'retail_grocery' } },
  ),
  fc
    .constantFrom('yes', 'no', 'edit', 'more', 'menu', 'continue', 'ta', '1')
    .map((id): DialogueEvent => ({ type: 'CHOOSE', id })),
);

const view = (actions: readonly { type: string; params?: unknown }[]) =>
  actions.map((a) => ({ type: a.type, params: a.params }));

describe('pureTransition', () => {
  it('matches xstate transition() on arbitrary event sequences', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 25 }), (events) => {
        let [ours] = initialTransition(machine, { lang: 'en' });
        let [theirs] = initialTransition(machine, { lang: 'en' });
        for (const e of events) {
          const [nextOurs, actionsOurs] = step(ours, e);
          const [nextTheirs, actionsTheirs] = transition(machine, theirs, e);
          expect(nextOurs.value).toEqual(nextTheirs.value);
          expect(nextOurs.context).toEqual(nextTheirs.context);
          expect(view(actionsOurs)).toEqual(view(actionsTheirs));
          ours = nextOurs;
          theirs = nextTheirs;
        }
      }),
      { numRuns: 300 },
    );
  });
});
