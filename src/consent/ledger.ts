// The consent ledger port: an append-only record of every notice shown and every grant or withdrawal,
// per owner and purpose. The current consent is derived from it, never stored apart. A suppression entry
// (STOP) is kept by keyed hash and survives the erasure of everything else.
import type { Lang } from '../language/langs.js';

/** `service` = the assistant itself; `marketing` = campaigns; `share:<lenderId>` = a lead for that lender. */
export type Purpose = 'service' | 'marketing' | `share:${string}`;

export type ConsentEntry =
  | { readonly type: 'notice'; readonly version: string; readonly lang: Lang; readonly at: number }
  | {
      readonly type: 'grant' | 'withdraw';
      readonly purpose: Purpose;
      readonly at: number;
      readonly channel?: string;
    };

export interface CurrentConsent {
  readonly service: boolean;
  readonly marketing: boolean;
  /** Lender ids the owner agreed to share the profile with. */
  readonly sharedWith: readonly string[];
}

export interface ConsentLedger {
  append(ownerId: string, entry: ConsentEntry): Promise<void>;
  /** Every entry, oldest first. */
  history(ownerId: string): Promise<readonly ConsentEntry[]>;
  current(ownerId: string): Promise<CurrentConsent>;
  /** STOP: no marketing on any channel until the owner says START. Survives erasure. */
  suppress(ownerId: string, at: number): Promise<void>;
  unsuppress(ownerId: string): Promise<void>;
  isSuppressed(ownerId: string): Promise<boolean>;
  /** Erasure: drops the history, keeps the suppression entry. */
  erase(ownerId: string): Promise<void>;
}

/** The lender a `share:<lenderId>` purpose names; undefined for the other purposes. */
export function lenderOf(purpose: Purpose): string | undefined {
  return purpose.startsWith('share:') ? purpose.slice('share:'.length) : undefined;
}

/** The consent an ordered history amounts to: the last word per purpose wins. */
export function deriveConsent(history: readonly ConsentEntry[]): CurrentConsent {
  const state = new Map<Purpose, boolean>();
  for (const entry of history) if (entry.type !== 'notice') state.set(entry.purpose, entry.type === 'grant');
  const sharedWith = [...state].flatMap(([purpose, granted]) => {
    const lender = granted ? lenderOf(purpose) : undefined;
    return lender === undefined ? [] : [lender];
  });
  return { service: state.get('service') ?? false, marketing: state.get('marketing') ?? false, sharedWith };
}
