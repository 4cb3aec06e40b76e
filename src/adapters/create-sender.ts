// Chooses the outbound Sender from the validated config: Twilio REST when an account, a token and a sender
// (WhatsApp From or Messaging Service) are all set, otherwise the in-memory recording sender, saying why.
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createRecordingSender, type RecordingSender } from './recording-sender.js';
import { createTwilioSender, type TwilioSender } from './twilio-sender.js';

export const MESSAGE_STATUS_PATH = '/twilio/whatsapp/status';
export const CALL_STATUS_PATH = '/twilio/voice/status';

/** Narrow on `configured`: the recording sender also exposes `sent()`. */
export type ChosenSender = TwilioSender | RecordingSender;

export function createSender(
  twilioConfig: Config['twilio'],
  publicBaseUrl: string | undefined,
  log: Pick<Logger, 'info' | 'warn'>,
): ChosenSender {
  const { accountSid, authToken, whatsappFrom, messagingServiceSid } = twilioConfig;
  const missing = [
    accountSid ? undefined : 'TWILIO_ACCOUNT_SID',
    authToken ? undefined : 'TWILIO_AUTH_TOKEN',
    whatsappFrom || messagingServiceSid ? undefined : 'TWILIO_WHATSAPP_FROM or TWILIO_MESSAGING_SERVICE_SID',
  ].filter((name) => name !== undefined);
  if (!accountSid || !authToken || missing.length > 0) {
    log.info(
      { missing },
      `Outbound sending is OFF (${missing.join(', ')} not set): messages and calls are only recorded in memory.`,
    );
    return createRecordingSender();
  }
  const base = publicBaseUrl?.replace(/\/+$/, '');
  if (base === undefined)
    log.warn('PUBLIC_BASE_URL is not set: outbound messages are sent without status callbacks.');
  const sender = createTwilioSender({
    accountSid,
    authToken,
    whatsappFrom,
    messagingServiceSid,
    voiceFrom: twilioConfig.voiceFrom,
    apiBaseUrl: twilioConfig.apiBaseUrl,
    timeoutMs: twilioConfig.timeoutMs,
    statusCallbackUrl: base && `${base}${MESSAGE_STATUS_PATH}`,
    callStatusCallbackUrl: base && `${base}${CALL_STATUS_PATH}`,
  });
  log.info(
    {
      via: messagingServiceSid ? 'messaging service' : 'whatsapp from',
      apiBaseUrl: twilioConfig.apiBaseUrl ?? 'https://api.twilio.com',
    },
    'Outbound sending through Twilio REST',
  );
  return sender;
}
