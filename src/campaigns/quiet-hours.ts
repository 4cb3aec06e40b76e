// Sending windows in India Standard Time (UTC+05:30, no daylight saving): marketing goes out only
// inside the window; a message due outside it waits for the next opening, it is never dropped.
// TRAI's TCCCPR 2018 allows promotional calls 10:00–21:00 IST (shared/DOMAIN.md), so a voice window is
// always clamped inside that.

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const MINUTE_MS = 60_000;

/** Minutes after midnight IST: `from` inclusive, `to` exclusive. */
export interface SendWindow {
  readonly from: number;
  readonly to: number;
}

/** TRAI's promotional window (DOMAIN.md: "default to 10:00–21:00"). */
export const TRAI_WINDOW: SendWindow = { from: 10 * 60, to: 21 * 60 };

const PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)$/;

/** Parses `"10:00-21:00"`. Throws a RangeError naming the problem. */
export function parseWindow(text: string): SendWindow {
  const match = PATTERN.exec(text.trim());
  if (match === null) throw new RangeError(`not a sending window (HH:MM-HH:MM): ${text}`);
  const [, fromH, fromM, toH, toM] = match.map(Number) as [number, number, number, number, number];
  const from = fromH * 60 + fromM;
  const to = toH * 60 + toM;
  if (to > 24 * 60) throw new RangeError(`window ends after 24:00: ${text}`);
  if (from >= to) throw new RangeError(`window must open before it closes, on the same day: ${text}`);
  return { from, to };
}

/** The part of `window` inside TRAI's window (voice); throws when they do not overlap. */
export function clampToTrai(window: SendWindow): SendWindow {
  const from = Math.max(window.from, TRAI_WINDOW.from);
  const to = Math.min(window.to, TRAI_WINDOW.to);
  if (from >= to) throw new RangeError('the voice window does not overlap TRAI’s 10:00–21:00 IST');
  return { from, to };
}

export function formatWindow(window: SendWindow): string {
  const hm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${hm(window.from)}-${hm(window.to)}`;
}

/** Minutes after midnight IST at `at` (fractional). */
function istMinute(at: number): number {
  return ((((at + IST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

export function isInsideWindow(window: SendWindow, at: number): boolean {
  const minute = istMinute(at);
  return minute >= window.from && minute < window.to;
}

/** `at` itself when inside the window, otherwise the epoch ms of the next opening. */
export function nextOpening(window: SendWindow, at: number): number {
  if (isInsideWindow(window, at)) return at;
  const minute = istMinute(at);
  const midnight = at - minute * MINUTE_MS;
  const today = midnight + window.from * MINUTE_MS;
  return minute < window.from ? today : today + DAY_MS;
}
