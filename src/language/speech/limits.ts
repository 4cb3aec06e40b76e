// Synchronous recognition takes at most one minute of audio and 10 MB (CONTRACTS.md): longer audio is
// refused here, before any call, with an error that says so.
import type { RecognizeRequest } from './port.js';
import { durationSeconds } from './audio-info.js';

export interface SyncLimits {
  readonly maxSeconds: number;
  readonly maxBytes: number;
}

export const GOOGLE_SYNC_LIMITS: SyncLimits = { maxSeconds: 60, maxBytes: 10 * 1024 * 1024 };

/** The audio is longer or larger than one synchronous recognition call accepts. */
export class AudioTooLong extends Error {
  override readonly name = 'AudioTooLong';

  constructor(
    message: string,
    readonly seconds: number | undefined,
    readonly bytes: number,
  ) {
    super(message);
  }
}

/** Throws AudioTooLong when the request is over the limits (length read from the audio's own header). */
export function checkSyncLimits(request: RecognizeRequest, limits: SyncLimits = GOOGLE_SYNC_LIMITS): void {
  const bytes = request.audio.length;
  if (bytes > limits.maxBytes) {
    throw new AudioTooLong(
      `audio of ${bytes} bytes is over the ${limits.maxBytes}-byte limit of synchronous recognition`,
      undefined,
      bytes,
    );
  }
  const seconds = durationSeconds(request.audio, request.encoding, request.sampleRateHertz);
  if (seconds !== undefined && seconds > limits.maxSeconds) {
    throw new AudioTooLong(
      `audio of ${seconds.toFixed(1)} s is over the ${limits.maxSeconds} s limit of synchronous recognition`,
      seconds,
      bytes,
    );
  }
}
