// A WhatsApp voice note, answered out of band: the webhook acknowledges at once (transcription can take
// seconds), then the note is fetched and transcribed, handled exactly like typed text, and the answer is
// sent through the REST sender, starting with what was understood. Without a speech provider the note
// goes through the normal turn, which asks the owner to type.
import { handleInbound, type EngineDeps, type TurnRenderer } from '../dialogue/engine.js';
import type { InboundEvent } from '../dialogue/types.js';
import type { Messages } from '../i18n/messages.js';
import { LANGS, type Lang } from '../language/langs.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { messageBodies } from './inbox-recovery.js';
import type { Sender } from './sender.js';
import type { VoiceNoteMedia, VoiceNoteResult } from './voice-note.js';

export interface VoiceNoteReplyDeps {
  /** False without a speech provider: voice notes then take the normal (typed-text) path. */
  readonly configured: boolean;
  readonly transcribe: (media: VoiceNoteMedia, candidates: readonly Lang[]) => Promise<VoiceNoteResult>;
  readonly sender: Sender;
}

export interface AnswerVoiceNoteDeps {
  readonly engine: EngineDeps;
  readonly render: TurnRenderer;
  readonly messages: Messages;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly voiceNotes: VoiceNoteReplyDeps;
}

/** The voice note in a message that carries nothing else, or undefined. */
export function voiceNoteOf(inbound: InboundEvent): VoiceNoteMedia | undefined {
  const [first] = inbound.media;
  if (!first || inbound.text.trim() !== '' || inbound.payload !== undefined || inbound.location !== undefined)
    return undefined;
  return first.contentType.toLowerCase().startsWith('audio/')
    ? { url: first.url, contentType: first.contentType }
    : undefined;
}

/** The conversation's language first, then English and Hindi: at most four, as the recognizer allows. */
function candidatesFor(lang: Lang | undefined): Lang[] {
  const ordered = [lang, 'en', 'hi'].filter(
    (l): l is Lang => l !== undefined && (LANGS as readonly string[]).includes(l),
  );
  return [...new Set(ordered)].slice(0, 4);
}

export async function answerVoiceNote(
  deps: AnswerVoiceNoteDeps,
  inbound: InboundEvent,
  media: VoiceNoteMedia,
  replyFrom?: string,
): Promise<void> {
  const ownerId = deps.engine.ownerId(inbound.from);
  const { receipt, conversation: stored } = await deps.engine.store.begin(ownerId, inbound.messageId);
  if (receipt !== undefined) {
    // Twilio delivered this voice note again after it was answered: its answer went out by REST already.
    deps.log.info({ messageId: inbound.messageId }, 'voice note delivered again; already answered');
    return;
  }
  const known = stored?.record.context.lang;
  const send = (body: string) =>
    deps.voiceNotes.sender.sendMessage({ to: inbound.from, body, ...(replyFrom ? { from: replyFrom } : {}) });

  const result = await deps.voiceNotes.transcribe(media, candidatesFor(known));
  if ('error' in result) {
    deps.metrics.errors.inc({ kind: `voice_note_${result.error}` });
    deps.log.warn(
      { messageId: inbound.messageId, reason: result.error, detail: result.detail },
      'voice note not understood',
    );
    await send(deps.messages.format(known ?? 'en', { key: 'voice_note.unclear' }));
    return;
  }
  const typed: InboundEvent = { ...inbound, text: result.text, media: [] };
  const xml = await handleInbound(deps.engine, typed, deps.render);
  const lang = (await deps.engine.store.load(ownerId))?.record.context.lang ?? result.lang;
  await send(deps.messages.format(lang, { key: 'voice_note.heard', params: { text: result.text } }));
  for (const body of messageBodies(xml)) await send(body);
}
