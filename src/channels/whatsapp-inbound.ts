// Twilio's WhatsApp webhook fields → one channel-neutral InboundEvent. Nothing past this file knows
// Twilio's field names. Unknown extra fields are ignored (Twilio adds fields without notice).
import { z } from 'zod';
import type { InboundEvent } from '../dialogue/types.js';

/** Twilio caps a WhatsApp body at 1600 characters; longer text is cut, not rejected. */
export const MAX_TEXT = 1600;
const MAX_MEDIA = 10;

const field = (max: number) => z.string().max(max);

const whatsappSchema = z
  .object({
    MessageSid: z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'not a Twilio message SID'),
    From: z.string().regex(/^(whatsapp:)?\+?[0-9]{6,16}$/, 'not a phone address'),
    Body: field(8 * MAX_TEXT).optional(),
    ProfileName: field(256).optional(),
    ButtonPayload: field(256).optional(),
    ListId: field(256).optional(),
    Latitude: z.coerce.number().min(-90).max(90).optional(),
    Longitude: z.coerce.number().min(-180).max(180).optional(),
    Address: field(512).optional(),
    Label: field(256).optional(),
    NumMedia: z.coerce.number().int().min(0).max(MAX_MEDIA).optional(),
  })
  // Other fields are not copied (media fields are read from the flat form below).
  .strip();

export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';
}

const oneOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

export function parseWhatsApp(body: unknown, receivedAt: Date): InboundEvent {
  const flat = Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, oneOf(v)]),
  );
  const parsed = whatsappSchema.safeParse(flat);
  if (!parsed.success) {
    throw new InvalidInput(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  const data = parsed.data;
  const media: { url: string; contentType: string }[] = [];
  for (let i = 0; i < (data.NumMedia ?? 0); i++) {
    const url = flat[`MediaUrl${i}`];
    const contentType = flat[`MediaContentType${i}`];
    if (typeof url === 'string' && typeof contentType === 'string') media.push({ url, contentType });
  }
  const payload = data.ButtonPayload ?? data.ListId;
  const label = data.Label ?? data.Address;
  const location =
    data.Latitude !== undefined && data.Longitude !== undefined
      ? { lat: data.Latitude, lng: data.Longitude, ...(label ? { label } : {}) }
      : undefined;
  return {
    channel: 'whatsapp',
    messageId: data.MessageSid,
    from: data.From,
    text: (data.Body ?? '').slice(0, MAX_TEXT),
    ...(payload ? { payload } : {}),
    ...(location ? { location } : {}),
    media,
    ...(data.ProfileName ? { profileName: data.ProfileName.slice(0, 80) } : {}),
    receivedAt,
  };
}
