// Reads what audio headers say about themselves, without decoding: a RIFF/WAVE file's format and rate,
// an Ogg/Opus file's OpusHead and length. Used to check the synchronous recognition limits before a call
// and to learn a voice note's sample rate. Pure functions over bytes.

export interface WavInfo {
  /** WAVE format tag: 1 = PCM, 7 = µ-law, 6 = A-law, 0xfffe = extensible. */
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** Offset and length of the `data` chunk's payload (the length is clipped to what is really there). */
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly durationSeconds: number;
}

export interface OpusInfo {
  readonly channels: number;
  /** OpusHead "input sample rate"; 0 in the file means unknown, reported here as 48000. */
  readonly inputSampleRate: number;
  readonly preSkip: number;
  /** From the last page's granule position (always counted at 48 kHz), minus the pre-skip. */
  readonly durationSeconds: number;
}

const ascii = (bytes: Buffer, at: number, length: number): string =>
  bytes.subarray(at, at + length).toString('latin1');

export function isWav(bytes: Buffer): boolean {
  return bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE';
}

export function isOgg(bytes: Buffer): boolean {
  return bytes.length >= 4 && ascii(bytes, 0, 4) === 'OggS';
}

/** Parses a RIFF/WAVE header; undefined when it is not a complete WAVE header with fmt and data chunks. */
export function wavInfo(bytes: Buffer): WavInfo | undefined {
  if (!isWav(bytes)) return undefined;
  let at = 12;
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationSeconds'> | undefined;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) return undefined;
      fmt = {
        formatTag: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (fmt === undefined || fmt.channels === 0 || fmt.sampleRate === 0 || fmt.bitsPerSample === 0)
        return undefined;
      // Streams written before their length is known say 0 or 0xffffffff: take what is there.
      const declared = size === 0 || size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
      const dataBytes = Math.min(declared, bytes.length - body);
      const bytesPerSecond = fmt.sampleRate * fmt.channels * Math.ceil(fmt.bitsPerSample / 8);
      return { ...fmt, dataOffset: body, dataBytes, durationSeconds: dataBytes / bytesPerSecond };
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

interface OggPage {
  readonly granule: bigint;
  readonly payload: Buffer;
  readonly next: number;
}

function oggPage(bytes: Buffer, at: number): OggPage | undefined {
  if (at + 27 > bytes.length || ascii(bytes, at, 4) !== 'OggS') return undefined;
  const segments = bytes.readUInt8(at + 26);
  const tableEnd = at + 27 + segments;
  if (tableEnd > bytes.length) return undefined;
  let size = 0;
  for (let i = at + 27; i < tableEnd; i++) size += bytes.readUInt8(i);
  if (tableEnd + size > bytes.length) return undefined;
  return {
    granule: bytes.readBigInt64LE(at + 6),
    payload: bytes.subarray(tableEnd, tableEnd + size),
    next: tableEnd + size,
  };
}

/** Parses an Ogg/Opus file's identification header and length; undefined when it is not Ogg/Opus. */
export function opusInfo(bytes: Buffer): OpusInfo | undefined {
  const first = oggPage(bytes, 0);
  if (first === undefined) return undefined;
  const head = first.payload;
  if (head.length < 19 || ascii(head, 0, 8) !== 'OpusHead') return undefined;
  const channels = head.readUInt8(9);
  const preSkip = head.readUInt16LE(10);
  const rate = head.readUInt32LE(12);
  let last = first.granule;
  for (let page = oggPage(bytes, first.next); page !== undefined; page = oggPage(bytes, page.next)) {
    if (page.granule >= 0n) last = page.granule;
  }
  const samples = Number(last) - preSkip;
  return {
    channels,
    inputSampleRate: rate === 0 ? 48_000 : rate,
    preSkip,
    durationSeconds: Math.max(0, samples) / 48_000,
  };
}

/**
 * The length of the audio in seconds, as far as the bytes tell: WAV and Ogg/Opus from their headers, raw
 * LINEAR16/MULAW from size and rate. Undefined when the bytes do not say (e.g. a broken header).
 */
export function durationSeconds(
  bytes: Buffer,
  encoding: 'LINEAR16' | 'MULAW' | 'OGG_OPUS',
  sampleRateHertz: number,
): number | undefined {
  if (encoding === 'OGG_OPUS') return opusInfo(bytes)?.durationSeconds;
  if (isWav(bytes)) return wavInfo(bytes)?.durationSeconds;
  if (sampleRateHertz <= 0) return undefined;
  return bytes.length / (sampleRateHertz * (encoding === 'LINEAR16' ? 2 : 1));
}
