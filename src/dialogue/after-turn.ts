// What follows a committed turn, outside the conversation record: the owner's profile (with its segment)
// in the profile store for segments and campaigns, the consent ledger, feedback counts and dismissals,
// leads for lenders, and erasure everywhere. Built by the composition root from the real adapters.
import { lenderOf, type ConsentLedger } from '../consent/ledger.js';
import type { Logger } from '../logger.js';
import type { Personalizer } from '../personalize/personalizer.js';
import type { ProfileRecord, ProfileStore } from '../profile/store.js';
import type { CommittedTurn } from './engine.js';
import type { ConversationRecord } from './store.js';

/** Version of the consent notice text (locales `consent.notice`); bump it when the notice changes. */
export const CONSENT_NOTICE_VERSION = '2026-11-22';

export interface LeadSink {
  /** Records that the owner asked this lender to contact them about an item (consent already given). */
  record(lead: {
    readonly lenderId: string;
    readonly ownerId: string;
    readonly itemId: string;
    readonly at: number;
  }): Promise<void>;
  /** Erasure: removes the owner's leads and tells the lenders to delete theirs. */
  eraseOwner(ownerId: string): Promise<void>;
  /** The owner stopped sharing with one lender: that lender's leads go, and it is told to delete them. */
  withdraw(ownerId: string, lenderId: string): Promise<void>;
}

/** What campaigns learn from conversations (src/campaigns/engine.ts); counters, so best effort. */
export interface CampaignHooks {
  /** The owner said STOP after a campaign reached them. */
  recordOptOut(ownerId: string): Promise<unknown>;
  /** Erasure: the owner's delivery records, reactions and session window go; counters stay. */
  eraseOwner?(ownerId: string): Promise<unknown>;
}

export interface AfterTurnDeps {
  readonly profiles: ProfileStore;
  readonly ledger: ConsentLedger;
  readonly personalizer: Personalizer;
  readonly leads?: LeadSink;
  readonly campaigns?: CampaignHooks;
  readonly log: Logger;
}

/** States in which the owner is still answering the profile questions: nothing to save yet. */
const answering = (record: ConversationRecord): boolean =>
  record.state.startsWith('q_') || record.state === 'routing';

function profileChanged(before: ConversationRecord | undefined, after: ConversationRecord): boolean {
  if (!before) return true;
  const a = before.context;
  const b = after.context;
  return (
    a.lang !== b.lang ||
    a.marketing !== b.marketing ||
    a.optedOut !== b.optedOut ||
    a.name !== b.name ||
    JSON.stringify(a.profile) !== JSON.stringify(b.profile)
  );
}

export function createAfterTurn(deps: AfterTurnDeps): (turn: CommittedTurn) => Promise<void> {
  const { profiles, ledger, personalizer, leads } = deps;

  async function erase(ownerId: string): Promise<void> {
    await Promise.all([
      profiles.delete(ownerId),
      ledger.erase(ownerId),
      personalizer.forget(ownerId),
      leads?.eraseOwner(ownerId),
      deps.campaigns?.eraseOwner?.(ownerId),
    ]);
  }

  return async (turn) => {
    /** Campaign counters must never hold up or fail a turn: logged, not awaited (but settled before an erasure). */
    const hooks: Promise<unknown>[] = [];
    const bestEffort = (what: string, promise: Promise<unknown> | undefined) => {
      if (promise)
        hooks.push(
          promise.catch((error: unknown) => deps.log.warn({ err: error }, `campaign hook failed: ${what}`)),
        );
    };
    const { ownerId, after, now } = turn;
    const at = now.getTime();
    const context = after?.context ?? turn.before?.context;
    const channel = turn.inbound.channel;
    const work: Promise<unknown>[] = [];
    /** Runs after this turn's ledger entries: a lead needs its grant, a withdrawal comes after it. */
    const leadWork: (() => Promise<unknown>)[] = [];
    for (const effect of turn.effects) {
      switch (effect.type) {
        case 'notice':
          work.push(
            ledger.append(ownerId, {
              type: 'notice',
              version: CONSENT_NOTICE_VERSION,
              lang: context?.lang ?? 'en',
              at,
            }),
          );
          break;
        case 'consent': {
          work.push(
            ledger.append(ownerId, {
              type: effect.grant ? 'grant' : 'withdraw',
              purpose: effect.purpose,
              at,
              channel,
            }),
          );
          const withdrawnFrom = effect.grant ? undefined : lenderOf(effect.purpose);
          if (withdrawnFrom !== undefined && leads)
            leadWork.push(() => leads.withdraw(ownerId, withdrawnFrom));
          break;
        }
        case 'optOut':
          work.push(
            ledger.suppress(ownerId, at),
            ledger.append(ownerId, { type: 'withdraw', purpose: 'marketing', at, channel }),
          );
          bestEffort('opt-out', deps.campaigns?.recordOptOut(ownerId));
          break;
        case 'optIn':
          work.push(ledger.unsuppress(ownerId));
          break;
        case 'feedback':
          if (context)
            work.push(
              personalizer.feedback(ownerId, context.profile, effect.itemId, effect.outcome, effect.dismiss),
            );
          break;
        case 'lead':
          if (leads && effect.lenderId)
            leadWork.push(() =>
              leads.record({ lenderId: effect.lenderId, ownerId, itemId: effect.itemId, at }),
            );
          else deps.log.warn({ itemId: effect.itemId }, 'lead not recorded: no lead store or no lender');
          break;
        default:
          break;
      }
    }
    if (after && turn.shown.length > 0)
      work.push(personalizer.shown(ownerId, after.context.profile, turn.shown, at));
    await Promise.all(work);
    // After the ledger entries of this turn: a lead must find its share consent in place.
    await Promise.all(leadWork.map((record) => record()));
    if (turn.effects.some((effect) => effect.type === 'erase')) {
      // The hooks of this very message (an opt-out count) must not write after the erasure.
      await Promise.all(hooks);
      await erase(ownerId);
      return;
    }
    if (!after || after.context.consent !== 'granted' || answering(after)) return;
    // Saved when the questions are done, and again whenever the profile, language or consent changes.
    if (turn.before && !answering(turn.before) && !profileChanged(turn.before, after)) return;
    const record: ProfileRecord = {
      ownerId,
      profile: after.context.profile,
      lang: after.context.lang,
      segment: personalizer.segmentOf(after.context.profile),
      marketingConsent: after.context.marketing === true && !after.context.optedOut,
      address: turn.inbound.from,
      ...(after.context.name ? { name: after.context.name } : {}),
      updatedAt: at,
    };
    await profiles.put(record);
  };
}
