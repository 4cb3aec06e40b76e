// The steps of an inbound call. A new caller picks a language (by speaking, when speech-to-text is
// configured, or by key), then the same dialogue machine as WhatsApp runs one turn per answer: keys pick
// options, spoken words are free answers, amounts and places are read back before they are saved.
import { handleInbound } from '../dialogue/engine.js';
import { parseAnswer } from '../dialogue/answers.js';
import { questionOfState } from '../dialogue/choices.js';
import type { Reply } from '../dialogue/types.js';
import { ENDONYM, LANGS, type Lang } from '../language/langs.js';
import { matchYesNo } from '../language/understand.js';
import { stateName } from '../profile/places.js';
import type { Profile } from '../profile/profile.js';
import { packMessages, renderText } from './render-text.js';
import {
  languageMenu,
  renderVoice,
  say,
  simplePrompt,
  WHATSAPP_OPTION,
  type Segment,
  type VoicePrompt,
} from './render-voice.js';
import { CallContext, nextAction, type VoiceDeps, type VoiceRequest } from './voice-context.js';
import { detectSpokenLanguage } from './voice-language.js';
import { spokenAmount } from './voice-speak.js';
import type { CallState } from './voice-store.js';
import { recordTwiml } from './voice-twiml.js';
import { campaignStart, campaignStep } from './voice-campaign.js';

export interface VoiceCalls {
  /** First request of a call (`POST /twilio/voice`). */
  start(req: VoiceRequest): Promise<string>;
  /** Every later step (`POST /twilio/voice/next?s=N`). */
  next(req: VoiceRequest): Promise<string>;
  readonly context: CallContext;
}

/** Longest first words recorded for language detection, in seconds. */
const FIRST_WORDS_SECONDS = 5;

export function createVoiceCalls(deps: VoiceDeps): VoiceCalls {
  const ctx = new CallContext(deps);
  const { engine, log } = deps;
  let keypadNoted = false;

  const sttReady = () => deps.stt?.configured === true && deps.fetchRecording !== undefined;

  async function menuPrompt(call: CallState): Promise<VoicePrompt> {
    const render = await ctx.renderDeps();
    const order = [...call.prior, ...LANGS.filter((lang) => !call.prior.includes(lang))];
    const greeting = order.filter((lang) => render.speakable(lang)).slice(0, 1);
    const segments = [
      ...greeting.map((lang) => say(render, lang, { key: 'voice.welcome' })),
      ...languageMenu(render, order),
    ];
    return simplePrompt(call.lang, segments, {
      input: 'language',
      options: [...LANGS],
      optionsAt: greeting.length,
    });
  }

  /** Runs one dialogue turn and answers with its prompt. */
  async function turn(
    call: CallState,
    req: VoiceRequest,
    input: { text?: string; payload?: string },
    prefix: readonly Segment[] = [],
  ): Promise<string> {
    const render = await ctx.renderDeps();
    // A language the call cannot speak (Odia or Urdu without synthesized audio): the caller hears Hindi,
    // and each new turn's text goes to WhatsApp in their own language.
    let written: string[] | undefined;
    const response = await handleInbound(
      engine,
      {
        channel: 'voice',
        messageId: `${call.callSid}:${req.step}`,
        from: call.address,
        text: input.text ?? '',
        ...(input.payload !== undefined ? { payload: input.payload } : {}),
        media: [],
        receivedAt: ctx.now(),
      },
      (outcome) => {
        if (!render.speakable(outcome.lang))
          written = packMessages(renderText(deps.text, outcome.lang, outcome.replies));
        return JSON.stringify(renderVoice(render, outcome));
      },
    );
    const prompt = JSON.parse(response) as VoicePrompt;
    if (written && deps.sender) {
      const sender = deps.sender;
      const bodies = written;
      void (async () => {
        for (const body of bodies) await sender.sendMessage({ to: `whatsapp:${call.address}`, body });
      })().catch((error: unknown) =>
        deps.log.warn({ err: error }, 'could not send the call text to WhatsApp'),
      );
    }
    const next: CallState = {
      ...call,
      phase: prompt.input === 'none' ? 'ended' : 'dialogue',
      lang: prompt.lang,
      prompt,
    };
    delete (next as { pending?: unknown }).pending;
    if (prompt.notUnderstood) return ctx.miss(next, req, prompt, 'unclear', true);
    return ctx.respond({ ...next, misses: 0, keypadOnly: false }, req, prompt, prefix);
  }

  async function start(req: VoiceRequest): Promise<string> {
    const existing = await deps.calls.load(req.callSid);
    const receipt = existing?.receipts[String(req.step)];
    if (receipt !== undefined) return receipt;
    if (req.campaignId !== undefined) return campaignStart(ctx, req);

    const address = req.from;
    const prior = deps.prior.languagesFor(address);
    const conversation = await engine.store.load(engine.ownerId(address));
    const base: CallState = {
      callSid: req.callSid,
      address,
      phase: 'language',
      lang: prior[0] ?? 'hi',
      prior,
      misses: 0,
      keypadOnly: false,
      receipts: {},
    };
    if (conversation) {
      const { state, context } = conversation.record;
      const call: CallState = { ...base, phase: 'dialogue', lang: context.lang };
      const render = await ctx.renderDeps();
      if (state === 'stopped')
        return ctx.respond(
          { ...call, phase: 'ended' },
          req,
          simplePrompt(context.lang, [say(render, context.lang, { key: 'voice.stopped' })]),
        );
      return turn(call, req, { payload: 'cmd:start' });
    }
    if (sttReady()) {
      const render = await ctx.renderDeps();
      const greet = prior.filter((lang) => render.speakable(lang)).slice(0, 2);
      const segments = greet.map((lang) => say(render, lang, { key: 'voice.welcome.speak' }));
      const twiml = await recordTwiml(segments, {
        action: nextAction(req.step),
        maxLength: FIRST_WORDS_SECONDS,
      });
      return ctx.save(base, req, twiml);
    }
    if (!keypadNoted) {
      keypadNoted = true;
      log.info(
        'speech-to-text is not configured (or recordings cannot be fetched): new callers choose their language by keypad',
      );
    }
    const menu = await menuPrompt(base);
    return ctx.respond({ ...base, prompt: menu }, req, menu);
  }

  async function startDialogue(call: CallState, req: VoiceRequest, lang: Lang): Promise<string> {
    const render = await ctx.renderDeps();
    // Told once, in Hindi, when the chosen language cannot be spoken on the phone.
    const notice = render.speakable(lang)
      ? []
      : [say(render, lang, { key: 'voice.no_voice', params: { language: ENDONYM[lang] } })];
    return turn({ ...call, lang, misses: 0, keypadOnly: false }, req, { text: ENDONYM[lang] }, notice);
  }

  async function languageStep(call: CallState, req: VoiceRequest): Promise<string> {
    const keys = req.digits?.replace(/#$/, '') ?? '';
    if (!call.prompt) {
      // The first words were recorded (or a key ended the recording): detect, else the keypad menu.
      if (req.recordingUrl && keys === '') {
        const lang = await detectSpokenLanguage(deps, req.recordingUrl, call.prior);
        if (lang) return startDialogue(call, req, lang);
      }
      const menu = await menuPrompt(call);
      return ctx.respond({ ...call, prompt: menu }, req, menu);
    }
    if (keys === '') return ctx.miss(call, req, call.prompt, 'silence');
    const lang = LANGS[Number(keys) - 1];
    if (/^\d{1,2}$/.test(keys) && lang) return startDialogue(call, req, lang);
    return ctx.miss(call, req, call.prompt, 'unclear');
  }

  /** What a free answer would fill, when it is worth reading back. */
  function readBack(call: CallState, prompt: VoicePrompt, text: string): string | undefined {
    const question = questionOfState(prompt.state, deps.text.flow);
    if (!question || !prompt.readBack) return undefined;
    const fields: Profile | undefined = parseAnswer(question, { text }, call.lang, ctx.now());
    if (!fields) return undefined;
    if (prompt.readBack === 'amount') {
      const amount = fields[question.id as 'monthlySales' | 'amount'];
      return typeof amount === 'number' ? spokenAmount(amount, call.lang) : undefined;
    }
    const parts = [
      fields.place,
      fields.state ? stateName(fields.state) : undefined,
      fields.pin?.split('').join(' '),
    ];
    return parts.filter((part) => part !== undefined && part !== '').join(', ') || undefined;
  }

  async function confirmPrompt(call: CallState, said: string): Promise<VoicePrompt> {
    const render = await ctx.renderDeps();
    return simplePrompt(call.lang, [say(render, call.lang, { key: 'voice.readback', params: { said } })], {
      input: 'choice',
      options: ['yes', 'no'],
      optionsAt: 0,
      state: call.prompt?.state ?? 'voice',
    });
  }

  async function freeAnswer(
    call: CallState,
    req: VoiceRequest,
    prompt: VoicePrompt,
    text: string,
  ): Promise<string> {
    const said = readBack(call, prompt, text);
    if (said === undefined) return turn(call, req, { text });
    return ctx.respond(
      { ...call, phase: 'confirm', pending: { text, said }, misses: 0 },
      req,
      await confirmPrompt(call, said),
    );
  }

  async function confirmStep(call: CallState, req: VoiceRequest): Promise<string> {
    const prompt = call.prompt;
    const pending = call.pending;
    if (!prompt || !pending) return dialogueStep({ ...call, phase: 'dialogue' }, req);
    const answer =
      req.digits === '1'
        ? 'yes'
        : req.digits === '2'
          ? 'no'
          : req.speech
            ? matchYesNo(req.speech)
            : undefined;
    const back: CallState = { ...call, phase: 'dialogue', misses: 0 };
    delete (back as { pending?: unknown }).pending;
    if (answer === 'yes') return turn(back, req, { text: pending.text });
    if (answer === 'no') return ctx.respond(back, req, prompt);
    const confirm = await confirmPrompt(call, pending.said);
    return ctx.miss(call, req, confirm, req.digits || req.speech ? 'unclear' : 'silence');
  }

  async function sendRecommendations(
    call: CallState,
    req: VoiceRequest,
    prompt: VoicePrompt,
  ): Promise<string> {
    const render = await ctx.renderDeps();
    const relist = { ...prompt, segments: prompt.segments.slice(prompt.optionsAt) };
    const conversation = await engine.store.load(engine.ownerId(call.address));
    const context = conversation?.record.context;
    let key = 'voice.recs.failed';
    if (deps.sender && context && (context.shown ?? []).length > 0) {
      const replies: Reply[] = [
        { type: 'text', msg: { key: 'recs.intro' } },
        ...(context.shown ?? []).map((item): Reply => ({
          type: 'item',
          rank: item.rank,
          itemId: item.id,
          reasons: item.reasons,
        })),
      ];
      try {
        for (const body of packMessages(renderText(deps.text, context.lang, replies))) {
          await deps.sender.sendMessage({ to: `whatsapp:${call.address}`, body });
        }
        key = 'voice.recs.sent';
      } catch (error) {
        log.warn({ err: error, callSid: call.callSid }, 'could not send recommendations to WhatsApp');
      }
    }
    return ctx.respond({ ...call, misses: 0 }, req, relist, [say(render, call.lang, { key })]);
  }

  async function dialogueStep(call: CallState, req: VoiceRequest): Promise<string> {
    const prompt = call.prompt;
    if (!prompt) return turn(call, req, { payload: 'cmd:start' });
    const keys = req.digits?.replace(/#$/, '') ?? '';
    const speech = req.speech?.trim() ?? '';
    if (keys === '' && speech === '') return ctx.miss(call, req, prompt, 'silence');
    if (keys === '')
      return prompt.readBack ? freeAnswer(call, req, prompt, speech) : turn(call, req, { text: speech });

    if (keys.includes('*')) return turn(call, req, { payload: 'cmd:language' });
    if (prompt.input === 'language') {
      const lang = LANGS[Number(keys) - 1];
      if (/^\d{1,2}$/.test(keys) && lang) return turn(call, req, { payload: lang });
      if (keys === '0') return turn(call, req, { payload: 'cmd:menu' });
      return ctx.miss(call, req, prompt, 'unclear');
    }
    const numeric = prompt.input === 'number';
    if (keys === '9' && !numeric && prompt.options.length < 9) return ctx.respond(call, req, prompt);
    if (keys === '0' && !numeric) return turn(call, req, { payload: 'cmd:menu' });
    if (prompt.input === 'choice') {
      const id = /^\d{1,2}$/.test(keys) ? prompt.options[Number(keys) - 1] : undefined;
      if (id === WHATSAPP_OPTION) return sendRecommendations(call, req, prompt);
      if (id !== undefined) return turn(call, req, { payload: id });
      return ctx.miss(call, req, prompt, 'unclear');
    }
    return freeAnswer(call, req, prompt, keys);
  }

  async function next(req: VoiceRequest): Promise<string> {
    const call = await deps.calls.load(req.callSid);
    if (!call) return start(req);
    const receipt = call.receipts[String(req.step)];
    if (receipt !== undefined) return receipt;
    switch (call.phase) {
      case 'language':
        return languageStep(call, req);
      case 'confirm':
        return confirmStep(call, req);
      case 'campaign':
        return campaignStep(ctx, call, req);
      case 'ended':
        return ctx.respond(call, req, simplePrompt(call.lang, []));
      default:
        return dialogueStep(call, req);
    }
  }

  return { start, next, context: ctx };
}
