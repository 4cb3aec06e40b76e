// POST /twilio/voice (incoming and campaign calls), POST /twilio/voice/next?s=N (every later step),
// POST /twilio/voice/status (call outcomes) and GET /twilio/voice/audio/:id (synthesized prompts for
// <Play>). All sit behind the /twilio signature check. The answer is always valid TwiML.
import { Router, type Request, type Response } from 'express';
import { Counter } from 'prom-client';
import twilio from 'twilio';
import { z } from 'zod';
import type { Messages } from '../i18n/messages.js';
import { VOICE } from '../language/voices.js';
import type { Metrics } from '../metrics.js';
import { createVoiceCalls } from './voice-call.js';
import type { VoiceDeps, VoiceRequest } from './voice-context.js';
import { CALL_STATUSES } from './voice-store.js';

const { twiml } = twilio;
type SayAttributes = NonNullable<Parameters<InstanceType<typeof twiml.VoiceResponse>['say']>[0]>;

export interface VoiceRouteDeps extends VoiceDeps {
  readonly metrics: Metrics;
  readonly publicBaseUrl: string | undefined;
}

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

const callSchema = z
  .object({
    CallSid: z.string().regex(CALL_SID),
    From: z.string().min(1).max(64),
    To: z.string().min(1).max(64),
    Direction: z.string().max(32).optional(),
    Digits: z.string().max(32).optional(),
    SpeechResult: z.string().max(2000).optional(),
    RecordingUrl: z.string().url().max(500).optional(),
  })
  .passthrough();

const statusSchema = z
  .object({
    CallSid: z.string().regex(CALL_SID),
    CallStatus: z.enum(CALL_STATUSES),
    CallDuration: z.coerce.number().int().min(0).optional(),
  })
  .passthrough();

const stepSchema = z.coerce.number().int().min(1).max(10_000);
const campaignSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A caller Twilio cannot identify ("anonymous", a SIP client) gets a conversation of this call only. */
function ownerAddress(from: string, callSid: string): string {
  return /^\+?\d{6,15}$/.test(from.replace(/[\s()-]/g, '')) ? from : `call:${callSid}`;
}

function statusCounter(metrics: Metrics): Counter<'status'> {
  const name = 'saathi_voice_call_status_total';
  const existing = metrics.registry.getSingleMetric(name);
  if (existing) return existing as Counter<'status'>;
  return new Counter({
    name,
    help: 'Call status callbacks stored, by status',
    labelNames: ['status'],
    registers: [metrics.registry],
  });
}

function apology(messages: Messages): string {
  const response = new twiml.VoiceResponse();
  for (const lang of ['hi', 'en'] as const) {
    response.say(
      { voice: VOICE[lang].sayVoice as NonNullable<SayAttributes['voice']>, language: `${lang}-IN` },
      messages.format(lang, { key: 'voice.error' }),
    );
  }
  response.hangup();
  return response.toString();
}

export function voiceRoutes(deps: VoiceRouteDeps): Router {
  const router = Router();
  const calls = createVoiceCalls(deps);
  const statuses = statusCounter(deps.metrics);

  const parse = (req: Request, step: number): VoiceRequest | string => {
    const parsed = callSchema.safeParse(req.body);
    if (!parsed.success) return 'CallSid, From and To are required';
    const campaign = req.query.campaign;
    if (campaign !== undefined && !campaignSchema.safeParse(campaign).success)
      return 'campaign must be a short id';
    const form = parsed.data;
    const outbound = (form.Direction ?? 'inbound').startsWith('outbound');
    const from = outbound ? form.From : ownerAddress(form.From, form.CallSid);
    const to = outbound ? ownerAddress(form.To, form.CallSid) : form.To;
    return {
      callSid: form.CallSid,
      from,
      to,
      direction: form.Direction ?? 'inbound',
      step,
      digits: form.Digits,
      speech: form.SpeechResult,
      recordingUrl: form.RecordingUrl,
      campaignId: typeof campaign === 'string' ? campaign : undefined,
      baseUrl: deps.publicBaseUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    };
  };

  const answer = async (res: Response, voice: VoiceRequest, run: () => Promise<string>) => {
    try {
      res.type('text/xml').send(await run());
    } catch (error) {
      deps.metrics.errors.inc({ kind: 'voice_step_failed' });
      deps.log.error(
        { err: error, callSid: voice.callSid, step: voice.step },
        'voice step failed; apologising and hanging up',
      );
      res.type('text/xml').send(apology(deps.messages));
    }
  };

  const reject = (res: Response, reason: string) => {
    deps.metrics.errors.inc({ kind: 'invalid_webhook' });
    deps.log.warn({ reason }, 'rejected malformed voice webhook');
    res.status(400).type('text/plain').send(`Bad request: ${reason}`);
  };

  router.post('/twilio/voice', async (req, res) => {
    const voice = parse(req, 0);
    if (typeof voice === 'string') return reject(res, voice);
    await answer(res, voice, () => calls.start(voice));
  });

  router.post('/twilio/voice/next', async (req, res) => {
    const step = stepSchema.safeParse(req.query.s);
    if (!step.success) return reject(res, 'the step counter s is required');
    const voice = parse(req, step.data);
    if (typeof voice === 'string') return reject(res, voice);
    await answer(res, voice, () => calls.next(voice));
  });

  router.post('/twilio/voice/status', async (req, res) => {
    const parsed = statusSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).type('text/plain').send('Bad request: CallSid and a known CallStatus are required');
      return;
    }
    const { CallSid, CallStatus, CallDuration } = parsed.data;
    const now = (deps.clock ?? (() => new Date()))();
    const stored = await deps.calls.recordStatus({
      callSid: CallSid,
      status: CallStatus,
      at: now.getTime(),
      duration: CallDuration,
    });
    if (stored) statuses.inc({ status: CallStatus });
    res.status(204).end();
  });

  router.get('/twilio/voice/audio/:id', async (req, res) => {
    const id = req.params.id;
    const audio = /^[A-Za-z0-9_-]{8,128}(\.(wav|mp3))?$/.test(id)
      ? await deps.tts?.cached(id.replace(/\.(wav|mp3)$/, ''))
      : undefined;
    if (!audio) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.type(audio.contentType).set('Cache-Control', 'public, max-age=86400').send(audio.bytes);
  });

  return router;
}
