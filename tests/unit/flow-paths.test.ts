// Path tests of the onboarding flow on the pure step: every question is reachable, every global command
// works from every state, and every message a state can say exists in every language.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/channels/render-text.js';
import { step } from '../../src/dialogue/engine.js';
import { loadFlow } from '../../src/dialogue/flow.js';
import { buildMachine } from '../../src/dialogue/machine.js';
import type { ConversationRecord } from '../../src/dialogue/store.js';
import type { DialogueContext, InboundEvent, Reply } from '../../src/dialogue/types.js';
import { Messages, readLocaleFiles } from '../../src/i18n/messages.js';
import { LANGS } from '../../src/language/langs.js';
import { businessKindName } from '../../src/language/understand.js';
import { loadCatalog } from '../../src/personalize/catalog.js';

const flow = loadFlow();
const machine = buildMachine(flow);
const catalog = loadCatalog();
const missing: string[] = [];
const messages = new Messages(
  readLocaleFiles(),
  (key, lang) => (key.startsWith('kind.') ? businessKindName(key.slice(5), lang) : undefined),
  (lang, key) => missing.push(`${lang}:${key}`),
);
const deps = { flow, machine, idleMs: 7 * 86_400_000, clock: () => new Date('2026-11-22T10:00:00Z') };

const inbound = (text: string, extra: Partial<InboundEvent> = {}): InboundEvent => ({
  channel: 'whatsapp',
  messageId: 'SM0',
  from: 'whatsapp:+919800000000',
  text,
  media: [],
  receivedAt: new Date('2026-11-22T10:00:00Z'),
  ...extra,
});

const baseContext = (overrides: Partial<DialogueContext> = {}): DialogueContext => ({
  lang: 'en',
  consent: 'granted',
  optedOut: false,
  profile: {},
  skipped: [],
  history: [],
  attempts: 0,
  editing: false,
  goto: 'businessKind',
  returnTo: 'consent',
  page: 0,
  dismissed: [],
  ...overrides,
});

const at = (state: string, context = baseContext()): ConversationRecord => ({
  flow: { id: flow.id, version: flow.version },
  state,
  context,
  lastSeen: new Date('2026-11-22T09:59:00Z').getTime(),
});

const STATES = Object.keys(machine.root.states).filter(
  (name) => !['routing', 'erased', 'new'].includes(name),
);
const COMMANDS = [
  'menu',
  'help',
  'language',
  'profile',
  'stop',
  'start',
  'delete',
  'restart',
  'skip',
  'back',
  'more',
  'edit',
];
const WORD: Record<string, string> = {
  menu: 'menu',
  help: 'help',
  language: 'language',
  profile: 'profile',
  stop: 'stop',
  start: 'start',
  delete: 'delete',
  restart: 'restart',
  skip: 'skip',
  back: 'back',
  more: 'more',
  edit: 'edit',
};

function sayAll(replies: readonly Reply[]): string {
  return LANGS.map((lang) =>
    renderText({ messages, flow, item: (id) => catalog.byId.get(id) }, lang, replies).join('\n'),
  ).join('\n');
}

function repliesOf(effects: ReturnType<typeof step>['effects']): Reply[] {
  return effects.flatMap((effect) => (effect.type === 'say' ? [effect.reply] : []));
}

describe('onboarding flow paths', () => {
  it('reaches every question in order, then the summary', () => {
    let record: ConversationRecord | undefined;
    const visited: string[] = [];
    ({ record } = step(deps, record, inbound('hello')));
    ({ record } = step(deps, record, inbound('1')));
    while (record.state.startsWith('q_')) {
      visited.push(record.state.slice(2));
      ({ record } = step(deps, record, inbound('skip')));
    }
    expect(record.state).toBe('summary');
    // `amount` is asked only once a need for money is known; skipping the need leaves it out.
    expect(visited).toEqual(flow.questions.map((q) => q.id).filter((id) => id !== 'amount'));
  });

  it('asks the amount only for needs that take money', () => {
    const asked = (need: string) => {
      const context = baseContext({
        profile: {},
        skipped: flow.questions.map((q) => q.id).filter((id) => id !== 'need' && id !== 'amount'),
      });
      const { record } = step(deps, at('q_need', context), inbound('', { payload: need }));
      return record.state;
    };
    expect(asked('machinery')).toBe('q_amount');
    expect(asked('working_capital')).toBe('q_amount');
    expect(asked('learn')).toBe('summary');
    expect(asked('digital')).toBe('summary');
  });

  for (const state of STATES) {
    for (const command of COMMANDS) {
      it(`${command} works in ${state}`, () => {
        const context = baseContext({ optedOut: state === 'stopped' });
        const { record, effects } = step(deps, at(state, context), inbound(WORD[command]!));
        expect(Object.keys(machine.root.states)).toContain(record.state);
        const replies = repliesOf(effects);
        if (state === 'stopped' && !['help', 'start', 'delete'].includes(command)) {
          expect(replies).toEqual([]);
        } else {
          expect(replies.length).toBeGreaterThan(0);
          expect(sayAll(replies).length).toBeGreaterThan(0);
        }
        if (command === 'stop') {
          expect(record.state).toBe('stopped');
          expect(record.context.optedOut).toBe(true);
        }
      });
    }
  }

  it('says only messages that exist in all twelve languages', () => {
    missing.length = 0;
    for (const state of STATES) {
      for (const text of ['hello', '1', '2', 'zzz', 'yes', 'no', ...COMMANDS]) {
        const { effects } = step(deps, at(state), inbound(text));
        sayAll(repliesOf(effects));
      }
    }
    expect(missing).toEqual([]);
  });

  it('after days of silence, welcomes the owner back at the menu', () => {
    const old = { ...at('q_workers'), lastSeen: new Date('2026-11-01T10:00:00Z').getTime() };
    const { record, effects } = step(deps, old, inbound('5'));
    expect(record.state).toBe('menu');
    expect(record.context.profile.workers).toBeUndefined();
    expect(repliesOf(effects).map((r) => (r.type === 'text' ? r.msg.key : r.type))).toEqual([
      'welcome_back.idle',
      'menu',
    ]);
  });

  it('greets a returning owner by name after a pause and continues', () => {
    const paused = {
      ...at('q_workers', baseContext({ name: 'Asha' })),
      lastSeen: new Date('2026-11-22T05:00:00Z').getTime(),
    };
    const { record, effects } = step(deps, paused, inbound('4'));
    expect(record.context.profile.workers).toBe(4);
    const first = repliesOf(effects)[0];
    expect(first).toEqual({ type: 'text', msg: { key: 'welcome_back.named', params: { name: 'Asha' } } });
  });
});
