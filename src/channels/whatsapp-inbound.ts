// Twilio's WhatsApp webhook fields → one channel-neutral InboundEvent. Nothing past this file knows
// Twilio's field names. Unknown extra fields are ignored (Twilio adds fields without notice).
//
// Checked field by field by hand rather than with a zod schema: this runs on every message. The rules
// are those of a zod schema, which tests/http/fuzz-webhook.test.ts keeps as the reference and compares
// with on arbitrary forms (strings with a length cap; numbers read with Number(), so "" reads as 0).
import type { InboundEvent } from '../dialogue/types.js';

/** Twilio caps a WhatsApp body at 1600 characters; longer text is cut, not rejected. */
export const MAX_TEXT = 1600;
export const MAX_MEDIA = 10;

const MESSAGE_SID = /^[A-Za-z]{2}[0-9a-fA-F]{32}$/;
const PHONE_ADDRESS = /^(whatsapp:)?\+?[0-9]{6,16}$/;

export class InvalidInput extends Error {
  override readonly name = 'InvalidInput';
}

/** Repeated form fields arrive as arrays: the first one counts. */
const oneOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

type Form = Record<string, unknown>;

function required(form: Form, name: string, pattern: RegExp, what: string): string {
  const value = oneOf(form[name]);
  if (value === undefined) throw new InvalidInput(`${name}: Required`);
  if (typeof value !== 'string') throw new InvalidInput(`${name}: Expected string`);
  if (!pattern.test(value)) throw new InvalidInput(`${name}: ${what}`);
  return value;
}

function optionalText(form: Form, name: string, max: number): string | undefined {
  const value = oneOf(form[name]);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidInput(`${name}: Expected string`);
  if (value.length > max) throw new InvalidInput(`${name}: at most ${max} characters`);
  return value;
}

function optionalNumber(
  form: Form,
  name: string,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  const value = oneOf(form[name]);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (Number.isNaN(number)) throw new InvalidInput(`${name}: Expected number`);
  if (integer && !Number.isInteger(number)) throw new InvalidInput(`${name}: Expected integer`);
  if (number < min || number > max) throw new InvalidInput(`${name}: between ${min} and ${max}`);
  return number;
}

export function parseWhatsApp(body: unknown, receivedAt: Date): InboundEvent {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Form;
  const messageId = required(form, 'MessageSid', MESSAGE_SID, 'not a Twilio message SID');
  const from = required(form, 'From', PHONE_ADDRESS, 'not a phone address');
  const text = optionalText(form, 'Body', 8 * MAX_TEXT);
  const profileName = optionalText(form, 'ProfileName', 256);
  const buttonPayload = optionalText(form, 'ButtonPayload', 256);
  const listId = optionalText(form, 'ListId', 256);
  const latitude = optionalNumber(form, 'Latitude', -90, 90);
  const longitude = optionalNumber(form, 'Longitude', -180, 180);
  const address = optionalText(form, 'Address', 512);
  const placeLabel = optionalText(form, 'Label', 256);
  const numMedia = optionalNumber(form, 'NumMedia', 0, MAX_MEDIA, true);

  const media: { url: string; contentType: string }[] = [];
  for (let i = 0; i < (numMedia ?? 0); i++) {
    const url = oneOf(form[`MediaUrl${i}`]);
    const contentType = oneOf(form[`MediaContentType${i}`]);
    if (typeof url === 'string' && typeof contentType === 'string') media.push({ url, contentType });
  }
  const payload = buttonPayload ?? listId;
  const label = placeLabel ?? address;
  const location =
    latitude !== undefined && longitude !== undefined
      ? { lat: latitude, lng: longitude, ...(label ? { label } : {}) }
      : undefined;
  return {
    channel: 'whatsapp',
    messageId,
    from,
    text: (text ?? '').slice(0, MAX_TEXT),
    ...(payload ? { payload } : {}),
    ...(location ? { location } : {}),
    media,
    ...(profileName ? { profileName: profileName.slice(0, 80) } : {}),
    receivedAt,
  };
}
