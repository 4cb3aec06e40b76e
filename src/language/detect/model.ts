// Loads the shipped softmax-regression models (int8 weights over hashed features) and scores text with them.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { extractFeatures, makeSink, normalizeWords } from './features.js';

const ModelSpecSchema = z.object({
  classes: z.array(z.string()).min(2),
  bits: z.number().int().min(8).max(24),
  scale: z.number().positive(),
  bias: z.array(z.number()),
  files: z.array(z.string()).min(1),
});
export type ModelSpec = z.infer<typeof ModelSpecSchema>;

/** `hiur` (the Latin-script Hindi-vs-Urdu model) is optional: older model folders have none. */
const ManifestSchema = z.object({
  version: z.literal(1),
  latn: ModelSpecSchema,
  deva: ModelSpecSchema,
  hiur: ModelSpecSchema.optional(),
});

export interface LoadedModel {
  classes: readonly string[];
  bits: number;
  scale: number;
  bias: Float64Array;
  weights: Int8Array;
}

export interface ModelSet {
  latn: LoadedModel;
  deva: LoadedModel;
  /** Decides between hi and ur when they are the Latin model's top two. */
  hiur?: LoadedModel;
  bytes: number;
}

const MODEL_DIR = new URL('./model/', import.meta.url);

function load(spec: ModelSpec): LoadedModel {
  const parts = spec.files.map((f) => readFileSync(new URL(f, MODEL_DIR)));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const expected = (1 << spec.bits) * spec.classes.length;
  if (total !== expected)
    throw new Error(`language model ${spec.files[0] ?? ''}: ${total} bytes, expected ${expected}`);
  const weights = new Int8Array(total);
  let off = 0;
  for (const p of parts) {
    weights.set(new Int8Array(p.buffer, p.byteOffset, p.length), off);
    off += p.length;
  }
  return {
    classes: spec.classes,
    bits: spec.bits,
    scale: spec.scale,
    bias: Float64Array.from(spec.bias),
    weights,
  };
}

let cached: ModelSet | undefined;

/** Loads the models once (lazily, synchronously) from src/language/detect/model/. */
export function models(): ModelSet {
  if (cached === undefined) {
    const raw: unknown = JSON.parse(readFileSync(new URL('manifest.json', MODEL_DIR), 'utf8'));
    const manifest = ManifestSchema.parse(raw);
    const latn = load(manifest.latn);
    const deva = load(manifest.deva);
    const bytes = latn.weights.length + deva.weights.length;
    if (manifest.hiur === undefined) cached = { latn, deva, bytes };
    else {
      const hiur = load(manifest.hiur);
      cached = { latn, deva, hiur, bytes: bytes + hiur.weights.length };
    }
  }
  return cached;
}

const sink = makeSink();

/** Softmax probabilities over the model's classes, and the number of features seen. */
export function classify(model: LoadedModel, text: string): { probs: Float64Array; features: number } {
  const C = model.classes.length;
  const scores = Float64Array.from(model.bias);
  const n = extractFeatures(normalizeWords(text), model.bits, sink);
  if (n > 0) {
    const val = model.scale / Math.sqrt(n);
    const w = model.weights;
    const idx = sink.idx;
    for (let k = 0; k < n; k++) {
      const base = (idx[k] ?? 0) * C;
      for (let c = 0; c < C; c++) scores[c] = (scores[c] ?? 0) + (w[base + c] ?? 0) * val;
    }
  }
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp((scores[c] ?? 0) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < C; c++) scores[c] = (scores[c] ?? 0) / sum;
  return { probs: scores, features: n };
}
