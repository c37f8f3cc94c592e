/**
 * Spatio-Temporal model (§4.1): K sampled frames of [probs, face feature(, context)] → 2-layer LSTM
 * → Dense + Reshape to K×S×S maps → 3D CNN blocks (conv, batch norm, ReLU, max-pool) → global
 * average pool → 2 FC (+ dropout) → softmax. Filter counts are scaled down for our small data.
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/labels';
import type { Rng } from '../../core/random';
import { evaluationSamplings, sampleIndices } from '../../core/sampling/temporal-sampling';
import { frameInputLength, sequenceInput, type FaceSource } from './clip-features';
import type { ClipRecord } from '../../shared/face-record';

/** Architecture and input of one Spatio-Temporal variant. */
export interface SpatioTemporalConfig {
  readonly kind: 'spatio-temporal';
  readonly context: boolean;
  /** Face model read (absent: face-api, as every model trained before the FER net was added). */
  readonly face?: FaceSource;
  /** K: frames sampled per sequence (paper 32). */
  readonly sampleLength: number;
  /** S: side of the per-frame map the LSTM output is reshaped to. */
  readonly mapSize: number;
  readonly lstmUnits: number;
  /** Filters of each 3D CNN block (each block halves K and S). */
  readonly filters: readonly number[];
  readonly fcUnits: number;
  readonly dropout: number;
  readonly l2: number;
  /** Samplings averaged at inference (§6.4). */
  readonly samplings: number;
}

/** Rows of K×D for one clip: one sampling when training (rng given), `samplings` at inference. */
export function spatioTemporalInputs(records: readonly ClipRecord[], config: SpatioTemporalConfig, rng: Rng, training = false): Float32Array[] {
  const sets = training
    ? [sampleIndices(records.length, config.sampleLength, rng)]
    : evaluationSamplings(records.length, config.sampleLength, config.samplings, rng);
  return sets.map((indices) => sequenceInput(records, indices, config.context, config.face));
}

/** Builds the (untrained) network; `seed` makes the initial weights reproducible. */
export function buildSpatioTemporalNet(config: SpatioTemporalConfig, seed = 1): tf.LayersModel {
  const K = config.sampleLength;
  const S = config.mapSize;
  const regularizer = config.l2 > 0 ? tf.regularizers.l2({ l2: config.l2 }) : undefined;
  let s = seed;
  const init = () => tf.initializers.glorotUniform({ seed: s++ });
  const input = tf.input({ shape: [K, frameInputLength(config.context, config.face)] });
  let x = tf.layers.lstm({ units: config.lstmUnits, returnSequences: true, kernelInitializer: init(), recurrentInitializer: tf.initializers.orthogonal({ seed: s++ }) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.lstm({ units: config.lstmUnits, returnSequences: true, kernelInitializer: init(), recurrentInitializer: tf.initializers.orthogonal({ seed: s++ }) }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: S * S, activation: 'relu', kernelInitializer: init() }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reshape({ targetShape: [K, S, S, 1] }).apply(x) as tf.SymbolicTensor;
  let [k, side] = [K, S];
  for (const filters of config.filters) {
    x = tf.layers.conv3d({ filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(), kernelRegularizer: regularizer }).apply(x) as tf.SymbolicTensor;
    // tfjs-layers has no rank-5 batch norm; normalising over the channel axis is the same on [k·S, S, f].
    x = tf.layers.reshape({ targetShape: [k * side, side, filters] }).apply(x) as tf.SymbolicTensor;
    // Momentum 0.9 (Keras: 0.99): our runs have only a few hundred steps, and the moving statistics
    // used at inference must have converged by then.
    x = tf.layers.batchNormalization({ momentum: 0.9 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reshape({ targetShape: [k, side, side, filters] }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
    x = tf.layers.maxPooling3d({ poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
    [k, side] = [Math.floor(k / 2), Math.floor(side / 2)];
  }
  const last = config.filters.at(-1)!;
  x = tf.layers.reshape({ targetShape: [-1, last] }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling1d().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: config.fcUnits, activation: 'relu', kernelInitializer: init(), kernelRegularizer: regularizer }).apply(x) as tf.SymbolicTensor;
  if (config.dropout > 0) x = tf.layers.dropout({ rate: config.dropout }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: NUM_EMOTIONS, activation: 'softmax', kernelInitializer: init(), kernelRegularizer: regularizer }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}
