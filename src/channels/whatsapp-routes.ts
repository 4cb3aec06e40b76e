// POST /twilio/whatsapp and its status callback: verify, parse, run the turn, answer TwiML. The
// answer is always valid TwiML; when something inside fails, a short apology in the owner's language.
import { Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { ConflictError, handleInbound, type EngineDeps, type TurnOutcome } from '../dialogue/engine.js';
import { MESSAGE_STATUSES } from '../dialogue/store.js';
import type { Messages } from '../i18n/messages.js';
import { detectLanguage } from '../language/detect/index.js';
import type { Lang } from '../language/langs.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { InvalidInput, parseWhatsApp } from './whatsapp-inbound.js';
import { packMessages, renderText, type TextRenderDeps } from './render-text.js';

const { twiml } = twilio;

export interface WhatsAppRouteDeps {
  readonly engine: EngineDeps;
  readonly text: TextRenderDeps;
  readonly messages: Messages;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly clock?: () => Date;
}

export function toTwiml(bodies: readonly string[]): string {
  const response = new twiml.MessagingResponse();
  for (const body of bodies) response.message(body);
  return response.toString();
}

const statusSchema = z
  .object({
    MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/),
    MessageStatus: z.enum(MESSAGE_STATUSES),
    ErrorCode: z.string().max(16).optional(),
  })
  .passthrough();

export function whatsappRoutes(deps: WhatsAppRouteDeps): Router {
  const router = Router();
  const now = deps.clock ?? (() => new Date());
  const render = (outcome: TurnOutcome) =>
    toTwiml(packMessages(renderText(deps.text, outcome.lang, outcome.replies)));

  router.post('/twilio/whatsapp', async (req, res) => {
    let inbound;
    try {
      inbound = parseWhatsApp(req.body, now());
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      deps.metrics.errors.inc({ kind: 'invalid_webhook' });
      deps.log.warn({ reason: error.message }, 'rejected malformed WhatsApp webhook');
      res.status(400).type('text/plain').send(`Bad request: ${error.message}`);
      return;
    }
    try {
      const response = await handleInbound(deps.engine, inbound, render);
      res.type('text/xml').send(response);
    } catch (error) {
      const kind = error instanceof ConflictError ? 'busy' : 'turn_failed';
      deps.metrics.errors.inc({ kind });
      deps.log.error({ err: error, messageId: inbound.messageId }, 'WhatsApp turn failed; answering with an apology');
      const guess = detectLanguage(inbound.text);
      const lang: Lang = guess.lang !== 'unknown' && guess.confidence >= 0.5 ? guess.lang : 'en';
      const key = error instanceof ConflictError ? 'error.busy' : 'error.apology';
      res.type('text/xml').send(toTwiml([deps.messages.format(lang, { key })]));
    }
  });

  router.post('/twilio/whatsapp/status', async (req, res) => {
    const parsed = statusSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).type('text/plain').send('Bad request: MessageSid and a known MessageStatus are required');
      return;
    }
    await deps.engine.store.recordStatus({
      messageId: parsed.data.MessageSid,
      status: parsed.data.MessageStatus,
      errorCode: parsed.data.ErrorCode,
      at: now().getTime(),
    });
    res.status(204).end();
  });

  return router;
}
