// Compiles a flow (flows/*.json) into an XState machine. Actions only assign context or emit effect
// descriptors (`effect`); the shell (engine.ts) runs the effects after saving the snapshot.
import { setup } from 'xstate';
import type { Lang } from '../language/langs.js';
import { UNSHARE, choicesFor, fieldsOf, nextStep, questionState } from './choices.js';
import type { Flow } from './flow.js';
import type { DialogueContext, DialogueEvent, Effect, Msg, ShownItem } from './types.js';

export interface MachineInput {
  readonly lang: Lang;
}

const say = (msg: Msg, withChoices?: { state: string; flow: Flow }) =>
  ({
    type: 'effect',
    params: ({ context }: { context: DialogueContext }): Effect => ({
      type: 'say',
      reply: withChoices
        ? { type: 'text', msg, choices: choicesFor(withChoices.state, context, withChoices.flow) }
        : { type: 'text', msg },
    }),
  }) as const;

const sayName = (key: string) =>
  ({
    type: 'effect',
    params: ({ context }: { context: DialogueContext }): Effect => ({
      type: 'say',
      reply: {
        type: 'text',
        msg: { key: context.name ? `${key}.named` : key, params: context.name ? { name: context.name } : {} },
      },
    }),
  }) as const;

/** Asks the shell to rank and show the current page of recommendations. */
const showRecs = {
  type: 'effect',
  params: ({ context }: { context: DialogueContext }): Effect => ({ type: 'recommend', page: context.page }),
} as const;

const showProfile = {
  type: 'effect',
  params: ({ context }: { context: DialogueContext }): Effect => ({
    type: 'say',
    reply: context.name
      ? { type: 'profile', profile: context.profile, name: context.name }
      : { type: 'profile', profile: context.profile },
  }),
} as const;

/** The shown item a FEEDBACK event is about: by its number, or the only one on the page. */
export function feedbackItem(context: DialogueContext, event: DialogueEvent): ShownItem | undefined {
  if (event.type !== 'FEEDBACK') return undefined;
  const shown = context.shown ?? [];
  if (event.rank === undefined) return shown.length === 1 ? shown[0] : undefined;
  return shown.find((item) => item.rank === event.rank);
}

const effect = (make: (args: { context: DialogueContext; event: DialogueEvent }) => Effect) =>
  ({ type: 'effect', params: make }) as const;

/** Feedback on the item a FEEDBACK event names (the guard has made sure there is one). */
const itemFeedback = (outcome: 'positive' | 'negative', dismiss = false) =>
  effect(({ context, event }) => ({
    type: 'feedback',
    itemId: feedbackItem(context, event)?.id ?? '',
    outcome,
    ...(dismiss ? { dismiss } : {}),
  }));

/** The lender of the item waiting for the owner's yes or no to sharing. */
function pendingLender(context: DialogueContext): ShownItem['lender'] {
  return context.shown?.find((item) => item.id === context.pendingLead)?.lender;
}

/** The lender an `unshare:<lenderId>` choice names, or undefined for any other event. */
function unshareId(event: DialogueEvent): string | undefined {
  return event.type === 'CHOOSE' && event.id.startsWith(UNSHARE) ? event.id.slice(UNSHARE.length) : undefined;
}

const consentEffect = (purpose: 'service' | 'marketing', grant: boolean) =>
  effect(() => ({ type: 'consent', purpose, grant }));

export function buildMachine(flow: Flow) {
  const firstQuestion = flow.questions[0]?.id ?? 'summary';
  const m = setup({
    types: {
      context: {} as DialogueContext,
      events: {} as DialogueEvent,
      input: {} as MachineInput,
    },
    actions: {
      /** Descriptor only: the shell runs it. */
      effect: (_args, _params: Effect) => undefined,
    },
    guards: {
      gotoIs: ({ context }, params: { target: string }) => context.goto === params.target,
      retriesLeft: ({ context }) => context.attempts < 2,
      consented: ({ context }) => context.consent === 'granted',
      idle: ({ event }) => event.type === 'RETURNING' && event.idle,
      chose: ({ event }, params: { id: string }) => event.type === 'CHOOSE' && event.id === params.id,
      yesBeforeMarketingAsked: ({ context, event }) =>
        event.type === 'CHOOSE' && event.id === 'yes' && context.marketing === undefined,
      noFeedbackItem: ({ context, event }) => feedbackItem(context, event) === undefined,
      feedbackIs: ({ event }, params: { kinds: readonly string[] }) =>
        event.type === 'FEEDBACK' && params.kinds.includes(event.kind),
      isReply: ({ event }) => event.type === 'FEEDBACK' && event.reply === true,
      hasLender: ({ context, event }) => feedbackItem(context, event)?.lender !== undefined,
      unshares: ({ event }) => unshareId(event) !== undefined,
    },
  });

  const setReturn = (name: string) => m.assign({ returnTo: name });
  const resumeTo = (target: string) => m.assign({ goto: target });

  /** Handlers every conversational state has, so a command works from anywhere. */
  const common = (name: string) =>
    ({
      'CMD.help': { target: name, reenter: true, actions: [say({ key: 'help' })] },
      'CMD.profile': { target: name, reenter: true, actions: [showProfile] },
      'CMD.menu': { target: '#saathi.menu', actions: [setReturn(name)] },
      'CMD.language': { target: '#saathi.languageMenu', actions: [setReturn(name)] },
      'CMD.delete': { target: '#saathi.confirmDelete', actions: [setReturn(name)] },
      'CMD.edit': [
        { guard: 'consented', target: '#saathi.editPick', actions: [setReturn(name)] },
        { target: name, reenter: true, actions: [say({ key: 'cmd.not_here' })] },
      ],
      'CMD.privacy': [
        { guard: 'consented', target: '#saathi.privacy', actions: [setReturn(name)] },
        { target: name, reenter: true, actions: [say({ key: 'cmd.not_here' })] },
      ],
      'CMD.start': { target: name, reenter: true },
      'CMD.more': { target: name, reenter: true, actions: [say({ key: 'cmd.not_here' })] },
      'CMD.skip': { target: name, reenter: true, actions: [say({ key: 'cmd.not_here' })] },
      'CMD.back': { target: name, reenter: true, actions: [say({ key: 'cmd.not_here' })] },
      SET_LANG: {
        target: name,
        reenter: true,
        actions: [
          m.assign({ lang: ({ event }) => (event.type === 'SET_LANG' ? event.lang : 'en') }),
          say({ key: 'language.changed' }),
        ],
      },
      RETURNING: [
        { guard: 'idle', target: '#saathi.menu', actions: [setReturn(name), sayName('welcome_back.idle')] },
        { actions: [sayName('welcome_back')] },
      ],
      UNCLEAR: { actions: [say({ key: `${name}.retry` }, { state: name, flow })] },
      HELLO: { target: name, reenter: true },
    }) as const;

  const questionStates = Object.fromEntries(
    flow.questions.map((question) => {
      const name = questionState(question.id);
      const afterAnswer = m.assign(({ context, event }) => {
        const fields = event.type === 'ANSWER' ? event.fields : {};
        const profile = { ...context.profile, ...fields };
        const skipped = context.skipped.filter((id) => id !== question.id);
        const history = [...context.history.filter((id) => id !== question.id), question.id];
        const goto = context.editing ? 'summary' : nextStep(flow, { profile, skipped });
        return { profile, skipped, history, goto };
      });
      const afterSkip = m.assign(({ context }) => {
        const skipped = [...context.skipped.filter((id) => id !== question.id), question.id];
        const history = [...context.history.filter((id) => id !== question.id), question.id];
        return {
          skipped,
          history,
          goto: context.editing ? 'summary' : nextStep(flow, { profile: context.profile, skipped }),
        };
      });
      const goBack = m.assign(({ context }) => {
        const previous = context.history.filter((id) => id !== question.id).at(-1);
        if (context.editing || previous === undefined)
          return { goto: context.editing ? 'summary' : question.id };
        const dropped = flow.questions.find((q) => q.id === previous);
        const profile = { ...context.profile };
        for (const field of dropped ? fieldsOf(dropped) : []) delete profile[field];
        return {
          goto: previous,
          profile,
          history: context.history.filter((id) => id !== previous && id !== question.id),
          skipped: context.skipped.filter((id) => id !== previous),
        };
      });
      return [
        name,
        {
          entry: [m.assign({ attempts: 0 }), say({ key: question.prompt }, { state: name, flow })],
          on: {
            ...common(name),
            ANSWER: { target: '#saathi.routing', actions: [afterAnswer] },
            UNCLEAR: [
              {
                guard: 'retriesLeft',
                actions: [
                  m.assign({ attempts: ({ context }) => context.attempts + 1 }),
                  say({ key: question.retry }, { state: name, flow }),
                ],
              },
              {
                actions: [
                  m.assign({ attempts: ({ context }) => context.attempts + 1 }),
                  say({ key: 'stuck' }),
                ],
              },
            ],
            'CMD.skip': { target: '#saathi.routing', actions: [afterSkip, say({ key: 'skipped' })] },
            'CMD.back': { target: '#saathi.routing', actions: [goBack] },
          },
        },
      ];
    }),
  );

  const routeTargets = [
    ...flow.questions.map((q) => ({
      guard: { type: 'gotoIs' as const, params: { target: q.id } },
      target: questionState(q.id),
    })),
    {
      guard: { type: 'gotoIs' as const, params: { target: 'recommendations' } },
      target: 'recommendations',
      actions: [showRecs],
    },
    ...['summary', 'consent', 'menu', 'declined', 'editPick'].map((target) => ({
      guard: { type: 'gotoIs' as const, params: { target } },
      target,
    })),
    { target: 'summary' },
  ];

  const grantConsent = m.assign(({ context, event }) => ({
    consent: 'granted' as const,
    ...('profileName' in event && event.profileName ? { name: event.profileName } : {}),
    goto: nextStep(flow, context),
  }));

  return m.createMachine({
    id: 'saathi',
    initial: 'new',
    // xstate's pure transition() builds a throwaway actor with no input: keep this cheap and total.
    context: ({ input }: { input: MachineInput | undefined }) => ({
      lang: input?.lang ?? 'en',
      consent: 'pending',
      optedOut: false,
      profile: {},
      skipped: [],
      history: [],
      attempts: 0,
      editing: false,
      goto: firstQuestion,
      returnTo: 'consent',
      page: 0,
      dismissed: [],
    }),
    on: {
      OFFER_LANG: {
        actions: [
          m.assign({
            offered: ({ context, event }) => [
              ...(context.offered ?? []),
              ...(event.type === 'OFFER_LANG' ? [event.lang] : []),
            ],
          }),
          {
            type: 'effect',
            params: ({ event }): Effect => ({
              type: 'say',
              reply: {
                type: 'text',
                msg: { key: 'language.offer' },
                ...(event.type === 'OFFER_LANG' ? { lang: event.lang } : {}),
              },
            }),
          },
        ],
      },
      'CMD.stop': { target: '.stopped' },
      'CMD.restart': [
        {
          guard: 'consented',
          target: '.routing',
          actions: [
            m.assign({ profile: {}, skipped: [], history: [], editing: false, page: 0, goto: firstQuestion }),
            say({ key: 'restart.done' }),
          ],
        },
        { target: '.consent' },
      ],
    },
    states: {
      new: {
        on: {
          HELLO: 'consent',
          ANSWER: 'consent',
          UNCLEAR: 'consent',
          CHOOSE: 'consent',
          RETURNING: 'consent',
          SET_LANG: {
            target: 'consent',
            actions: m.assign({
              lang: ({ event, context }) => (event.type === 'SET_LANG' ? event.lang : context.lang),
            }),
          },
          'CMD.*': 'consent',
          'CMD.stop': 'stopped',
          'CMD.restart': 'consent',
        },
      },
      consent: {
        entry: [
          say({ key: 'consent.notice' }, { state: 'consent', flow }),
          effect(() => ({ type: 'notice' })),
        ],
        on: {
          ...common('consent'),
          'CMD.menu': { target: 'consent', reenter: true },
          'CMD.profile': { target: 'consent', reenter: true, actions: [say({ key: 'profile.none' })] },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'routing',
              actions: [grantConsent, consentEffect('service', true), say({ key: 'consent.thanks' })],
            },
            {
              guard: { type: 'chose', params: { id: 'no' } },
              target: 'declined',
              actions: [m.assign({ consent: 'declined' }), consentEffect('service', false)],
            },
          ],
        },
      },
      declined: {
        entry: [say({ key: 'declined' }, { state: 'declined', flow })],
        on: {
          ...common('declined'),
          'CMD.menu': { target: 'declined', reenter: true },
          'CMD.profile': { target: 'declined', reenter: true, actions: [say({ key: 'profile.none' })] },
          'CMD.start': { target: 'consent' },
          HELLO: { target: 'declined', reenter: true },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'routing',
              actions: [grantConsent, consentEffect('service', true), say({ key: 'consent.thanks' })],
            },
            { guard: { type: 'chose', params: { id: 'no' } }, target: 'declined', reenter: true },
          ],
        },
      },
      ...questionStates,
      routing: {
        always: routeTargets,
      },
      summary: {
        entry: [
          m.assign({ editing: false }),
          showProfile,
          say({ key: 'summary.confirm' }, { state: 'summary', flow }),
        ],
        on: {
          ...common('summary'),
          CHOOSE: [
            // Lenders' offers are asked about once, before the first recommendations.
            { guard: 'yesBeforeMarketingAsked', target: 'marketingAsk' },
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'recommendations',
              actions: [m.assign({ page: 0, shownBefore: [] }), showRecs],
            },
            {
              guard: { type: 'chose', params: { id: 'edit' } },
              target: 'editPick',
              actions: [setReturn('summary')],
            },
          ],
        },
      },
      editPick: {
        entry: [say({ key: 'edit.pick' }, { state: 'editPick', flow })],
        on: {
          ...common('editPick'),
          CHOOSE: {
            target: 'routing',
            actions: [
              m.assign({
                editing: true,
                goto: ({ event }) => (event.type === 'CHOOSE' ? event.id : 'summary'),
              }),
            ],
          },
          'CMD.back': { target: 'routing', actions: [resumeTo('summary')] },
          'CMD.edit': { target: 'editPick', reenter: true },
        },
      },
      recommendations: {
        entry: [say({ key: 'recs.footer' }, { state: 'recommendations', flow })],
        on: {
          ...common('recommendations'),
          'CMD.more': {
            target: 'recommendations',
            reenter: true,
            actions: [m.assign({ page: ({ context }) => context.page + 1 }), showRecs],
          },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'more' } },
              target: 'recommendations',
              reenter: true,
              actions: [m.assign({ page: ({ context }) => context.page + 1 }), showRecs],
            },
            {
              guard: { type: 'chose', params: { id: 'edit' } },
              target: 'editPick',
              actions: [setReturn('recommendations')],
            },
            {
              guard: { type: 'chose', params: { id: 'menu' } },
              target: 'menu',
              actions: [setReturn('recommendations')],
            },
          ],
          FEEDBACK: [
            { guard: 'noFeedbackItem', actions: [say({ key: 'feedback.which' })] },
            {
              guard: { type: 'feedbackIs', params: { kinds: ['like'] } },
              actions: [itemFeedback('positive'), say({ key: 'feedback.thanks' })],
            },
            {
              guard: { type: 'feedbackIs', params: { kinds: ['dislike', 'not_for_me'] } },
              actions: [
                m.assign({
                  dismissed: ({ context, event }) =>
                    [...context.dismissed, feedbackItem(context, event)?.id ?? ''].filter(Boolean),
                }),
                itemFeedback('negative', true),
                say({ key: 'feedback.dismissed' }),
              ],
            },
            // A free reply about an item counts as engagement with it, and is answered with its reasons.
            {
              guard: 'isReply',
              actions: [
                itemFeedback('positive'),
                effect(({ context, event }) => {
                  const item = feedbackItem(context, event);
                  return { type: 'explain', itemId: item?.id ?? '', rank: item?.rank ?? 0 };
                }),
              ],
            },
            {
              guard: { type: 'feedbackIs', params: { kinds: ['why'] } },
              actions: [
                effect(({ context, event }) => {
                  const item = feedbackItem(context, event);
                  return { type: 'explain', itemId: item?.id ?? '', rank: item?.rank ?? 0 };
                }),
              ],
            },
            // "Interested" in a lender's offer: ask before anything is shared.
            {
              guard: 'hasLender',
              target: 'shareConsent',
              actions: [m.assign({ pendingLead: ({ context, event }) => feedbackItem(context, event)?.id })],
            },
            { actions: [itemFeedback('positive'), say({ key: 'interest.scheme' })] },
          ],
        },
      },
      marketingAsk: {
        entry: [say({ key: 'marketing.ask' }, { state: 'marketingAsk', flow })],
        on: {
          ...common('marketingAsk'),
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'recommendations',
              actions: [
                m.assign({ marketing: true, page: 0, shownBefore: [] }),
                consentEffect('marketing', true),
                say({ key: 'marketing.yes' }),
                showRecs,
              ],
            },
            {
              guard: { type: 'chose', params: { id: 'no' } },
              target: 'recommendations',
              actions: [
                m.assign({ marketing: false, page: 0, shownBefore: [] }),
                consentEffect('marketing', false),
                say({ key: 'marketing.no' }),
                showRecs,
              ],
            },
          ],
        },
      },
      shareConsent: {
        entry: [
          effect(({ context }) => ({
            type: 'say',
            reply: {
              type: 'text',
              msg: { key: 'share.ask', params: { lender: pendingLender(context)?.name ?? '' } },
              choices: choicesFor('shareConsent', context, flow),
            },
          })),
        ],
        on: {
          ...common('shareConsent'),
          UNCLEAR: {
            actions: [
              effect(({ context }) => ({
                type: 'say',
                reply: {
                  type: 'text',
                  msg: { key: 'shareConsent.retry', params: { lender: pendingLender(context)?.name ?? '' } },
                  choices: choicesFor('shareConsent', context, flow),
                },
              })),
            ],
          },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'recommendations',
              actions: [
                effect(({ context }) => ({
                  type: 'consent',
                  purpose: `share:${pendingLender(context)?.id ?? ''}`,
                  grant: true,
                })),
                effect(({ context }) => ({
                  type: 'lead',
                  itemId: context.pendingLead ?? '',
                  lenderId: pendingLender(context)?.id ?? '',
                })),
                effect(({ context }) => ({
                  type: 'feedback',
                  itemId: context.pendingLead ?? '',
                  outcome: 'positive',
                })),
                effect(({ context }) => ({
                  type: 'say',
                  reply: {
                    type: 'text',
                    msg: { key: 'share.done', params: { lender: pendingLender(context)?.name ?? '' } },
                  },
                })),
                m.assign(({ context }) => {
                  const lender = pendingLender(context);
                  const others = (context.sharedWith ?? []).filter((l) => l.id !== lender?.id);
                  return {
                    pendingLead: undefined,
                    sharedWith: lender ? [...others, { id: lender.id, name: lender.name }] : others,
                  };
                }),
              ],
            },
            {
              guard: { type: 'chose', params: { id: 'no' } },
              target: 'recommendations',
              actions: [say({ key: 'share.declined' }), m.assign({ pendingLead: undefined })],
            },
          ],
        },
      },
      menu: {
        entry: [say({ key: 'menu' }, { state: 'menu', flow })],
        on: {
          ...common('menu'),
          'CMD.menu': { target: 'menu', reenter: true },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'continue' } },
              target: 'routing',
              actions: [m.assign({ goto: ({ context }) => resumePoint(context, flow) })],
            },
            {
              guard: { type: 'chose', params: { id: 'profile' } },
              target: 'menu',
              reenter: true,
              actions: [showProfile],
            },
            { guard: { type: 'chose', params: { id: 'edit' } }, target: 'editPick' },
            {
              guard: { type: 'chose', params: { id: 'recommendations' } },
              target: 'recommendations',
              actions: [m.assign({ page: 0, shownBefore: [] }), showRecs],
            },
            { guard: { type: 'chose', params: { id: 'language' } }, target: 'languageMenu' },
            {
              guard: { type: 'chose', params: { id: 'help' } },
              target: 'menu',
              reenter: true,
              actions: [say({ key: 'help' })],
            },
            { guard: { type: 'chose', params: { id: 'privacy' } }, target: 'privacy' },
            { guard: { type: 'chose', params: { id: 'delete' } }, target: 'confirmDelete' },
            { guard: { type: 'chose', params: { id: 'stop' } }, target: 'stopped' },
          ],
        },
      },
      privacy: {
        entry: [
          effect(({ context }) => {
            const lenders = context.sharedWith ?? [];
            return {
              type: 'say',
              reply: {
                type: 'text',
                msg: {
                  key: 'privacy.status',
                  params: {
                    offers: context.marketing === true ? 'on' : 'off',
                    count: lenders.length,
                    lenders: lenders.map((lender) => lender.name).join(', '),
                  },
                },
                choices: choicesFor('privacy', context, flow),
              },
            };
          }),
        ],
        on: {
          ...common('privacy'),
          'CMD.privacy': { target: 'privacy', reenter: true },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'marketing_off' } },
              target: 'privacy',
              reenter: true,
              actions: [
                m.assign({ marketing: false }),
                consentEffect('marketing', false),
                say({ key: 'marketing.no' }),
              ],
            },
            {
              guard: { type: 'chose', params: { id: 'marketing_on' } },
              target: 'privacy',
              reenter: true,
              actions: [
                m.assign({ marketing: true }),
                consentEffect('marketing', true),
                say({ key: 'marketing.yes' }),
              ],
            },
            {
              guard: 'unshares',
              target: 'privacy',
              reenter: true,
              actions: [
                effect(({ event }) => ({
                  type: 'consent',
                  purpose: `share:${unshareId(event) ?? ''}`,
                  grant: false,
                })),
                effect(({ context, event }) => ({
                  type: 'say',
                  reply: {
                    type: 'text',
                    msg: {
                      key: 'privacy.unshared',
                      params: {
                        lender: context.sharedWith?.find((l) => l.id === unshareId(event))?.name ?? '',
                      },
                    },
                  },
                })),
                m.assign({
                  sharedWith: ({ context, event }) =>
                    (context.sharedWith ?? []).filter((l) => l.id !== unshareId(event)),
                }),
              ],
            },
            {
              guard: { type: 'chose', params: { id: 'delete' } },
              target: 'confirmDelete',
              actions: [setReturn('privacy')],
            },
            { guard: { type: 'chose', params: { id: 'menu' } }, target: 'menu' },
          ],
        },
      },
      languageMenu: {
        entry: [say({ key: 'language.pick' }, { state: 'languageMenu', flow })],
        on: {
          ...common('languageMenu'),
          'CMD.language': { target: 'languageMenu', reenter: true },
          CHOOSE: {
            target: 'routing',
            actions: [
              m.assign(({ context, event }) => ({
                lang: event.type === 'CHOOSE' ? (event.id as Lang) : context.lang,
                goto: resumePoint(context, flow),
              })),
              say({ key: 'language.changed' }),
            ],
          },
          SET_LANG: {
            target: 'routing',
            actions: [
              m.assign(({ context, event }) => ({
                lang: event.type === 'SET_LANG' ? event.lang : context.lang,
                goto: resumePoint(context, flow),
              })),
              say({ key: 'language.changed' }),
            ],
          },
        },
      },
      confirmDelete: {
        entry: [say({ key: 'delete.confirm' }, { state: 'confirmDelete', flow })],
        on: {
          ...common('confirmDelete'),
          'CMD.delete': { target: 'confirmDelete', reenter: true },
          CHOOSE: [
            {
              guard: { type: 'chose', params: { id: 'yes' } },
              target: 'erased',
              actions: [say({ key: 'delete.done' }), { type: 'effect', params: { type: 'erase' } }],
            },
            {
              guard: { type: 'chose', params: { id: 'no' } },
              target: 'routing',
              actions: [
                say({ key: 'delete.cancelled' }),
                m.assign({ goto: ({ context }) => resumePoint(context, flow) }),
              ],
            },
          ],
        },
      },
      erased: { type: 'final' },
      stopped: {
        entry: [
          m.assign({ optedOut: true }),
          { type: 'effect', params: { type: 'optOut' } },
          say({ key: 'stop.done' }),
        ],
        on: {
          'CMD.stop': {},
          // Only START brings an owner who stopped back; nothing else is answered.
          'CMD.restart': {},
          'CMD.help': { actions: [say({ key: 'stopped.help' })] },
          'CMD.start': {
            target: 'routing',
            actions: [
              m.assign(({ context }) => ({ optedOut: false, goto: resumePoint(context, flow) })),
              { type: 'effect', params: { type: 'optIn' } },
              say({ key: 'start.again' }),
            ],
          },
          'CMD.delete': { target: 'confirmDelete', actions: [setReturn('stopped')] },
        },
      },
    },
  });
}

/** Where "continue" leads: the question or step the owner left, or the next thing to do. */
function resumePoint(context: DialogueContext, flow: Flow): string {
  if (context.consent === 'declined') return 'declined';
  if (context.consent !== 'granted') return 'consent';
  const from = context.returnTo;
  if (from.startsWith('q_')) return from.slice(2);
  if (from === 'summary' || from === 'recommendations') return from;
  return nextStep(flow, context);
}

export type SaathiMachine = ReturnType<typeof buildMachine>;
