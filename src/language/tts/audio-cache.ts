// Where synthesized prompts are kept, by content hash: a tiny port (get/put) with an in-memory adapter
// here and a disk adapter beside it. Ids are lowercase hex sha256, the file names the audio route serves.
import { createHash } from 'node:crypto';
import type { Audio, AudioFormat } from './port.js';

export interface AudioCache {
  get(id: string): Promise<Audio | undefined>;
  put(audio: Audio): Promise<void>;
}

const ID = /^[0-9a-f]{64}$/;

export const CONTENT_TYPE: Readonly<Record<AudioFormat, Audio['contentType']>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

export function isAudioId(id: string): boolean {
  return ID.test(id);
}

/** The content hash that names a prompt's audio: sha256 of `voiceName|format|text`. */
export function audioId(voiceName: string, format: AudioFormat, text: string): string {
  return createHash('sha256').update(`${voiceName}|${format}|${text}`).digest('hex');
}

export function formatOf(audio: Audio): AudioFormat {
  return audio.contentType === 'audio/wav' ? 'wav' : 'mp3';
}

/** `<id>.wav` or `<id>.mp3`: the last path segment of `/twilio/voice/audio/<file>`. */
export function audioFileName(audio: Audio): string {
  return `${audio.id}.${formatOf(audio)}`;
}

/** Splits a requested file name into id and format; undefined for anything that is not one of ours. */
export function parseAudioFileName(name: string): { id: string; format: AudioFormat } | undefined {
  const match = /^([0-9a-f]{64})\.(wav|mp3)$/.exec(name);
  if (match === null) return undefined;
  return { id: match[1] as string, format: match[2] as AudioFormat };
}

/** Keeps audio in process memory (tests, local mode); the oldest entries go first beyond `maxEntries`. */
export function createMemoryAudioCache(maxEntries = 2_000): AudioCache {
  const entries = new Map<string, Audio>();
  return {
    get(id) {
      return Promise.resolve(entries.get(id));
    },
    put(audio) {
      if (!isAudioId(audio.id)) return Promise.reject(new RangeError(`not an audio id: ${audio.id}`));
      entries.delete(audio.id);
      entries.set(audio.id, audio);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return Promise.resolve();
    },
  };
}
