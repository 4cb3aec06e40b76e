// A complete, valid conversation record for store tests: a Hindi-speaking tailor part-way through the
// questions. Tests change what they need (state, time of the last message, parts of the context).
import type { ConversationRecord } from '../../src/dialogue/store.js';
import type { DialogueContext } from '../../src/dialogue/types.js';

export function conversationRecord(
  state: string,
  { lastSeen = 1, context = {} }: { lastSeen?: number; context?: Partial<DialogueContext> } = {},
): ConversationRecord {
  return {
    flow: { id: 'onboarding', version: 1 },
    state,
    lastSeen,
    context: {
      lang: 'hi',
      consent: 'granted',
      optedOut: false,
      name: 'Sunita',
      profile: { businessKind: 'tailor' },
      skipped: [],
      history: [],
      attempts: 0,
      editing: false,
      goto: 'location',
      returnTo: 'consent',
      page: 0,
      dismissed: [],
      ...context,
    },
  };
}
