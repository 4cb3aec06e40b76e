// The reused inert scope must give exactly what xstate's own pure transition() gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { loadFlow } from '../../src/dialogue/flow.js';
import { buildMachine } from '../../src/dialogue/machine.js';
import { pureInitial, pureRestore, pureTransition } from '../../src/dialogue/pure-transition.js';
import type { DialogueEvent } from '../../src/dialogue/types.js';

const machine = buildMachine(loadFlow());
const step = pureTransition(machine);
const initial = pureInitial(machine);
const restore = pureRestore(machine);

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
        let [ours] = initial({ lang: 'en' });
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

  it('matches xstate initialTransition() for several languages: snapshot and entry actions', () => {
    for (const lang of ['en', 'hi', 'ta', 'ur'] as const) {
      const [ours, actionsOurs] = initial({ lang });
      const [theirs, actionsTheirs] = initialTransition(machine, { lang });
      expect(ours.value).toEqual(theirs.value);
      expect(ours.context).toEqual(theirs.context);
      expect(view(actionsOurs)).toEqual(view(actionsTheirs));
    }
  });

  it('restores every state as resolveState does, and both go on alike', () => {
    // Contexts reached by arbitrary events, restored at every top-level state of the machine.
    const states = Object.keys(machine.root.states).filter((name) => name !== 'routing');
    expect(states.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 12 }),
        fc.constantFrom(...states),
        event,
        (events, state, next) => {
          let [reached] = initial({ lang: 'hi' });
          for (const e of events) [reached] = step(reached, e);
          const ours = restore(state, reached.context);
          const theirs = machine.resolveState({ value: state, context: reached.context });
          expect(ours.value).toEqual(theirs.value);
          expect(ours.status).toBe(theirs.status);
          expect(ours.context).toBe(theirs.context);
          expect([...ours.tags]).toEqual([...theirs.tags]);
          expect(ours._nodes).toEqual(theirs._nodes);
          expect(ours.children).toEqual(theirs.children);
          expect(ours.historyValue).toEqual(theirs.historyValue);
          expect(ours.value).toBe(state);
          const [afterOurs, actionsOurs] = step(ours, next);
          const [afterTheirs, actionsTheirs] = transition(machine, theirs, next);
          expect(afterOurs.value).toEqual(afterTheirs.value);
          expect(afterOurs.context).toEqual(afterTheirs.context);
          expect(view(actionsOurs)).toEqual(view(actionsTheirs));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives each restore its own snapshot: one turn cannot change the next', () => {
    const [first] = initial({ lang: 'en' });
    const a = restore('menu', first.context);
    const b = restore('menu', { ...first.context, lang: 'ta' });
    expect(a).not.toBe(b);
    expect(a.children).not.toBe(b.children);
    expect(a.historyValue).not.toBe(b.historyValue);
    expect(a.context.lang).toBe('en');
    expect(b.context.lang).toBe('ta');
  });
});
