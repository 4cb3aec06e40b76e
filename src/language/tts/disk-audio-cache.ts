// Synthesized prompts on disk (SAATHI_AUDIO_DIR, default .cache/audio): `<sha256>.wav|mp3`, written to a
// temporary name and renamed, so a reader never sees half a file. Survives restarts, so each distinct
// prompt is paid for once. Ids are checked before they touch a path.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_TYPE, isAudioId, type AudioCache, formatOf } from './audio-cache.js';
import type { Audio, AudioFormat } from './port.js';

const FORMATS: readonly AudioFormat[] = ['wav', 'mp3'];

export function createDiskAudioCache(dir: string): AudioCache {
  let made: Promise<unknown> | undefined;
  const ensureDir = (): Promise<unknown> => (made ??= mkdir(dir, { recursive: true }));

  return {
    async get(id) {
      if (!isAudioId(id)) return undefined;
      for (const format of FORMATS) {
        try {
          const bytes = await readFile(join(dir, `${id}.${format}`));
          return { id, contentType: CONTENT_TYPE[format], bytes };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      return undefined;
    },
    async put(audio: Audio) {
      if (!isAudioId(audio.id)) throw new RangeError(`not an audio id: ${audio.id}`);
      await ensureDir();
      const target = join(dir, `${audio.id}.${formatOf(audio)}`);
      const temporary = `${target}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, audio.bytes);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
