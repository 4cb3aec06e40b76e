// Renders the static voice prompts ahead of time (at start or in a script), a few at a time, so the first
// caller does not wait for synthesis. Failures are collected, not thrown: a prompt that could not be
// rendered falls back to <Say> at call time.
import type { Audio, SynthesisRequest, TextToSpeech } from './port.js';

export interface PrerenderResult {
  readonly rendered: readonly { readonly prompt: SynthesisRequest; readonly audio: Audio }[];
  readonly failed: readonly { readonly prompt: SynthesisRequest; readonly error: unknown }[];
}

export async function prerender(
  tts: TextToSpeech,
  prompts: readonly SynthesisRequest[],
  { concurrency = 4 }: { concurrency?: number } = {},
): Promise<PrerenderResult> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const rendered: { prompt: SynthesisRequest; audio: Audio }[] = [];
  const failed: { prompt: SynthesisRequest; error: unknown }[] = [];
  if (!tts.configured) return { rendered, failed };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < prompts.length) {
      const prompt = prompts[next++] as SynthesisRequest;
      try {
        rendered.push({ prompt, audio: await tts.synthesize(prompt) });
      } catch (error) {
        failed.push({ prompt, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, prompts.length) }, worker));
  return { rendered, failed };
}
