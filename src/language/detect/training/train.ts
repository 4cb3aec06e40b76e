// Trains the detector's log-linear models (hashed n-gram features, softmax regression) and writes src/language/detect/model/.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { extractFeatures, makeSink, normalizeWords } from '../features.js';
import type { ModelSpec } from '../model.js';
import { devanagariExamples, hindiUrduExamples, latinExamples, type Example } from './corpus.js';
import { makeRng } from './romanize.js';

const MODEL_DIR = new URL('../model/', import.meta.url);
const CHUNK_BYTES = 900_000;
const LATN_BITS = 18;
const NB_WEIGHT = 0.5;
const HIUR_BITS = 17;

interface TrainOptions {
  bits: number;
  epochs: number;
  lr: number;
  l2: number;
  dropout: number;
}

interface Trained {
  classes: string[];
  bits: number;
  weights: Float32Array;
  bias: Float32Array;
}

function train(
  examples: readonly Example[],
  classes: readonly string[],
  opts: TrainOptions,
  seed = 42,
): Trained {
  const C = classes.length;
  const weights = new Float32Array((1 << opts.bits) * C);
  const bias = new Float32Array(C);
  const sink = makeSink();
  const feats = examples.map((ex) => {
    const n = extractFeatures(normalizeWords(ex.text), opts.bits, sink);
    return { idx: sink.idx.slice(0, n), y: classes.indexOf(ex.label) };
  });
  const order = feats.map((_, i) => i);
  const rng = makeRng(seed);
  const scores = new Float64Array(C);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    const lr = opts.lr / (1 + epoch);
    let loss = 0;
    for (const k of order) {
      const f = feats[k];
      if (f === undefined || f.idx.length === 0 || f.y < 0) continue;
      // Feature dropout: each epoch sees a random subset of the n-grams, so no single cue dominates.
      let kept = f.idx;
      if (opts.dropout > 0 && f.idx.length > 4) {
        const keep = f.idx.filter(() => rng() >= opts.dropout);
        if (keep.length > 0) kept = keep;
      }
      const val = 1 / Math.sqrt(kept.length);
      for (let c = 0; c < C; c++) scores[c] = bias[c] ?? 0;
      for (const id of kept) {
        const base = id * C;
        for (let c = 0; c < C; c++) scores[c] = (scores[c] ?? 0) + (weights[base + c] ?? 0) * val;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, scores[c] ?? 0);
      let sum = 0;
      for (let c = 0; c < C; c++) {
        const e = Math.exp((scores[c] ?? 0) - max);
        scores[c] = e;
        sum += e;
      }
      loss -= Math.log((scores[f.y] ?? 0) / sum + 1e-12);
      for (let c = 0; c < C; c++) {
        const g = (scores[c] ?? 0) / sum - (c === f.y ? 1 : 0);
        bias[c] = (bias[c] ?? 0) - lr * g * 0.1;
        const step = lr * g * val;
        for (const id of kept) {
          const w = id * C + c;
          weights[w] = (weights[w] ?? 0) * (1 - opts.l2) - step;
        }
      }
    }
    console.log(`  epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  return { classes: [...classes], bits: opts.bits, weights, bias };
}

/**
 * Trains `runs` models, each on its own draw of the generated examples (`examplesFor(run)`) and in its own
 * order, and averages them (steadier than any single run).
 */
function trainAveraged(
  examplesFor: (run: number) => readonly Example[],
  classes: readonly string[],
  opts: TrainOptions,
  runs: number,
): Trained {
  const first = train(examplesFor(0), classes, opts, 42);
  for (let r = 1; r < runs; r++) {
    const next = train(examplesFor(r), classes, opts, 42 + 7919 * r);
    for (let i = 0; i < first.weights.length; i++)
      first.weights[i] = (first.weights[i] ?? 0) + (next.weights[i] ?? 0);
    for (let c = 0; c < first.bias.length; c++) first.bias[c] = (first.bias[c] ?? 0) + (next.bias[c] ?? 0);
  }
  for (let i = 0; i < first.weights.length; i++) first.weights[i] = (first.weights[i] ?? 0) / runs;
  for (let c = 0; c < first.bias.length; c++) first.bias[c] = (first.bias[c] ?? 0) / runs;
  return first;
}

/**
 * Multinomial naive Bayes over the same hashed features: per class, the smoothed log-frequency of each bucket,
 * centred per bucket (adding the same amount to every class changes no decision).
 */
function naiveBayes(
  examples: readonly Example[],
  classes: readonly string[],
  bits: number,
  alpha: number,
): Float32Array {
  const C = classes.length;
  const B = 1 << bits;
  const counts = new Float64Array(B * C);
  const totals = new Float64Array(C);
  const sink = makeSink();
  for (const ex of examples) {
    const y = classes.indexOf(ex.label);
    if (y < 0) continue;
    const n = extractFeatures(normalizeWords(ex.text), bits, sink);
    for (let k = 0; k < n; k++)
      counts[(sink.idx[k] ?? 0) * C + y] = (counts[(sink.idx[k] ?? 0) * C + y] ?? 0) + 1;
    totals[y] = (totals[y] ?? 0) + n;
  }
  const out = new Float32Array(B * C);
  const logZ = Array.from(totals, (t) => Math.log(t + alpha * B));
  for (let f = 0; f < B; f++) {
    let mean = 0;
    for (let c = 0; c < C; c++) mean += Math.log((counts[f * C + c] ?? 0) + alpha) - (logZ[c] ?? 0);
    mean /= C;
    for (let c = 0; c < C; c++)
      out[f * C + c] = Math.log((counts[f * C + c] ?? 0) + alpha) - (logZ[c] ?? 0) - mean;
  }
  return out;
}

function writeModel(name: string, m: Trained): ModelSpec {
  let maxAbs = 0;
  for (const w of m.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 127 || 1;
  const q = new Int8Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((m.weights[i] ?? 0) / scale);
  const files: string[] = [];
  const bytes = new Uint8Array(q.buffer);
  for (let off = 0, k = 0; off < bytes.length; off += CHUNK_BYTES, k++) {
    const file = `${name}-${k}.bin`;
    writeFileSync(new URL(file, MODEL_DIR), bytes.subarray(off, off + CHUNK_BYTES));
    files.push(file);
  }
  return {
    classes: m.classes,
    bits: m.bits,
    scale,
    bias: Array.from(m.bias, (b) => Number(b.toFixed(5))),
    files,
  };
}

/**
 * Log-prior shifts added to the Latin model's bias after training: the synthetic training mix does not
 * match real class frequencies (too much hand-written Hindi, too little `other`). Measured on the dev
 * set in steps of 0.25 (8 numbers, the only thing fitted to it); bn, te, gu, pa and or have no real dev rows
 * and are left alone. The fifth round (imported Roman Urdu and Hinglish-TOP lines) moved hi, mr, ur and
 * `other` only, chosen on dev and checked on our own held-out lines (a full re-fit of all eight gained 0.2
 * more on dev but lost 1 point of own held-out, i.e. fitted dev).
 */
const LATN_PRIOR_SHIFT: Readonly<Record<string, number>> = {
  en: -0.5,
  hi: -0.75,
  mr: 1,
  ur: 0.5,
  kn: 1.5,
  ml: -0.25,
  ta: -0.25,
  other: 1.25,
};

/**
 * Log-odds shift toward Urdu for the Hindi-vs-Urdu model (split as -1 hi / +1 ur): its hand-written training
 * lines hold more Hindi than Urdu, and the main model's own hi/ur shifts do not reach it. Chosen on the dev set
 * from 0, 1, 2, 3 (one number, like `LATN_PRIOR_SHIFT`).
 */
const HIUR_PRIOR_SHIFT = 1;

/** The dedicated Hindi-vs-Urdu model: softmax regression plus naive Bayes over the hand-written hi and ur lines. */
function trainHindiUrdu(): Trained {
  const examples = hindiUrduExamples();
  console.log(`hindi/urdu: ${examples.length} examples`);
  const classes = ['hi', 'ur'];
  const m = train(examples, classes, { bits: HIUR_BITS, epochs: 12, lr: 1.5, l2: 0, dropout: 0.5 });
  const nb = naiveBayes(examples, classes, HIUR_BITS, 0.5);
  for (let i = 0; i < nb.length; i++) m.weights[i] = (m.weights[i] ?? 0) + NB_WEIGHT * (nb[i] ?? 0);
  m.bias[0] = (m.bias[0] ?? 0) - HIUR_PRIOR_SHIFT;
  m.bias[1] = (m.bias[1] ?? 0) + HIUR_PRIOR_SHIFT;
  return m;
}

/** Rebuilds the models from the training data and writes them (plus manifest.json) to the model folder. */
export function trainAll(): void {
  mkdirSync(MODEL_DIR, { recursive: true });
  // Chunks of an earlier, larger model would otherwise linger next to the new one.
  for (const f of readdirSync(MODEL_DIR))
    if (/^(latn|deva|hiur)-\d+\.bin$/.test(f)) rmSync(new URL(f, MODEL_DIR));
  const latinClasses = ['en', 'hi', 'bn', 'mr', 'te', 'ta', 'gu', 'ur', 'kn', 'or', 'ml', 'pa', 'other'];
  const latinFor = (run: number): Example[] => {
    const latin = latinExamples(1 + run);
    console.log(`latin run ${run + 1}: ${latin.length} examples`);
    return latin;
  };
  const latnModel = trainAveraged(
    latinFor,
    latinClasses,
    { bits: LATN_BITS, epochs: 12, lr: 1.5, l2: 0, dropout: 0.5 },
    3,
  );
  // Blend in naive Bayes over all three draws: it keeps weak but consistent cues (spellings, function words)
  // that the discriminative model lets a few strong n-grams override (+0.6 romanized macro on dev).
  const nb = naiveBayes(
    [0, 1, 2].flatMap((r) => latinFor(r)),
    latinClasses,
    LATN_BITS,
    0.5,
  );
  for (let i = 0; i < nb.length; i++)
    latnModel.weights[i] = (latnModel.weights[i] ?? 0) + NB_WEIGHT * (nb[i] ?? 0);
  latinClasses.forEach((c, i) => {
    latnModel.bias[i] = (latnModel.bias[i] ?? 0) + (LATN_PRIOR_SHIFT[c] ?? 0);
  });
  const latn = writeModel('latn', latnModel);
  const deva = devanagariExamples();
  console.log(`devanagari: ${deva.length} examples`);
  const devaModel = writeModel(
    'deva',
    train(deva, ['hi', 'mr'], { bits: 16, epochs: 12, lr: 1.5, l2: 0, dropout: 0 }),
  );
  const hiur = writeModel('hiur', trainHindiUrdu());
  writeFileSync(
    new URL('manifest.json', MODEL_DIR),
    `${JSON.stringify({ version: 1, latn, deva: devaModel, hiur }, null, 1)}\n`,
  );
}
