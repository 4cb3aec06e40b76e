// Translations of a lender's campaign text as drafts: machine output is only a proposal until a person
// approves it, and any draft goes stale when the source text changes. Pure functions, no I/O.
import { sourceHash } from '../../i18n/source-hash.js';
import type { Lang } from '../langs.js';

export type DraftOrigin = 'machine' | 'human';

export interface TranslationDraft {
  readonly lang: Lang;
  readonly text: string;
  /** Who wrote the words: the translation service or a person. */
  readonly origin: DraftOrigin;
  /** sourceHash() of the source text this translation was made from. */
  readonly sourceHash: string;
  /** Who vouched for the text (for a human draft: its author). */
  readonly approvedBy?: string;
  /** ISO 8601 time of approval. */
  readonly approvedAt?: string;
}

/** The fingerprint drafts record; compare it with the current source text's to spot stale drafts. */
export function draftSourceHash(sourceText: string): string {
  return sourceHash(sourceText);
}

const iso = (at: Date | string): string => {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid time: ${String(at)}`);
  return date.toISOString();
};

const person = (by: string): string => {
  const name = by.trim();
  if (name === '') throw new RangeError('an approval needs the name or id of the person who approves');
  return name;
};

/** A translation proposed by the machine for `sourceText`: not sendable until a person approves it. */
export function machineDraft(lang: Lang, text: string, sourceText: string): TranslationDraft {
  return { lang, text, origin: 'machine', sourceHash: draftSourceHash(sourceText) };
}

/** A translation written (or rewritten) by a person: approved by its author. */
export function humanDraft(
  lang: Lang,
  text: string,
  sourceText: string,
  author: string,
  at: Date | string,
): TranslationDraft {
  return {
    lang,
    text,
    origin: 'human',
    sourceHash: draftSourceHash(sourceText),
    approvedBy: person(author),
    approvedAt: iso(at),
  };
}

/** A person vouches for the draft as it stands (its text and the source it was made from). */
export function approve(draft: TranslationDraft, by: string, at: Date | string): TranslationDraft {
  return { ...draft, approvedBy: person(by), approvedAt: iso(at) };
}

/** A person corrects the text: it becomes their own words, approved by them, for the same source. */
export function revise(
  draft: TranslationDraft,
  text: string,
  by: string,
  at: Date | string,
): TranslationDraft {
  return {
    lang: draft.lang,
    text,
    origin: 'human',
    sourceHash: draft.sourceHash,
    approvedBy: person(by),
    approvedAt: iso(at),
  };
}

export function isApproved(draft: TranslationDraft): boolean {
  return draft.approvedBy !== undefined && draft.approvedBy.trim() !== '' && draft.approvedAt !== undefined;
}

/** The source text changed after this draft was made (or approved). */
export function isStale(draft: TranslationDraft, currentSourceHash: string): boolean {
  return draft.sourceHash !== currentSourceHash;
}

/**
 * Only approved drafts of the current source text may go out. Machine text is never sendable before a
 * person approves it; a human draft counts as approved by its author.
 */
export function isSendable(draft: TranslationDraft, currentSourceHash: string): boolean {
  if (isStale(draft, currentSourceHash) || draft.text.trim() === '') return false;
  return draft.origin === 'human' || isApproved(draft);
}
