// The voice call store port: where one phone call stands between Twilio's requests (phase, misses, the
// last prompt for "repeat", an answer waiting for read-back, the answers already given per step), and
// each call's status. Adapters: the memory one below and voice-redis-store.ts.
import type { Lang } from '../language/langs.js';
import type { VoicePrompt } from './render-voice.js';

export type CallPhase = 'language' | 'dialogue' | 'confirm' | 'campaign' | 'ended';

export interface CallState {
  readonly callSid: string;
  /** The owner's address (the caller, or the callee of a campaign call), e.g. `+919812345678`. */
  readonly address: string;
  readonly phase: CallPhase;
  readonly lang: Lang;
  /** Languages most likely for this number, best first (the circle prior). */
  readonly prior: readonly Lang[];
  /** Silences and answers not understood in a row at the current prompt. */
  readonly misses: number;
  readonly keypadOnly: boolean;
  /** The last question asked: repeated on 9 and after a miss. */
  readonly prompt?: VoicePrompt;
  /** A free answer read back to the caller, applied when they confirm it. */
  readonly pending?: { readonly text: string; readonly said: string };
  readonly campaignId?: string;
  /** TwiML answered per step (`s` in the action URL): a retried step gets the same answer. */
  readonly receipts: Readonly<Record<string, string>>;
}

export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** Order of call statuses: a late callback never moves a call back (`ringing` after `completed`). */
const RANK: Readonly<Record<CallStatus, number>> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  completed: 4,
  busy: 4,
  failed: 4,
  'no-answer': 4,
  canceled: 4,
};

export function callStatusRank(status: CallStatus): number {
  return RANK[status];
}

export interface CallStatusUpdate {
  readonly callSid: string;
  readonly status: CallStatus;
  readonly at: number;
  /** Seconds, on `completed`. */
  readonly duration?: number | undefined;
}

export interface VoiceCallStore {
  load(callSid: string): Promise<CallState | undefined>;
  save(state: CallState): Promise<void>;
  /** Stores a status unless the call already has a later one; true when it was stored. */
  recordStatus(update: CallStatusUpdate): Promise<boolean>;
  status(callSid: string): Promise<CallStatusUpdate | undefined>;
}

/** Receipts kept per call: a retry only ever repeats one of the last few steps. */
export const RECEIPTS_KEPT = 4;

export function keepRecentReceipts(receipts: Readonly<Record<string, string>>): Record<string, string> {
  const steps = Object.keys(receipts)
    .map(Number)
    .sort((a, b) => b - a)
    .slice(0, RECEIPTS_KEPT);
  return Object.fromEntries(steps.map((step) => [String(step), receipts[String(step)] ?? '']));
}

/** In-process adapter for local runs and tests: calls live as long as the process. */
export function createMemoryVoiceCallStore(): VoiceCallStore {
  const calls = new Map<string, string>();
  const statuses = new Map<string, CallStatusUpdate>();
  return {
    load(callSid) {
      const raw = calls.get(callSid);
      return Promise.resolve(raw === undefined ? undefined : (JSON.parse(raw) as CallState));
    },
    save(state) {
      calls.set(state.callSid, JSON.stringify({ ...state, receipts: keepRecentReceipts(state.receipts) }));
      return Promise.resolve();
    },
    recordStatus(update) {
      const current = statuses.get(update.callSid);
      if (current && callStatusRank(current.status) > callStatusRank(update.status))
        return Promise.resolve(false);
      statuses.set(update.callSid, update);
      return Promise.resolve(true);
    },
    status(callSid) {
      return Promise.resolve(statuses.get(callSid));
    },
  };
}
