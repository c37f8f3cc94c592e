/**
 * Temporal-Pyramid model (§4.2): the eq. 28 pyramid vector of the main track → FC (+ dropout) →
 * softmax. `hidden: 0` is the single FC layer of a multinomial logistic regression (what worked
 * best on our clips: a hidden layer fitted the 144 training clips perfectly and was no better on
 * the validation actor); `hidden > 0` adds one ReLU layer before it.
 */
import type { PersonScale } from '../../core/calibration/person-normaliser';
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/labels';
import { pyramidInput, pyramidLength, type PyramidSpec } from './clip-features';
import type { ClipRecord } from '../../shared/face-record';

/** Architecture and input of one Temporal-Pyramid variant. */
export interface TemporalPyramidConfig extends ClassifierHead, PyramidSpec {
  readonly kind: 'temporal-pyramid';
  /** 'person': the input is centred on the mean input of the person's reference clips (src/training/protocol/heads.ts). */
  readonly calibration?: 'person';
  /** With `calibration`: also divide by the person's spread (src/core/calibration/person-normaliser.ts). */
  readonly personScale?: PersonScale;
}

/** Length of the network input for `config`. */
export function temporalPyramidInputLength(config: TemporalPyramidConfig): number {
  return pyramidLength(config);
}

/** The network input rows for one clip (one row: the pyramid vector). */
export function temporalPyramidInputs(records: readonly ClipRecord[], config: TemporalPyramidConfig): Float32Array[] {
  return [pyramidInput(records, config)];
}

/** A softmax classifier's layers over a flat input: dropout, an optional hidden ReLU layer, FC. */
export interface ClassifierHead {
  /** Units of an optional hidden ReLU layer (0 = none). */
  readonly hidden: number;
  /** Dropout rate on the input (and the hidden layer). */
  readonly dropout: number;
  /** L2 penalty on the FC kernels. */
  readonly l2: number;
}

/** Builds the (untrained) network; `seed` makes the initial weights reproducible. */
export function buildTemporalPyramidNet(config: TemporalPyramidConfig, seed = 1): tf.LayersModel {
  return buildClassifierNet(temporalPyramidInputLength(config), config, seed);
}

/** An (untrained) classifier over `inputLength` values (also the speech model's, src/models/speech). */
export function buildClassifierNet(inputLength: number, config: ClassifierHead, seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [inputLength] });
  const regularizer = config.l2 > 0 ? tf.regularizers.l2({ l2: config.l2 }) : undefined;
  let x: tf.SymbolicTensor = input;
  if (config.dropout > 0) x = tf.layers.dropout({ rate: config.dropout }).apply(x) as tf.SymbolicTensor;
  if (config.hidden > 0) {
    x = tf.layers
      .dense({ units: config.hidden, activation: 'relu', kernelRegularizer: regularizer, kernelInitializer: tf.initializers.glorotUniform({ seed }) })
      .apply(x) as tf.SymbolicTensor;
    if (config.dropout > 0) x = tf.layers.dropout({ rate: config.dropout }).apply(x) as tf.SymbolicTensor;
  }
  // Without a hidden layer this is a (convex) logistic regression: start from zero, so unseen inputs
  // are not scored by a random projection of thousands of dimensions.
  const kernelInitializer = config.hidden > 0 ? tf.initializers.glorotUniform({ seed: seed + 2 }) : tf.initializers.zeros();
  const output = tf.layers
    .dense({ units: NUM_EMOTIONS, activation: 'softmax', kernelRegularizer: regularizer, kernelInitializer })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}
