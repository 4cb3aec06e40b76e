// Campaign calls (`POST /twilio/voice?campaign=ID`, placed by Saathi): the campaign's message in the
// owner's language, then "press 1 if interested, 2 to stop these calls"; the answer goes to the campaign.
import { matchYesNo } from '../language/understand.js';
import { say, simplePrompt, speakIn, type VoicePrompt } from './render-voice.js';
import type { CallContext, CampaignAnswer, VoiceRequest } from './voice-context.js';
import { forSpeech } from './voice-speak.js';
import type { CallState } from './voice-store.js';

/** Silences before the call ends without an answer. */
const CAMPAIGN_MISSES = 2;

async function campaignPrompt(ctx: CallContext, call: CallState, message: string): Promise<VoicePrompt> {
  const render = await ctx.renderDeps();
  const lang = speakIn(render, call.lang);
  return simplePrompt(
    call.lang,
    [{ text: forSpeech(message, lang), lang }, say(render, call.lang, { key: 'voice.campaign.ask' })],
    {
      input: 'choice',
      options: ['interested', 'optout'],
      optionsAt: 1,
      state: 'campaign',
    },
  );
}

export async function campaignStart(ctx: CallContext, req: VoiceRequest): Promise<string> {
  const { deps } = ctx;
  const campaignId = req.campaignId ?? '';
  // Saathi placed the call: the owner is the one called.
  const address = req.direction.startsWith('outbound') ? req.to : req.from;
  const conversation = await deps.engine.store.load(deps.engine.ownerId(address));
  const prior = deps.prior.languagesFor(address);
  const lang = conversation?.record.context.lang ?? prior[0] ?? 'hi';
  const call: CallState = {
    callSid: req.callSid,
    address,
    phase: 'campaign',
    lang,
    prior,
    misses: 0,
    keypadOnly: false,
    campaignId,
    receipts: {},
  };
  const render = await ctx.renderDeps();
  const message = await deps.campaignMessage?.(campaignId, speakIn(render, lang));
  if (message === undefined || message.trim() === '') {
    deps.log.warn(
      { campaignId, callSid: req.callSid },
      'campaign call without a message in the owner language; hanging up',
    );
    return ctx.respond({ ...call, phase: 'ended' }, req, simplePrompt(lang, []));
  }
  const prompt = await campaignPrompt(ctx, call, message);
  return ctx.respond({ ...call, prompt }, req, prompt);
}

export async function campaignStep(ctx: CallContext, call: CallState, req: VoiceRequest): Promise<string> {
  const { deps } = ctx;
  const prompt = call.prompt;
  const spoken = req.speech ? matchYesNo(req.speech) : undefined;
  const answer: CampaignAnswer | undefined =
    req.digits === '1' || spoken === 'yes'
      ? 'interested'
      : req.digits === '2' || spoken === 'no'
        ? 'optout'
        : undefined;
  const misses = call.misses + 1;
  if (answer === undefined && prompt && misses < CAMPAIGN_MISSES) {
    const render = await ctx.renderDeps();
    const note = req.digits || req.speech ? 'voice.retry' : 'voice.silence';
    return ctx.respond({ ...call, misses }, req, prompt, [say(render, call.lang, { key: note })]);
  }
  const final = answer ?? 'none';
  try {
    await deps.onCampaignAnswer?.(call.campaignId ?? '', deps.engine.ownerId(call.address), final);
  } catch (error) {
    deps.log.error({ err: error, campaignId: call.campaignId }, 'could not record a campaign answer');
  }
  const render = await ctx.renderDeps();
  const key =
    final === 'interested'
      ? 'voice.campaign.interested'
      : final === 'optout'
        ? 'voice.campaign.optout'
        : 'voice.goodbye';
  return ctx.respond(
    { ...call, phase: 'ended' },
    req,
    simplePrompt(call.lang, [say(render, call.lang, { key })]),
  );
}
