// A local fake of Cloud Speech-to-Text v1 (`Recognize`) and Text-to-Speech v1 (`SynthesizeSpeech`,
// `ListVoices`) speaking real gRPC: @grpc/grpc-js serving the .proto files shipped in the client packages,
// so the real SpeechClient / TextToSpeechClient talk to it with insecure channel credentials.
// Recognize checks the config against the audio bytes like Google (fake-speech-audio.ts) and answers
// transcripts from a registry keyed by sha256 of the audio; TTS returns real WAV or MP3-like bytes. Every
// call is recorded; failures can be injected per method.
import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { SpeechClient } from '@google-cloud/speech';
import { TextToSpeechClient } from '@google-cloud/text-to-speech';
import { DEFAULT_VOICES, loadServices, type FakeVoice } from './fake-google-protos.js';
import { audioProblem, mp3Frames, toneWav } from './fake-speech-audio.js';

export { DEFAULT_TTS_LOCALES, DEFAULT_VOICES, type FakeVoice } from './fake-google-protos.js';

export interface Registered {
  readonly transcript: string;
  /** The language the "recognizer" hears, e.g. `hi-IN`. */
  readonly languageCode: string;
  readonly confidence?: number;
}

export interface RecognizeCall {
  readonly config: Record<string, unknown>;
  readonly audioSha256: string;
  readonly audioBytes: number;
  /** gRPC status the fake answered (0 = OK). */
  readonly status: number;
}

export interface SynthesizeCall {
  readonly text: string;
  readonly languageCode: string;
  readonly voiceName: string;
  readonly audioEncoding: string;
  readonly sampleRateHertz: number;
  readonly status: number;
}

export type FakeMethod = 'recognize' | 'synthesizeSpeech' | 'listVoices';
export type FailStatus = 'UNAVAILABLE' | 'DEADLINE_EXCEEDED' | 'RESOURCE_EXHAUSTED' | 'PERMISSION_DENIED';

// A type alias, not an interface: the clients' ClientOptions has an index signature.
export type GrpcClientOptions = {
  readonly apiEndpoint: string;
  readonly port: number;
  readonly sslCreds: grpc.ChannelCredentials;
  readonly universeDomain: string;
};

export interface FakeGoogleSpeech {
  readonly port: number;
  readonly recognizeCalls: readonly RecognizeCall[];
  readonly synthesizeCalls: readonly SynthesizeCall[];
  readonly listVoicesCalls: number;
  /** What the fake "hears" in exactly these bytes. */
  register(audio: Buffer, heard: Registered): void;
  /** Replaces the voice list ListVoices answers (default: Standard and Wavenet voices for 11 xx-IN). */
  setVoices(voices: readonly FakeVoice[]): void;
  /** The next `count` calls of `method` fail with this gRPC status. */
  failNext(method: FakeMethod, count: number, status: FailStatus): void;
  /** Options for a real client of either package aimed at this fake. */
  clientOptions(): GrpcClientOptions;
  speechClient(): SpeechClient;
  ttsClient(): TextToSpeechClient;
  /** Forgets registered audio, recorded calls, pending failures and voice changes. */
  reset(): void;
  close(): Promise<void>;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const rec = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

type Reply = (error: Partial<grpc.StatusObject> | null, value?: unknown) => void;
const fail = (callback: Reply, code: grpc.status, details: string): number => {
  callback({ code, details });
  return code;
};

export async function startFakeGoogleSpeech(): Promise<FakeGoogleSpeech> {
  const services = loadServices();
  const registry = new Map<string, Registered>();
  const recognizeCalls: RecognizeCall[] = [];
  const synthesizeCalls: SynthesizeCall[] = [];
  const clients: { close(): Promise<void> }[] = [];
  const failures = new Map<FakeMethod, { count: number; status: FailStatus }>();
  let voices: readonly FakeVoice[] = DEFAULT_VOICES;
  let listVoicesCalls = 0;

  /** Consumes one injected failure of `method`, answering it; true when one was due. */
  const injected = (method: FakeMethod, callback: Reply): number | undefined => {
    const due = failures.get(method);
    if (due === undefined || due.count <= 0) return undefined;
    failures.set(method, { ...due, count: due.count - 1 });
    return fail(callback, grpc.status[due.status], `fake ${due.status} for ${method}`);
  };

  const recognize = (request: Record<string, unknown>, callback: Reply): number => {
    const config = rec(request.config);
    const audio = rec(request.audio).content;
    const failed = injected('recognize', callback);
    if (failed !== undefined) return failed;
    const primary = str(config.languageCode);
    if (primary === '')
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        'Invalid recognition config: language_code is required.',
      );
    const alternatives = Array.isArray(config.alternativeLanguageCodes)
      ? config.alternativeLanguageCodes.map(str)
      : [];
    if (alternatives.length > 3)
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        'At most 3 alternative_language_codes may be given.',
      );
    const model = str(config.model);
    if ((model === 'phone_call' || model === 'telephony') && alternatives.length > 0)
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        `The ${model} model does not support alternative_language_codes.`,
      );
    if (!Buffer.isBuffer(audio) || audio.length === 0)
      return fail(callback, grpc.status.INVALID_ARGUMENT, 'RecognitionAudio not set.');
    if (audio.length > 10 * 1024 * 1024)
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        'Request payload size exceeds the limit: 10485760 bytes.',
      );
    const problem = audioProblem(audio, {
      encoding: str(config.encoding),
      sampleRateHertz: num(config.sampleRateHertz),
      audioChannelCount: num(config.audioChannelCount),
    });
    if (problem !== undefined) return fail(callback, grpc.status.INVALID_ARGUMENT, problem);
    const heard = registry.get(sha256(audio));
    if (heard === undefined) {
      callback(null, { results: [], totalBilledTime: { seconds: 15 } });
      return grpc.status.OK;
    }
    const requested = [primary, ...alternatives];
    const chosen = requested.find((code) => code.toLowerCase() === heard.languageCode.toLowerCase());
    callback(null, {
      results: [
        {
          alternatives: [
            {
              transcript: heard.transcript,
              confidence: chosen === undefined ? 0.2 : (heard.confidence ?? 0.92),
            },
          ],
          // Google answers the chosen code in lower case.
          languageCode: (chosen ?? primary).toLowerCase(),
          resultEndTime: { seconds: 2 },
        },
      ],
      totalBilledTime: { seconds: 15 },
    });
    return grpc.status.OK;
  };

  const synthesize = (request: Record<string, unknown>, callback: Reply): number => {
    const failed = injected('synthesizeSpeech', callback);
    if (failed !== undefined) return failed;
    const text = str(rec(request.input).text);
    const voice = rec(request.voice);
    const languageCode = str(voice.languageCode);
    const config = rec(request.audioConfig);
    if (text.trim() === '') return fail(callback, grpc.status.INVALID_ARGUMENT, 'Input text is empty.');
    if (Buffer.byteLength(text) > 5000)
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        'Input text is longer than the limit of 5000 bytes.',
      );
    if (languageCode === '')
      return fail(callback, grpc.status.INVALID_ARGUMENT, 'Voice language_code is required.');
    const name = str(voice.name);
    const found = voices.find(
      (v) =>
        (name === '' || v.name === name) &&
        v.languageCodes.some((code) => code.toLowerCase() === languageCode.toLowerCase()),
    );
    if (found === undefined)
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        `Voice '${name}' does not exist or does not speak ${languageCode}.`,
      );
    const seconds = Math.max(0.2, [...text].length * 0.06);
    const encoding = str(config.audioEncoding);
    const rate = num(config.sampleRateHertz) || (found.naturalSampleRateHertz ?? 24000);
    let audioContent: Buffer;
    if (encoding === 'LINEAR16') audioContent = toneWav(seconds, rate);
    else if (encoding === 'MP3') audioContent = mp3Frames(seconds);
    else
      return fail(
        callback,
        grpc.status.INVALID_ARGUMENT,
        `This fake does not make ${encoding || 'unspecified'} audio.`,
      );
    callback(null, { audioContent });
    return grpc.status.OK;
  };

  const server = new grpc.Server();
  server.addService(services.speech, {
    recognize(call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: Reply) {
      const audio = rec(call.request.audio).content;
      const bytes = Buffer.isBuffer(audio) ? audio : Buffer.alloc(0);
      const status = recognize(call.request, callback);
      recognizeCalls.push({
        config: rec(call.request.config),
        audioSha256: sha256(bytes),
        audioBytes: bytes.length,
        status,
      });
    },
  });
  server.addService(services.tts, {
    listVoices(call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: Reply) {
      listVoicesCalls += 1;
      if (injected('listVoices', callback) !== undefined) return;
      const filter = str(call.request.languageCode).toLowerCase();
      callback(null, {
        voices: voices
          .filter(
            (v) => filter === '' || v.languageCodes.some((code) => code.toLowerCase().startsWith(filter)),
          )
          .map((v) => ({ ...v, languageCodes: [...v.languageCodes] })),
      });
    },
    synthesizeSpeech(call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, callback: Reply) {
      const status = synthesize(call.request, callback);
      const voice = rec(call.request.voice);
      const config = rec(call.request.audioConfig);
      synthesizeCalls.push({
        text: str(rec(call.request.input).text),
        languageCode: str(voice.languageCode),
        voiceName: str(voice.name),
        audioEncoding: str(config.audioEncoding),
        sampleRateHertz: num(config.sampleRateHertz),
        status,
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const clientOptions = (): GrpcClientOptions => ({
    apiEndpoint: '127.0.0.1',
    port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  });

  return {
    port,
    get recognizeCalls() {
      return recognizeCalls;
    },
    get synthesizeCalls() {
      return synthesizeCalls;
    },
    get listVoicesCalls() {
      return listVoicesCalls;
    },
    register(audio, heard) {
      registry.set(sha256(audio), heard);
    },
    setVoices(list) {
      voices = list;
    },
    failNext(method, count, status) {
      failures.set(method, { count, status });
    },
    clientOptions,
    speechClient() {
      const client = new SpeechClient(clientOptions());
      clients.push(client);
      return client;
    },
    ttsClient() {
      const client = new TextToSpeechClient(clientOptions());
      clients.push(client);
      return client;
    },
    reset() {
      registry.clear();
      recognizeCalls.length = 0;
      synthesizeCalls.length = 0;
      listVoicesCalls = 0;
      failures.clear();
      voices = DEFAULT_VOICES;
    },
    async close() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      server.forceShutdown();
    },
  };
}
