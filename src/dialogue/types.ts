// Channel-neutral values that flow through the dialogue: what the owner sent, what the machine decided,
// and what goes back out. Nothing here knows Twilio.
import type { Lang } from '../language/langs.js';
import type { Profile, ProfileField } from '../profile/profile.js';
import type { Command, Feedback } from '../language/understand.js';

/** One inbound message, already parsed from the channel's wire format. */
export interface InboundEvent {
  readonly channel: 'whatsapp' | 'voice';
  /** Provider's id of this message (MessageSid); the dedupe key. */
  readonly messageId: string;
  /** The sender's address as the channel gives it, e.g. `whatsapp:+919812345678`. */
  readonly from: string;
  readonly text: string;
  /** Id of a tapped button or list item. */
  readonly payload?: string;
  readonly location?: { readonly lat: number; readonly lng: number; readonly label?: string };
  readonly media: readonly { readonly url: string; readonly contentType: string }[];
  readonly profileName?: string;
  readonly receivedAt: Date;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** A localizable message: a key into locales/ plus ICU parameters. */
export interface Msg {
  readonly key: string;
  readonly params?: MessageParams;
}

export interface Choice {
  readonly id: string;
  readonly label: Msg;
}

/** What the owner is shown, before rendering for a channel. */
export type Reply =
  | {
      readonly type: 'text';
      readonly msg: Msg;
      readonly choices?: readonly Choice[];
      /** say it in this language instead */ readonly lang?: Lang;
    }
  | { readonly type: 'profile'; readonly profile: Profile; readonly name?: string }
  | {
      readonly type: 'item';
      readonly rank: number;
      readonly itemId: string;
      readonly reasons: readonly Msg[];
      /** An answer to "why this?": the title and every reason, without the item's text. */
      readonly detail?: boolean;
    };

/** Where the owner's data may go: the assistant itself, campaigns, or one lender (a lead). */
export type ConsentPurpose = 'service' | 'marketing' | `share:${string}`;

/** What the owner did with an item they were shown. */
export type ItemOutcome = 'positive' | 'negative';

/** Side effects the machine asks the shell to run after the snapshot is saved. */
export type Effect =
  | { readonly type: 'say'; readonly reply: Reply }
  | { readonly type: 'recommend'; readonly page: number }
  | { readonly type: 'erase' }
  /** Feedback on a shown item, kept per (segment, item); `dismiss` hides it from this owner for good. */
  | {
      readonly type: 'feedback';
      readonly itemId: string;
      readonly outcome: ItemOutcome;
      readonly dismiss?: boolean;
    }
  /** Explain why an item was suggested (rules and signals), as a detailed item reply. */
  | { readonly type: 'explain'; readonly itemId: string; readonly rank: number }
  /** The owner agreed to share the profile with this lender about this offer: record a lead. */
  | { readonly type: 'lead'; readonly itemId: string; readonly lenderId: string }
  /** A notice shown, or consent granted or withdrawn, for the consent ledger. */
  | { readonly type: 'consent'; readonly purpose: ConsentPurpose; readonly grant: boolean }
  | { readonly type: 'notice' }
  | { readonly type: 'optOut' }
  | { readonly type: 'optIn' };

export type ConsentState = 'pending' | 'granted' | 'declined';

export interface DialogueContext {
  lang: Lang;
  consent: ConsentState;
  optedOut: boolean;
  /** WhatsApp profile name, kept only after consent. */
  name?: string;
  profile: Profile;
  skipped: ProfileField[];
  /** Questions answered so far, in order, for "back". */
  history: string[];
  /** Failed attempts at the current prompt. */
  attempts: number;
  /** True while changing one answer from the summary. */
  editing: boolean;
  /** Where routing goes next: a question id or a resumable state name. */
  goto: string;
  /** State to come back to after a menu or a confirmation. */
  returnTo: string;
  page: number;
  dismissed: string[];
  /** Languages already offered mid-conversation (each is offered once). */
  offered?: Lang[];
  /** The items on the page last shown, in order, with the reasons given (for "why 2", "👍 1"). */
  shown?: ShownItem[];
  /** Items shown on earlier pages since the owner asked for recommendations. */
  shownBefore?: string[];
  /** The item whose lender is waiting for the owner's yes or no to sharing. */
  pendingLead?: string | undefined;
  /** Answer to "may lenders send you offers?", once asked. */
  marketing?: boolean;
  /** Lenders the owner agreed to share their details with (the ledger's `share:<id>` grants still in force). */
  sharedWith?: { readonly id: string; readonly name: string }[];
}

export interface ShownItem {
  readonly id: string;
  /** The number the owner saw next to it. */
  readonly rank: number;
  readonly reasons: readonly Msg[];
  /** The lender behind an offer, when a lender (not a government scheme) makes it. */
  readonly lender?: { readonly id: string; readonly name: string };
}

interface UserEventBase {
  readonly profileName?: string;
}

export type DialogueEvent =
  | ({ readonly type: 'HELLO' } & UserEventBase)
  | ({ readonly type: 'ANSWER'; readonly fields: Profile } & UserEventBase)
  | ({ readonly type: 'UNCLEAR' } & UserEventBase)
  | ({ readonly type: 'CHOOSE'; readonly id: string } & UserEventBase)
  | ({ readonly type: 'SET_LANG'; readonly lang: Lang } & UserEventBase)
  /** Feedback on a shown item; `rank` is the number the owner typed with it, if any. */
  | ({
      readonly type: 'FEEDBACK';
      readonly kind: Feedback;
      readonly rank?: number;
      /** A free reply that names an item ("2 - how do I apply?"): engagement, answered with "why". */
      readonly reply?: true;
    } & UserEventBase)
  | ({ readonly type: `CMD.${Command}` } & UserEventBase)
  | { readonly type: 'OFFER_LANG'; readonly lang: Lang }
  | { readonly type: 'RETURNING'; readonly idle: boolean };
