// A pure transition function for one machine. xstate's `transition()` is pure too, but builds a throwaway
// actor (running the machine's initial state) on every call; one inert actor scope per machine, reused,
// gives the same next snapshot and action list without that work. Safe because our machines spawn no
// children: nothing is ever registered in the scope's system.
import { createActor, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

export interface CollectedAction {
  readonly type: string;
  readonly params?: unknown;
}

export type PureTransition<M extends AnyStateMachine> = (
  snapshot: SnapshotFrom<M>,
  event: EventFromLogic<M>,
) => [SnapshotFrom<M>, CollectedAction[]];

const cache = new WeakMap<AnyStateMachine, PureTransition<AnyStateMachine>>();

export function pureTransition<M extends AnyStateMachine>(machine: M): PureTransition<M> {
  const known = cache.get(machine);
  if (known) return known as PureTransition<M>;
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
  const step: PureTransition<M> = (snapshot, event) => {
    sink = [];
    const next = machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
    return [next, sink];
  };
  cache.set(machine, step as PureTransition<AnyStateMachine>);
  return step;
}
