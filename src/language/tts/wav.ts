// Makes sure LINEAR16 audio is a WAV file Twilio <Play> accepts: RIFF/WAVE, PCM 16-bit mono, at the rate
// asked for, with chunk sizes that match the bytes. Google sends LINEAR16 with a WAV header; raw PCM is
// wrapped, streaming-style sizes (0 or 0xffffffff) are corrected, anything else is refused.
import { isWav, wavInfo } from '../speech/audio-info.js';

export class UnplayableAudio extends Error {
  override readonly name = 'UnplayableAudio';
}

/** A 44-byte canonical header for mono 16-bit PCM followed by `pcm`. */
export function pcmToWav(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Returns playable WAV bytes (the input itself when it already is one) or throws UnplayableAudio. */
export function ensurePlayableWav(bytes: Buffer, sampleRate: number): Buffer {
  if (!isWav(bytes)) {
    if (bytes.length === 0 || bytes.length % 2 !== 0)
      throw new UnplayableAudio(`LINEAR16 audio of ${bytes.length} bytes is neither WAV nor 16-bit PCM`);
    return pcmToWav(bytes, sampleRate);
  }
  const info = wavInfo(bytes);
  if (info === undefined) throw new UnplayableAudio('the WAV header is incomplete');
  if (info.formatTag !== 1 || info.bitsPerSample !== 16 || info.channels !== 1) {
    throw new UnplayableAudio(
      `expected PCM 16-bit mono WAV, got format ${info.formatTag}, ${info.bitsPerSample} bits, ${info.channels} channels`,
    );
  }
  if (info.sampleRate !== sampleRate)
    throw new UnplayableAudio(`expected ${sampleRate} Hz audio, the WAV header says ${info.sampleRate} Hz`);
  if (info.dataBytes === 0) throw new UnplayableAudio('the WAV file has no samples');
  const pcm = bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes - (info.dataBytes % 2));
  const consistent =
    info.dataOffset === 44 &&
    bytes.length === 44 + pcm.length &&
    bytes.readUInt32LE(4) === 36 + pcm.length &&
    bytes.readUInt32LE(40) === pcm.length;
  return consistent ? bytes : pcmToWav(pcm, sampleRate);
}
