// The delivery policy's settings, parsed once from the validated config: send rates, sending windows per
// channel and the per-owner frequency cap across all lenders.
import { clampToTrai, parseWindow, type SendWindow } from './quiet-hours.js';

export interface FrequencyCap {
  /** Marketing messages an owner may get… */
  readonly count: number;
  /** …within this many milliseconds (sliding). */
  readonly windowMs: number;
}

export interface DeliveryPolicy {
  /** Sends per second per WhatsApp sender (Twilio's default is 80); 0 switches the limit off. */
  readonly sendRate: number;
  /** Calls per second (Twilio's default CPS is 1); 0 switches the limit off. */
  readonly callRate: number;
  readonly windows: { readonly whatsapp: SendWindow; readonly voice: SendWindow };
  readonly frequencyCap: FrequencyCap;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `"2/7d"` (2 per 7 days); units s, m, h, d. */
export function parseFrequencyCap(text: string): FrequencyCap {
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smhd])$/.exec(text.trim());
  if (match === null) throw new RangeError(`not a frequency cap (e.g. 2/7d): ${text}`);
  const count = Number(match[1]);
  const windowMs = Number(match[2]) * (UNIT_MS[match[3] ?? 'd'] ?? 0);
  if (count < 1 || windowMs <= 0)
    throw new RangeError(`frequency cap must allow at least 1 per period: ${text}`);
  return { count, windowMs };
}

export interface PolicySettings {
  readonly sendRate: number;
  readonly callRate: number;
  readonly quietHoursWhatsapp: string;
  readonly quietHoursVoice: string;
  readonly frequencyCap: string;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  sendRate: 80,
  callRate: 1,
  quietHoursWhatsapp: '10:00-21:00',
  quietHoursVoice: '10:00-21:00',
  frequencyCap: '2/7d',
};

export function deliveryPolicy(settings: Partial<PolicySettings> = {}): DeliveryPolicy {
  const s = { ...DEFAULT_POLICY_SETTINGS, ...settings };
  return {
    sendRate: s.sendRate,
    callRate: s.callRate,
    windows: {
      whatsapp: parseWindow(s.quietHoursWhatsapp),
      voice: clampToTrai(parseWindow(s.quietHoursVoice)),
    },
    frequencyCap: parseFrequencyCap(s.frequencyCap),
  };
}
