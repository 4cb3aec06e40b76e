// The impure shell around the pure machine: replay a known message's answer, load the snapshot,
// interpret the message, transition, save with a version check (retrying on a conflict), run the effects.
import { initialTransition } from 'xstate';
import type { Lang } from '../language/langs.js';
import { detectLanguage } from '../language/detect/index.js';
import type { Recommendation } from '../personalize/recommend.js';
import type { Profile } from '../profile/profile.js';
import type { Flow } from './flow.js';
import { interpret } from './interpret.js';
import { languageToOffer } from './language-policy.js';
import type { SaathiMachine } from './machine.js';
import { pureTransition } from './pure-transition.js';
import type { ConversationRecord, ConversationStore } from './store.js';
import type { DialogueContext, DialogueEvent, Effect, InboundEvent, Reply } from './types.js';

export type Recommender = (profile: Profile, opts: { exclude: readonly string[]; limit: number }) => Recommendation[];

export interface EngineDeps {
  readonly store: ConversationStore;
  readonly flow: Flow;
  readonly machine: SaathiMachine;
  readonly rank: Recommender;
  readonly ownerId: (from: string) => string;
  readonly clock?: () => Date;
  /** Silence after which a conversation restarts politely at the menu. */
  readonly idleMs: number;
  /** Silence after which the owner is welcomed back by name. */
  readonly returnMs?: number;
  readonly labelOf?: (lang: Lang, key: string) => string;
  /** Notified after each committed turn (metrics). */
  readonly onTurn?: (turn: { state: string; lang: Lang; replies: number }) => void;
}

export interface TurnOutcome {
  readonly lang: Lang;
  readonly replies: readonly Reply[];
  readonly state: string;
}

/** Renders a turn for the channel; its output is what the receipt keeps for redeliveries. */
export type TurnRenderer = (outcome: TurnOutcome) => string;

export const RECS_PER_PAGE = 3;
const MAX_ATTEMPTS = 12;

type Snapshot = ReturnType<SaathiMachine['resolveState']>;

/** The turn could not be saved because the owner's conversation kept changing underneath it. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/**
 * Handles one inbound message and returns the rendered answer (the same answer for a redelivery).
 * Concurrency is optimistic: two messages of one owner arriving at once both compute a turn, one
 * commits, the other finds the version moved and runs again on the new state, so they are handled
 * one after the other and neither is lost.
 */
export async function handleInbound(deps: EngineDeps, inbound: InboundEvent, render: TurnRenderer): Promise<string> {
  const ownerId = deps.ownerId(inbound.from);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.random() * 5 * attempt);
    const { receipt, conversation } = await deps.store.begin(ownerId, inbound.messageId);
    if (receipt !== undefined) return receipt;
    const { outcome, record, effects } = step(deps, conversation?.record, inbound);
    const replies = effects.flatMap((effect) => toReplies(deps, record, effect));
    const response = render({ ...outcome, replies });
    const erase = effects.some((effect) => effect.type === 'erase');
    const result = await deps.store.commit(ownerId, conversation?.version ?? 0, erase ? null : record, {
      messageId: inbound.messageId,
      response,
    });
    if (result === 'ok') {
      deps.onTurn?.({ state: record.state, lang: record.context.lang, replies: replies.length });
      return response;
    }
  }
  throw new ConflictError(`could not save the turn for message ${inbound.messageId}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function detectFirstLanguage(text: string): Lang {
  const detection = detectLanguage(text);
  return detection.lang !== 'unknown' && detection.confidence >= 0.5 ? detection.lang : 'en';
}

/** The pure part of a turn: from the stored record and a message to the next record and effects. */
export function step(
  deps: Pick<EngineDeps, 'flow' | 'machine' | 'clock' | 'idleMs' | 'returnMs' | 'labelOf'>,
  stored: ConversationRecord | undefined,
  inbound: InboundEvent,
): { outcome: TurnOutcome; record: ConversationRecord; effects: Effect[] } {
  const now = (deps.clock ?? (() => new Date()))();
  const fresh = stored === undefined;
  let snapshot: Snapshot;
  const effects: Effect[] = [];
  if (fresh) {
    const [initial, actions] = initialTransition(deps.machine, { lang: detectFirstLanguage(inbound.text) });
    snapshot = initial;
    effects.push(...collect(actions));
  } else {
    snapshot = restore(deps.machine, stored);
  }

  const events: DialogueEvent[] = [];
  const silentMs = stored ? now.getTime() - stored.lastSeen : 0;
  const idle = !fresh && silentMs >= deps.idleMs;
  if (!fresh && (idle || silentMs >= (deps.returnMs ?? 3_600_000))) events.push({ type: 'RETURNING', idle });
  const userEvent = interpret(
    String(snapshot.value),
    snapshot.context,
    { text: inbound.text, payload: inbound.payload, location: inbound.location, profileName: inbound.profileName },
    deps.flow,
    now,
    deps.labelOf,
  );
  const mediaOnly = inbound.media.length > 0 && inbound.text.trim() === '' && !inbound.payload && !inbound.location;
  // After a long silence the owner lands on the menu; only a command is acted on right away.
  if (mediaOnly && !fresh) effects.push({ type: 'say', reply: { type: 'text', msg: { key: 'error.media' } } });
  else if (!idle || userEvent.type.startsWith('CMD.') || userEvent.type === 'SET_LANG') events.push(userEvent);

  const offer = offerFor(String(snapshot.value), snapshot.context, inbound, userEvent, events);
  if (offer) events.push({ type: 'OFFER_LANG', lang: offer });

  const transition = pureTransition(deps.machine);
  for (const event of events) {
    const [next, actions] = transition(snapshot, event);
    snapshot = next;
    effects.push(...collect(actions));
  }

  const context: DialogueContext = snapshot.context;
  const record: ConversationRecord = {
    flow: { id: deps.flow.id, version: deps.flow.version },
    state: String(snapshot.value),
    context: context.consent === 'declined' ? declinedOnly(context) : context,
    lastSeen: now.getTime(),
  };
  return { outcome: { lang: context.lang, replies: [], state: record.state }, record, effects };
}

/** A language to offer after this message, when it was free text clearly written in another language. */
function offerFor(
  state: string,
  context: DialogueContext,
  inbound: InboundEvent,
  userEvent: DialogueEvent,
  events: readonly DialogueEvent[],
): Lang | undefined {
  if (!events.includes(userEvent) || inbound.payload !== undefined) return undefined;
  if (!['ANSWER', 'UNCLEAR', 'HELLO'].includes(userEvent.type) || ['new', 'stopped', 'languageMenu'].includes(state)) return undefined;
  // Offers need a few words; skip the detector for the short answers that most turns are.
  if (!/\S\s+\S/u.test(inbound.text)) return undefined;
  return languageToOffer(inbound.text, detectLanguage(inbound.text), context.lang, context.offered ?? []);
}

/** Rebuilds the snapshot; a state that no longer exists (the flow changed) resumes at the menu. */
function restore(machine: SaathiMachine, stored: ConversationRecord): Snapshot {
  const known = Object.keys(machine.root.states).includes(stored.state) && stored.state !== 'routing';
  return machine.resolveState({ value: known ? stored.state : 'menu', context: stored.context });
}

/** An owner who declined keeps nothing but that fact (and the language to say it in). */
function declinedOnly(context: DialogueContext): DialogueContext {
  return {
    lang: context.lang,
    consent: 'declined',
    optedOut: context.optedOut,
    profile: {},
    skipped: [],
    history: [],
    attempts: context.attempts,
    editing: false,
    goto: 'declined',
    returnTo: 'declined',
    page: 0,
    dismissed: [],
  };
}

function collect(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions.filter((action) => action.type === 'effect').map((action) => action.params as Effect);
}

/** The replies an effect produces, in the order the machine emitted them. */
function toReplies(deps: EngineDeps, record: ConversationRecord, effect: Effect): Reply[] {
  if (effect.type === 'say') return [effect.reply];
  if (effect.type !== 'recommend') return [];
  const { profile, dismissed } = record.context;
  const limit = (effect.page + 1) * RECS_PER_PAGE;
  const page = deps.rank(profile, { exclude: dismissed, limit }).slice(effect.page * RECS_PER_PAGE, limit);
  if (page.length === 0) return [{ type: 'text', msg: { key: 'recs.none' } }];
  return [
    { type: 'text', msg: { key: effect.page === 0 ? 'recs.intro' : 'recs.intro.more' } },
    ...page.map(
      (rec, index): Reply => ({
        type: 'item',
        rank: effect.page * RECS_PER_PAGE + index + 1,
        itemId: rec.item.id,
        reasons: rec.reasons.map((reason) => ({ key: reason.key, params: reason.params })),
      }),
    ),
  ];
}
