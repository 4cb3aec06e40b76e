// What the Google speech fakes are built from: the gRPC service definitions loaded from the .proto files
// the client packages ship (so the fake and the real clients agree on the wire format), and the voice
// list the TTS fake answers by default.
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export interface FakeVoice {
  readonly name: string;
  readonly languageCodes: readonly string[];
  readonly ssmlGender?: 'FEMALE' | 'MALE';
  readonly naturalSampleRateHertz?: number;
}

/** The 11 Indian locales CONTRACTS.md lists as having TTS voices (or-IN is unconfirmed: not here). */
export const DEFAULT_TTS_LOCALES = [
  'bn-IN',
  'en-IN',
  'gu-IN',
  'hi-IN',
  'kn-IN',
  'ml-IN',
  'mr-IN',
  'pa-IN',
  'ta-IN',
  'te-IN',
  'ur-IN',
] as const;

export const DEFAULT_VOICES: readonly FakeVoice[] = [
  { name: 'en-US-Standard-C', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  ...DEFAULT_TTS_LOCALES.flatMap((code): FakeVoice[] => [
    { name: `${code}-Wavenet-A`, languageCodes: [code], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
    {
      name: `${code}-Standard-A`,
      languageCodes: [code],
      ssmlGender: 'FEMALE',
      naturalSampleRateHertz: 24000,
    },
  ]),
];

const require = createRequire(import.meta.url);
/** `<package>/build/protos`, found from the package's resolved entry point (package.json is not exported). */
function protoRoot(pkg: string): string {
  const entry = require.resolve(pkg);
  const marker = `${sep}node_modules${sep}${pkg.split('/').join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot locate the ${pkg} package from ${entry}`);
  return join(entry.slice(0, at + marker.length), 'build', 'protos');
}

export function loadServices(): { speech: grpc.ServiceDefinition; tts: grpc.ServiceDefinition } {
  const definition = protoLoader.loadSync(
    ['google/cloud/speech/v1/cloud_speech.proto', 'google/cloud/texttospeech/v1/cloud_tts.proto'],
    {
      includeDirs: [
        protoRoot('@google-cloud/speech'),
        protoRoot('@google-cloud/text-to-speech'),
        protoRoot('google-gax'),
      ],
      keepCase: false,
      longs: Number,
      enums: String,
      defaults: false,
      oneofs: true,
    },
  );
  const service = (name: string): grpc.ServiceDefinition => {
    const found = definition[name] as grpc.ServiceDefinition | undefined;
    if (found === undefined) throw new Error(`proto service ${name} not found`);
    return found;
  };
  return {
    speech: service('google.cloud.speech.v1.Speech'),
    tts: service('google.cloud.texttospeech.v1.TextToSpeech'),
  };
}
