// The audio checks the speech fake makes, the way Speech-to-Text v1 validates a RecognitionConfig against
// the bytes: a WAV header must be PCM/µ-law mono and agree with encoding and sample_rate_hertz; OGG_OPUS
// must be Ogg pages whose first packet is an OpusHead, with an allowed sample rate. Written independently
// of src/language/speech/audio-info.ts on purpose (the fake plays Google, not our parser). Also makes the
// audio the TTS fake answers with: a real 16-bit PCM WAV, or MP3 frames.

export interface RecognitionConfigSeen {
  readonly encoding: string;
  readonly sampleRateHertz: number;
  readonly audioChannelCount: number;
}

/** Google's allowed sample rates for OGG_OPUS (CONTRACTS.md). */
export const OPUS_RATES = [8000, 12000, 16000, 24000, 48000] as const;

const text = (bytes: Buffer, at: number, length: number): string =>
  bytes.subarray(at, at + length).toString('latin1');

interface WavHeader {
  readonly format: number;
  readonly channels: number;
  readonly rate: number;
  readonly bits: number;
}

function readWavHeader(bytes: Buffer): WavHeader | string {
  if (bytes.length < 12 || text(bytes, 8, 4) !== 'WAVE') return 'RIFF file is not WAVE.';
  let header: WavHeader | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = text(bytes, at, 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (at + 8 + 16 > bytes.length) return 'Invalid WAV header: truncated fmt chunk.';
      header = {
        format: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        rate: bytes.readUInt32LE(at + 12),
        bits: bytes.readUInt16LE(at + 22),
      };
    }
    if (id === 'data') return header ?? 'Invalid WAV header: data chunk before fmt chunk.';
    at += 8 + size + (size % 2);
  }
  return header === undefined ? 'Invalid WAV header: no fmt chunk.' : 'Invalid WAV header: no data chunk.';
}

function checkWav(bytes: Buffer, config: RecognitionConfigSeen): string | undefined {
  const header = readWavHeader(bytes);
  if (typeof header === 'string') return header;
  const expected = config.encoding === 'MULAW' ? 7 : 1;
  if (header.format !== expected || (expected === 1 && header.bits !== 16)) {
    return `Specified ${config.encoding} encoding does not match the WAV header (format ${header.format}, ${header.bits} bits).`;
  }
  if (header.channels !== Math.max(1, config.audioChannelCount)) {
    return `Must use single channel (mono) audio, but WAV header indicates ${header.channels} channels.`;
  }
  if (config.sampleRateHertz !== 0 && config.sampleRateHertz !== header.rate) {
    return `sample_rate_hertz (${config.sampleRateHertz}) in RecognitionConfig must either be unspecified or match the value in the FLAC/WAV header (${header.rate}).`;
  }
  return undefined;
}

function checkOggOpus(bytes: Buffer, config: RecognitionConfigSeen): string | undefined {
  if (!(OPUS_RATES as readonly number[]).includes(config.sampleRateHertz)) {
    return `sample_rate_hertz (${config.sampleRateHertz}) must be one of ${OPUS_RATES.join(', ')} for OGG_OPUS.`;
  }
  if (bytes.length < 27 || text(bytes, 0, 4) !== 'OggS') return 'Invalid OGG_OPUS audio: not an Ogg stream.';
  const segments = bytes.readUInt8(26);
  const payloadAt = 27 + segments;
  if (payloadAt + 19 > bytes.length || text(bytes, payloadAt, 8) !== 'OpusHead') {
    return 'Invalid OGG_OPUS audio: the first packet is not an OpusHead.';
  }
  const declared = bytes.readUInt32LE(payloadAt + 12);
  if (
    declared !== 0 &&
    declared !== config.sampleRateHertz &&
    (OPUS_RATES as readonly number[]).includes(declared)
  ) {
    return `sample_rate_hertz (${config.sampleRateHertz}) does not match the OpusHead input sample rate (${declared}).`;
  }
  if (bytes.indexOf('OggS', payloadAt) < 0) return 'Invalid OGG_OPUS audio: no audio pages after the header.';
  return undefined;
}

/** Undefined when Google would accept the audio for this config; otherwise its INVALID_ARGUMENT message. */
export function audioProblem(bytes: Buffer, config: RecognitionConfigSeen): string | undefined {
  switch (config.encoding) {
    case 'LINEAR16':
    case 'MULAW':
      if (bytes.length >= 4 && text(bytes, 0, 4) === 'RIFF') return checkWav(bytes, config);
      if (config.sampleRateHertz < 8000 || config.sampleRateHertz > 48000)
        return `sample_rate_hertz (${config.sampleRateHertz}) must be between 8000 and 48000 for raw ${config.encoding} audio.`;
      if (config.encoding === 'LINEAR16' && bytes.length % 2 !== 0)
        return 'Raw LINEAR16 audio must have an even number of bytes.';
      return undefined;
    case 'OGG_OPUS':
      return checkOggOpus(bytes, config);
    default:
      return `Unsupported encoding for this fake: ${config.encoding}.`;
  }
}

/** A mono 16-bit PCM WAV: a quiet 440 Hz tone of `seconds`, the way TTS LINEAR16 comes back (with header). */
export function toneWav(seconds: number, rate: number): Buffer {
  const samples = Math.max(1, Math.round(seconds * rate));
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    out.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return out;
}

/** MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each) of silence, about 26 ms per frame. */
export function mp3Frames(seconds: number): Buffer {
  const frames = Math.max(1, Math.round(seconds / 0.026));
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64], 0);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
