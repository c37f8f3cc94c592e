/**
 * Joint late fusion (§5): one trained dense softmax layer over the member models' concatenated
 * probability vectors (the input layout of core/ensembles/joint-fusion-data).
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/labels';

/** Members (in input order) and the L2 penalty of the fusion layer. */
export interface JointFusionConfig {
  readonly kind: 'joint-fusion';
  readonly members: readonly string[];
  readonly l2: number;
}

/** Builds the (untrained) fusion layer, initialised to average the members (identity blocks). */
export function buildJointFusionNet(config: JointFusionConfig): tf.LayersModel {
  const n = config.members.length;
  const input = tf.input({ shape: [n * NUM_EMOTIONS] });
  const dense = tf.layers.dense({
    units: NUM_EMOTIONS,
    activation: 'softmax',
    kernelRegularizer: config.l2 > 0 ? tf.regularizers.l2({ l2: config.l2 }) : undefined,
  });
  const output = dense.apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  tf.tidy(() => {
    const eye = tf.mul(tf.eye(NUM_EMOTIONS), 4) as tf.Tensor2D;
    dense.setWeights([tf.concat(new Array<tf.Tensor2D>(n).fill(eye), 0), tf.zeros([NUM_EMOTIONS])]);
  });
  return model;
}
