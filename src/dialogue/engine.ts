// The impure shell around the pure machine: replay a known message's answer, load the snapshot,
// interpret the message, transition, save with a version check (retrying on a conflict), run the effects.
import type { Lang } from '../language/langs.js';
import { detectLanguage } from '../language/detect/index.js';
import type { Personalizer } from '../personalize/personalizer.js';
import type { Flow } from './flow.js';
import { interpret } from './interpret.js';
import { languageToOffer } from './language-policy.js';
import type { SaathiMachine } from './machine.js';
import { pureInitial, pureRestore, pureTransition } from './pure-transition.js';
import type { Begun, ConversationRecord, ConversationStore } from './store.js';
import type { DialogueContext, DialogueEvent, Effect, InboundEvent, Reply, ShownItem } from './types.js';

/** A committed turn, for the work that follows it (profile store, consent ledger, feedback, leads). */
export interface CommittedTurn {
  readonly ownerId: string;
  readonly inbound: InboundEvent;
  /** The conversation before the turn (undefined for a new owner). */
  readonly before: ConversationRecord | undefined;
  /** The conversation after it; null when the owner erased their data. */
  readonly after: ConversationRecord | null;
  readonly effects: readonly Effect[];
  /** Items shown in this turn's replies. */
  readonly shown: readonly string[];
  readonly now: Date;
}

export interface EngineDeps {
  readonly store: ConversationStore;
  readonly flow: Flow;
  readonly machine: SaathiMachine;
  readonly personalizer: Personalizer;
  readonly ownerId: (from: string) => string;
  readonly clock?: () => Date;
  /** Silence after which a conversation restarts politely at the menu. */
  readonly idleMs: number;
  /** Silence after which the owner is welcomed back by name. */
  readonly returnMs?: number;
  readonly labelOf?: (lang: Lang, key: string) => string;
  /** Notified after each committed turn (metrics). */
  readonly onTurn?: (turn: { state: string; lang: Lang; replies: number }) => void;
  /**
   * Runs after a turn is committed and before its answer leaves: stores, ledger, feedback, leads. A
   * failure is reported through `onAfterTurnError`; the committed turn and its answer stand.
   */
  readonly afterTurn?: (turn: CommittedTurn) => Promise<void>;
  /** Told when `afterTurn` fails (logged and counted by the composition root). */
  readonly onAfterTurnError?: (error: unknown, messageId: string) => void;
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
export async function handleInbound(
  deps: EngineDeps,
  inbound: InboundEvent,
  render: TurnRenderer,
  /**
   * The first attempt's read, when the caller started it already (`store.begin` for this owner and
   * message, issued after the message was recorded, e.g. in the same round trip as the inbox admission),
   * with the owner id the caller computed for it.
   */
  started?: { readonly ownerId: string; readonly begun: Promise<Begun> },
): Promise<string> {
  const ownerId = started?.ownerId ?? deps.ownerId(inbound.from);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.random() * 5 * attempt);
    const { receipt, conversation } = await (attempt === 0 && started
      ? started.begun
      : deps.store.begin(ownerId, inbound.messageId));
    if (receipt !== undefined) return receipt;
    const stepped = step(deps, conversation?.record, inbound);
    const { outcome, effects } = stepped;
    const now = new Date(stepped.record.lastSeen);
    const { replies, record, shown } = await toReplies(deps, ownerId, stepped.record, effects, now);
    const response = render({ ...outcome, replies });
    const erase = effects.some((effect) => effect.type === 'erase');
    const after = erase ? null : record;
    const result = await deps.store.commit(ownerId, conversation?.version ?? 0, after, {
      messageId: inbound.messageId,
      response,
    });
    if (result === 'ok') {
      deps.onTurn?.({ state: record.state, lang: record.context.lang, replies: replies.length });
      if (deps.afterTurn) {
        // The turn is committed and its answer stands; what follows it must not turn it into an apology.
        await deps
          .afterTurn({ ownerId, inbound, before: conversation?.record, after, effects, shown, now })
          .catch((error: unknown) => deps.onAfterTurnError?.(error, inbound.messageId));
      }
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
    const [initial, actions] = pureInitial(deps.machine)({ lang: detectFirstLanguage(inbound.text) });
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
    {
      text: inbound.text,
      payload: inbound.payload,
      location: inbound.location,
      profileName: inbound.profileName,
    },
    deps.flow,
    now,
    deps.labelOf,
  );
  const mediaOnly =
    inbound.media.length > 0 && inbound.text.trim() === '' && !inbound.payload && !inbound.location;
  // After a long silence the owner lands on the menu; only a command is acted on right away.
  if (mediaOnly && !fresh)
    effects.push({ type: 'say', reply: { type: 'text', msg: { key: 'error.media' } } });
  else if (!idle || userEvent.type.startsWith('CMD.') || userEvent.type === 'SET_LANG')
    events.push(userEvent);

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
  if (
    !['ANSWER', 'UNCLEAR', 'HELLO'].includes(userEvent.type) ||
    ['new', 'stopped', 'languageMenu'].includes(state)
  )
    return undefined;
  // Offers need a few words; skip the detector for the short answers that most turns are.
  if (!/\S\s+\S/u.test(inbound.text)) return undefined;
  return languageToOffer(inbound.text, detectLanguage(inbound.text), context.lang, context.offered ?? []);
}

/** Rebuilds the snapshot; a state that no longer exists (the flow changed) resumes at the menu. */
function restore(machine: SaathiMachine, stored: ConversationRecord): Snapshot {
  const known = Object.hasOwn(machine.root.states, stored.state) && stored.state !== 'routing';
  return pureRestore(machine)(known ? stored.state : 'menu', stored.context);
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

/**
 * The replies the effects produce, in the order the machine emitted them. A page of recommendations is
 * ranked here (it reads feedback counts) and remembered in the record, so "why 2" or "👍 1" in the
 * next message names the item the owner saw as number 2 or 1.
 */
async function toReplies(
  deps: EngineDeps,
  ownerId: string,
  record: ConversationRecord,
  effects: readonly Effect[],
  now: Date,
): Promise<{ replies: Reply[]; record: ConversationRecord; shown: string[] }> {
  const replies: Reply[] = [];
  let context = record.context;
  const shown: string[] = [];
  for (const effect of effects) {
    if (effect.type === 'say') replies.push(effect.reply);
    else if (effect.type === 'recommend') {
      const page = await recommendationPage(deps, ownerId, context, effect.page, now);
      replies.push(...page.replies);
      shown.push(...page.items.map((item) => item.id));
      const before =
        effect.page === 0
          ? []
          : [...(context.shownBefore ?? []), ...(context.shown ?? []).map((item) => item.id)];
      context = { ...context, shown: page.items, shownBefore: before };
    } else if (effect.type === 'explain') {
      const item = context.shown?.find((candidate) => candidate.id === effect.itemId);
      const reasons = deps.personalizer.explain(context.profile, effect.itemId, item);
      if (reasons.length > 0)
        replies.push({ type: 'item', rank: effect.rank, itemId: effect.itemId, reasons, detail: true });
    }
  }
  return { replies, record: context === record.context ? record : { ...record, context }, shown };
}

async function recommendationPage(
  deps: EngineDeps,
  ownerId: string,
  context: DialogueContext,
  page: number,
  now: Date,
): Promise<{ replies: Reply[]; items: ShownItem[] }> {
  const earlier =
    page === 0 ? [] : [...(context.shownBefore ?? []), ...(context.shown ?? []).map((item) => item.id)];
  const ranked = await deps.personalizer.page({
    ownerId,
    profile: context.profile,
    exclude: [...context.dismissed, ...earlier],
    limit: RECS_PER_PAGE,
    now: now.getTime(),
  });
  if (ranked.length === 0) return { replies: [{ type: 'text', msg: { key: 'recs.none' } }], items: [] };
  const items: ShownItem[] = ranked.map(({ item, reasons }, index) => ({
    id: item.id,
    rank: earlier.length + index + 1,
    reasons,
    ...(item.kind === 'offer' && item.lender ? { lender: item.lender } : {}),
  }));
  return {
    items,
    replies: [
      { type: 'text', msg: { key: page === 0 ? 'recs.intro' : 'recs.intro.more' } },
      ...items.map((item): Reply => ({
        type: 'item',
        rank: item.rank,
        itemId: item.id,
        reasons: item.reasons,
      })),
    ],
  };
}
