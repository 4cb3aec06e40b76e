// Pure transition functions for one machine. xstate's `transition()` and `initialTransition()` are pure
// too, but build a throwaway actor (and, for `transition()`, run the machine's initial state) on every
// call; one inert actor scope per machine, reused, gives the same snapshots and action lists without that
// work. Safe because our machines spawn no children: nothing is ever registered in the scope's system.
import {
  createActor,
  type AnyStateMachine,
  type ContextFrom,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';

export interface CollectedAction {
  readonly type: string;
  readonly params?: unknown;
}

export type PureTransition<M extends AnyStateMachine> = (
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M>,
) => [SnapshotFrom<M>, CollectedAction[]];

export type PureInitial<M extends AnyStateMachine> = (
  input: InputFrom<M>,
) => [SnapshotFrom<M>, CollectedAction[]];

export type PureRestore<M extends AnyStateMachine> = (
  value: string,
  context: ContextFrom<M>,
) => SnapshotFrom<M>;

interface Pure<M extends AnyStateMachine> {
  readonly transition: PureTransition<M>;
  readonly initial: PureInitial<M>;
  readonly restore: PureRestore<M>;
}

const cache = new WeakMap<AnyStateMachine, Pure<AnyStateMachine>>();

/** The machine's next snapshot and actions for an event, as xstate's `transition()` gives them. */
export function pureTransition<M extends AnyStateMachine>(machine: M): PureTransition<M> {
  return pure(machine).transition;
}

/** The machine's first snapshot and entry actions for an input, as xstate's `initialTransition()` gives them. */
export function pureInitial<M extends AnyStateMachine>(machine: M): PureInitial<M> {
  return pure(machine).initial;
}

/**
 * The snapshot of a stored top-level state and context, as `machine.resolveState({ value, context })`
 * gives it. What depends on the state alone (its state nodes, value, tags, status) is resolved once per
 * state and kept; each call gives a new snapshot object with the context and empty children and history
 * (our machines spawn no children and have no history states). Held to resolveState by a property test.
 */
export function pureRestore<M extends AnyStateMachine>(machine: M): PureRestore<M> {
  return pure(machine).restore;
}

function pure<M extends AnyStateMachine>(machine: M): Pure<M> {
  const known = cache.get(machine);
  if (known) return known;
  const self = createActor(machine);
  let sink: CollectedAction[] = [];
  const noop = () => undefined;
  const scope = {
    self,
    id: '',
    sessionId: '',
    logger: noop,
    defer: noop,
    emit: noop,
    stopChild: noop,
    system: self.system,
    actionExecutor: (action: CollectedAction) => {
      sink.push(action);
    },
  } as unknown as Parameters<M['transition']>[2];
  const resolved = new Map<string, object>();
  const made: Pure<M> = {
    transition: (snapshot, event) => {
      sink = [];
      const next = machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
      return [next, sink];
    },
    initial: (input) => {
      sink = [];
      const first = machine.getInitialSnapshot(scope, input) as SnapshotFrom<M>;
      return [first, sink];
    },
    restore: (value, context) => {
      let state = resolved.get(value);
      if (state === undefined) {
        state = machine.resolveState({ value, context: {} }) as object;
        resolved.set(value, state);
      }
      return { ...state, context, children: {}, historyValue: {} } as SnapshotFrom<M>;
    },
  };
  cache.set(machine, made);
  return made;
}
