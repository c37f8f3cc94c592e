/**
 * Node-only training loop for the temporal networks: class-balanced mini-batches, categorical
 * cross-entropy, SGD (or momentum/Adam), reduce-on-plateau on the validation loss, early stopping
 * on validation accuracy (ties → lower loss) with the best weights restored. Seeded: every random
 * choice, including tfjs dropout masks and initialisers, comes from one seeded generator.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../core/labels';
import { createRng, type Rng } from '../core/random';
import { predictClipsMean } from '../models/clip/temporal-model';
import { standardize, type Standardizer } from './standardize';

/** A training instance: draws one (raw) input row (e.g. a fresh K-frame sampling) per call. */
export interface TrainExample {
  label: number;
  row(rng: Rng): Float32Array;
}

/** A validation clip: its raw evaluation rows (averaged) and label. */
export interface EvalClip {
  label: number;
  rows: Float32Array[];
}

/** Optimiser and schedule. */
export interface TrainOptions {
  seed: number;
  epochs: number;
  batchSize: number;
  /** Batches per epoch (default: training instances / batch size). */
  stepsPerEpoch?: number;
  optimizer: 'sgd' | 'momentum' | 'adam';
  lr: number;
  /** Epochs without validation-loss improvement before lr × plateauFactor. */
  plateauPatience: number;
  plateauFactor: number;
  /** Epochs without validation improvement before stopping. */
  patience: number;
  /**
   * Which epoch's weights are kept: the best validation accuracy (ties → lower loss; the default),
   * the lowest validation loss (smoother on 24 validation clips), or the last epoch.
   */
  keep?: 'accuracy' | 'loss' | 'last';
  standardizer: Standardizer;
  log?: (line: string) => void;
}

/** One epoch of the history. */
export interface EpochLog {
  epoch: number;
  loss: number;
  valLoss: number;
  valAcc: number;
  lr: number;
}

/** Result: the history, the epoch whose weights were kept, and its validation probabilities. */
export interface TrainResult {
  history: EpochLog[];
  bestEpoch: number;
  /** Each averaged copy's best epoch (SpeechConfig.members > 1); bestEpoch and history are the first's. */
  bestEpochs?: number[];
  valProbs: Float32Array[];
  seconds: number;
}

function makeOptimizer(kind: TrainOptions['optimizer'], lr: number): tf.Optimizer {
  if (kind === 'adam') return tf.train.adam(lr);
  if (kind === 'momentum') return tf.train.momentum(lr, 0.9);
  return tf.train.sgd(lr);
}

/** Mean network output per clip, rows standardised first when `s` is given. */
export function predictClips(net: tf.LayersModel, clips: readonly { rows: Float32Array[] }[], s?: Standardizer): Promise<Float32Array[]> {
  return predictClipsMean(net, s ? clips.map((c) => ({ rows: c.rows.map((r) => standardize(r, s)) })) : clips);
}

function crossEntropy(probs: readonly Float32Array[], labels: readonly number[]): number {
  return probs.reduce((s, p, i) => s - Math.log(Math.max(p[labels[i]!]!, 1e-7)), 0) / Math.max(1, probs.length);
}

function argmax(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** Name of the first weight holding NaN or ±Infinity, if any. */
async function firstNonFiniteWeight(net: tf.LayersModel): Promise<string | undefined> {
  for (const layer of net.layers) {
    for (const w of layer.weights) {
      if (!(await w.read().data()).every(Number.isFinite)) return w.name;
    }
  }
  return undefined;
}

/** Runs `fn` with Math.random replaced by `rng` (tfjs draws unseeded randomness from it). */
export async function withSeededMathRandom<T>(rng: Rng, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = () => rng.next();
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}

/** Trains `net` in place (weights end at the best validation epoch). */
export async function trainNet(net: tf.LayersModel, train: readonly TrainExample[], val: readonly EvalClip[], o: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const rng = createRng(o.seed);
  return withSeededMathRandom(createRng(o.seed ^ 0x5eed), async () => {
    let lr = o.lr;
    const optimizer = makeOptimizer(o.optimizer, lr);
    net.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const byClass = new Map<number, TrainExample[]>();
    for (const ex of train) byClass.set(ex.label, [...(byClass.get(ex.label) ?? []), ex]);
    const classes = [...byClass.keys()].sort((a, b) => a - b);
    const steps = o.stepsPerEpoch ?? Math.max(1, Math.round(train.length / o.batchSize));
    const shape = net.inputs[0]!.shape.slice(1) as number[];
    const valLabels = val.map((c) => c.label);
    const history: EpochLog[] = [];
    let best = { acc: -1, loss: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
    let bestLoss = Infinity;
    let sincePlateau = 0;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        let lossSum = 0;
        for (let step = 0; step < steps; step++) {
          const batch = Array.from({ length: o.batchSize }, () => {
            const pool = byClass.get(classes[rng.int(classes.length)]!)!;
            return pool[rng.int(pool.length)]!;
          });
          const rows = batch.map((ex) => standardize(ex.row(rng), o.standardizer));
          const flat = new Float32Array(rows.length * rows[0]!.length);
          rows.forEach((r, i) => flat.set(r, i * r.length));
          const x = tf.tensor(flat, [batch.length, ...shape]);
          const y = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.map((ex) => ex.label), 'int32'), NUM_EMOTIONS));
          try {
            lossSum += Number(await net.trainOnBatch(x, y));
          } finally {
            tf.dispose([x, y]);
          }
        }
        // A ReLU can hide NaN weights from the outputs (st-ctx once trained on for epochs that way):
        // stop at once instead of keeping a broken network.
        const broken = await firstNonFiniteWeight(net);
        if (broken || !Number.isFinite(lossSum)) throw new Error(`trainNet: training diverged in epoch ${epoch} (${broken ? `non-finite weight ${broken}` : 'loss is not finite'})`);
        const probs = await predictClips(net, val, o.standardizer);
        const valLoss = crossEntropy(probs, valLabels);
        const valAcc = probs.filter((p, i) => argmax(p) === valLabels[i]).length / Math.max(1, probs.length);
        history.push({ epoch, loss: lossSum / steps, valLoss, valAcc, lr });
        o.log?.(`epoch ${epoch}: loss ${(lossSum / steps).toFixed(4)} val loss ${valLoss.toFixed(4)} acc ${(valAcc * 100).toFixed(1)}% lr ${lr.toExponential(1)}`);
        const keep = o.keep ?? 'accuracy';
        const better =
          keep === 'last' ||
          (keep === 'loss' ? valLoss < best.loss : valAcc > best.acc || (valAcc === best.acc && valLoss < best.loss));
        if (better) {
          tf.dispose(best.weights);
          best = { acc: valAcc, loss: valLoss, epoch, weights: net.getWeights().map((w) => w.clone()) };
        }
        if (valLoss < bestLoss - 1e-4) {
          bestLoss = valLoss;
          sincePlateau = 0;
        } else if (++sincePlateau >= o.plateauPatience) {
          lr *= o.plateauFactor;
          (optimizer as unknown as { learningRate: number }).learningRate = lr;
          sincePlateau = 0;
        }
        if (epoch - best.epoch >= o.patience) break;
      }
      net.setWeights(best.weights);
    } finally {
      tf.dispose(best.weights);
      optimizer.dispose();
    }
    const valProbs = await predictClips(net, val, o.standardizer);
    return { history, bestEpoch: best.epoch, valProbs, seconds: (performance.now() - started) / 1000 };
  });
}
