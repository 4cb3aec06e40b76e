// POST /twilio/whatsapp and its status callback: verify, parse, admit (flood limit + durable inbox), run
// the turn, answer TwiML. The answer is always valid TwiML; when something inside fails, a short message
// in the owner's language: "please try again in a minute" when Redis is away, an apology otherwise.
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import {
  ConflictError,
  handleInbound,
  type EngineDeps,
  type TurnOutcome,
  type TurnRenderer,
} from '../dialogue/engine.js';
import type { Admission, AdmitAndBegin, Inbox } from '../dialogue/inbox.js';
import { MESSAGE_STATUSES, StoreUnavailable, type Begun, type MessageStatus } from '../dialogue/store.js';
import type { InboundEvent } from '../dialogue/types.js';
import type { Messages } from '../i18n/messages.js';
import { detectLanguage } from '../language/detect/index.js';
import type { Lang } from '../language/langs.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { InvalidInput, parseWhatsApp } from './whatsapp-inbound.js';
import { answerVoiceNote, voiceNoteOf, type VoiceNoteReplyDeps } from './whatsapp-voice-note.js';

/** A voice note is answered out of band: recovery waits this much longer before stepping in. */
const VOICE_NOTE_GRACE_MS = 60_000;
import { packMessages, renderText, type TextRenderDeps } from './render-text.js';

/** The durable inbox and the flood limit; without it, turns run unrecorded and unlimited. */
export interface InboxDeps {
  readonly inbox: Inbox;
  /** Marks an entry done once its answer has left; keeps retrying in the background if Redis is away. */
  readonly settle: (messageId: string) => void;
  /** Messages per sender per minute before the polite flood answer (SAATHI_FLOOD_PER_MINUTE). */
  readonly perMinute: number;
  /** An entry not done after this long is answered by the recovery loop instead (SAATHI_INBOX_GRACE_MS). */
  readonly graceMs: number;
  /** Admission and the turn's first read in one round trip, where the stores offer it (Redis). */
  readonly admitAndBegin?: AdmitAndBegin;
}

export interface WhatsAppRouteDeps {
  readonly engine: EngineDeps;
  readonly text: TextRenderDeps;
  readonly messages: Messages;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly clock?: () => Date;
  readonly inbox?: InboxDeps;
  /** Voice notes transcribed and answered by REST (when a speech provider is configured). */
  readonly voiceNotes?: VoiceNoteReplyDeps;
  /**
   * The owner wrote after a campaign reached them (learned at admission, `InboxDeps.admitAndBegin`):
   * counted as a reply to it. Best effort; awaited before the turn.
   */
  readonly onCampaignReply?: (ownerId: string, campaignId: string) => Promise<unknown>;
  /** Also told of every message status (campaign counters and per-recipient status). */
  readonly onStatus?: (update: {
    messageSid: string;
    status: MessageStatus;
    errorCode?: string;
    at: number;
  }) => Promise<unknown>;
}

const TWIML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
/**
 * Characters XML 1.0 does not allow: controls other than tab, newline and return, U+FFFE/F, and (with the
 * `u` flag a surrogate pair is one code point, so this matches only halves on their own) lone surrogates.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#xD;',
};

/**
 * The messages as TwiML, byte for byte what twilio's MessagingResponse writes (tested against it), built
 * as a string because this runs on every message; characters XML cannot carry are dropped rather than
 * failing the answer.
 */
export function toTwiml(bodies: readonly string[]): string {
  if (bodies.length === 0) return `${TWIML_HEAD}<Response/>`;
  let xml = `${TWIML_HEAD}<Response>`;
  for (const body of bodies) {
    const text = body.replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => XML_ESCAPES[c] ?? c);
    xml += text === '' ? '<Message/>' : `<Message>${text}</Message>`;
  }
  return `${xml}</Response>`;
}

/**
 * Writes a TwiML answer (status 200) with Node's own response API: Node sets Content-Length from the
 * string, and Express's send() would only re-derive the type and charset on every message.
 */
function sendTwiml(res: Response, xml: string): void {
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  res.end(xml);
}

/** The WhatsApp renderer: a turn's replies as TwiML <Message>s (what receipts keep). */
export function whatsappRenderer(text: TextRenderDeps): TurnRenderer {
  return (outcome: TurnOutcome) => toTwiml(packMessages(renderText(text, outcome.lang, outcome.replies)));
}

const statusSchema = z
  .object({
    MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/),
    MessageStatus: z.enum(MESSAGE_STATUSES),
    ErrorCode: z.string().max(16).optional(),
  })
  .passthrough();

/**
 * The language a message is written in, or English when the detector is unsure (short or mixed text) or
 * fails: the answers that use it are the ones that must never fail themselves.
 */
function guessLang(text: string): Lang {
  try {
    const guess = detectLanguage(text);
    return guess.lang !== 'unknown' && guess.confidence >= 0.5 ? guess.lang : 'en';
  } catch {
    return 'en';
  }
}

/** The two WhatsApp webhooks, mounted by the app at their paths (`app.ts`), behind body parsing and the signature check. */
export interface WhatsAppHandlers {
  /** POST /twilio/whatsapp */
  readonly inbound: RequestHandler;
  /** POST /twilio/whatsapp/status */
  readonly status: RequestHandler;
}

export function whatsappHandlers(deps: WhatsAppRouteDeps): WhatsAppHandlers {
  const now = deps.clock ?? (() => new Date());
  const render = whatsappRenderer(deps.text);
  const answer = (res: Response, lang: Lang, key: string) =>
    sendTwiml(res, toTwiml([deps.messages.format(lang, { key })]));

  /**
   * Sends the answer and marks the entry done in the same tick: the HTTP answer and the Redis write leave
   * one right after the other, so a crash between them (the one window where a recovered answer is a
   * duplicate) is as short as it can be. When the client has already gone, the entry is left for recovery.
   */
  const send = (res: Response, messageId: string, xml: string) => {
    sendTwiml(res, xml);
    if (deps.inbox && res.socket?.destroyed !== true) deps.inbox.settle(messageId);
  };

  /**
   * Counts and records the message; answers and returns false when it must go no further. With `read`,
   * the turn's first read (`store.begin`) comes with the admission: in one command where the stores offer
   * it (`admitAndBegin`, which with campaigns also touches the session window), else issued right behind
   * it in the same tick, so both travel in one round trip. Either way the message is recorded before it
   * is read for.
   */
  const admit = async (
    inbound: InboundEvent,
    replyFrom: unknown,
    res: Response,
    { extraGraceMs = 0, read = false }: { extraGraceMs?: number; read?: boolean } = {},
  ): Promise<{ admitted: boolean; started?: { ownerId: string; begun: Promise<Begun> } }> => {
    if (!deps.inbox) return { admitted: true };
    const { inbox, perMinute, graceMs } = deps.inbox;
    const ownerId = deps.engine.ownerId(inbound.from);
    const at = now().getTime();
    const entry = {
      ownerId,
      inbound,
      ...(typeof replyFrom === 'string' && replyFrom.length <= 64 ? { replyFrom } : {}),
    };
    const options = { now: at, perMinute, dueAt: at + graceMs + extraGraceMs };
    let admission: Admission;
    let begun: Promise<Begun> | undefined;
    if (deps.inbox.admitAndBegin) {
      // Voice notes too, though their read goes unused: the script also touches the session window.
      let lastCampaign: string | undefined;
      ({ admission, begun, lastCampaign } = await deps.inbox.admitAndBegin(entry, options));
      if (!read) {
        begun?.catch(() => undefined);
        begun = undefined;
      }
      // Credited before the turn runs, so it never lands after an erasure that this message confirms.
      if (lastCampaign !== undefined && deps.onCampaignReply)
        await deps
          .onCampaignReply(ownerId, lastCampaign)
          .catch((error: unknown) => deps.log.warn({ err: error }, 'campaign hook failed: reply'));
    } else {
      const admitting = inbox.admit(entry, options);
      begun = read ? deps.engine.store.begin(ownerId, inbound.messageId) : undefined;
      // Not awaited when the admission fails or turns the message away: its failure is of no interest.
      begun?.catch(() => undefined);
      admission = await admitting;
    }
    if (admission === 'admitted')
      return begun ? { admitted: true, started: { ownerId, begun } } : { admitted: true };
    deps.metrics.errors.inc({ kind: 'flood' });
    if (admission === 'muted') {
      sendTwiml(res, toTwiml([]));
      return { admitted: false };
    }
    deps.log.warn(
      { ownerId, perMinute },
      'flood limit reached; answering once and dropping the rest of this minute',
    );
    const stored = await deps.engine.store.load(ownerId).catch(() => undefined);
    answer(res, stored?.record.context.lang ?? guessLang(inbound.text), 'error.flood');
    return { admitted: false };
  };

  /** The short answer for a failed turn, in the owner's language; the cause is logged and counted. */
  const failure = (error: unknown, inbound: InboundEvent): string => {
    const kind =
      error instanceof StoreUnavailable
        ? 'unavailable'
        : error instanceof ConflictError
          ? 'busy'
          : 'turn_failed';
    deps.metrics.errors.inc({ kind });
    const key =
      kind === 'unavailable' ? 'error.unavailable' : kind === 'busy' ? 'error.busy' : 'error.apology';
    if (kind === 'unavailable')
      deps.log.warn(
        { err: error, messageId: inbound.messageId },
        'store unavailable; asking the owner to try again',
      );
    else
      deps.log.error(
        { err: error, messageId: inbound.messageId },
        'WhatsApp turn failed; answering with an apology',
      );
    return toTwiml([deps.messages.format(guessLang(inbound.text), { key })]);
  };

  const receive: RequestHandler = async (req, res) => {
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
    const replyFrom = (req.body as Record<string, unknown>).To;
    const note = deps.voiceNotes?.configured ? voiceNoteOf(inbound) : undefined;
    let started: { ownerId: string; begun: Promise<Begun> } | undefined;
    try {
      // Nothing is written when this fails: the owner is asked to try again.
      const admission = await admit(
        inbound,
        replyFrom,
        res,
        note ? { extraGraceMs: VOICE_NOTE_GRACE_MS } : { read: true },
      );
      if (!admission.admitted) return;
      started = admission.started;
    } catch (error) {
      sendTwiml(res, failure(error, inbound));
      // Redis may have stored the entry before the connection dropped: it is settled (marked done, retried
      // until Redis is back) so the owner, told to try again, is not also answered by recovery.
      if (error instanceof StoreUnavailable) deps.inbox?.settle(inbound.messageId);
      return;
    }
    if (note && deps.voiceNotes) {
      // Acknowledged now; the answer follows by REST once the note is transcribed.
      sendTwiml(res, toTwiml([]));
      const voiceNotes = deps.voiceNotes;
      const from = typeof replyFrom === 'string' && replyFrom.length <= 64 ? replyFrom : undefined;
      answerVoiceNote({ ...deps, render, voiceNotes }, inbound, note, from).then(
        () => deps.inbox?.settle(inbound.messageId),
        (error: unknown) => {
          deps.metrics.errors.inc({ kind: 'voice_note' });
          deps.log.error(
            { err: error, messageId: inbound.messageId },
            'voice note answer failed; left for recovery',
          );
        },
      );
      return;
    }
    // From here the entry is recorded: once an answer (even an apology) leaves, it is done.
    let xml: string;
    try {
      xml = await handleInbound(deps.engine, inbound, render, started);
    } catch (error) {
      if (error instanceof StoreUnavailable && deps.inbox) {
        // The message is in the inbox but the turn's fate is unknown (Redis may have saved it and lost the
        // reply). Telling the owner to try again could apply their next message to the wrong question, so
        // nothing is said now: the recovery loop answers it once Redis is back, replaying the turn if it
        // was saved and running it if not — exactly one answer either way.
        deps.metrics.errors.inc({ kind: 'unavailable_after_admit' });
        deps.log.warn(
          { messageId: inbound.messageId },
          'store unavailable mid-turn; the recovery loop will answer',
        );
        sendTwiml(res, toTwiml([]));
        return;
      }
      xml = failure(error, inbound);
    }
    send(res, inbound.messageId, xml);
  };

  const receiveStatus: RequestHandler = async (req, res) => {
    const parsed = statusSchema.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .type('text/plain')
        .send('Bad request: MessageSid and a known MessageStatus are required');
      return;
    }
    try {
      const at = now().getTime();
      await Promise.all([
        deps.engine.store.recordStatus({
          messageId: parsed.data.MessageSid,
          status: parsed.data.MessageStatus,
          errorCode: parsed.data.ErrorCode,
          at,
        }),
        deps.onStatus?.({
          messageSid: parsed.data.MessageSid,
          status: parsed.data.MessageStatus,
          ...(parsed.data.ErrorCode === undefined ? {} : { errorCode: parsed.data.ErrorCode }),
          at,
        }),
      ]);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      // Nothing was recorded; the 503 shows in Twilio's debugger, and later statuses still move it forward.
      res.status(503).type('text/plain').send('Service unavailable; try again');
      return;
    }
    res.status(204).end();
  };

  return { inbound: receive, status: receiveStatus };
}
