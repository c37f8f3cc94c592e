/**
 * Input standardisation for training, and folding it into the first weighted layer afterwards so
 * the saved network takes raw inputs: W·((x − μ)/σ) + b = (W/σ)·x + (b − (μ/σ)·W).
 */
import * as tf from '@tensorflow/tfjs';

/** Per-dimension mean and standard deviation (σ of a constant dimension is 1). */
export interface Standardizer {
  mean: Float32Array;
  std: Float32Array;
}

/** Statistics over `rows`, each a multiple of `dim` long (a sequence row is K frames of `dim`). */
export function fitStandardizer(rows: readonly Float32Array[], dim: number): Standardizer {
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  let n = 0;
  for (const row of rows) {
    for (let at = 0; at < row.length; at += dim) {
      for (let i = 0; i < dim; i++) {
        const v = row[at + i]!;
        sum[i]! += v;
        sq[i]! += v * v;
      }
      n++;
    }
  }
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    mean[i] = sum[i]! / n;
    const v = sq[i]! / n - mean[i]! ** 2;
    std[i] = v > 1e-8 ? Math.sqrt(v) : 1;
  }
  return { mean, std };
}

/** (row − μ)/σ applied per `dim` block, into a new array. */
export function standardize(row: Float32Array, s: Standardizer): Float32Array {
  const dim = s.mean.length;
  const out = new Float32Array(row.length);
  for (let i = 0; i < row.length; i++) out[i] = (row[i]! - s.mean[i % dim]!) / s.std[i % dim]!;
  return out;
}

/**
 * Folds `s` into the first layer with weights (Dense or LSTM: kernel first, bias last, kernel rows
 * = input dimensions), so `net(raw)` equals the trained `net(standardize(raw))`.
 */
export function foldStandardizer(net: tf.LayersModel, s: Standardizer): void {
  const layer = net.layers.find((l) => l.getWeights().length > 0);
  if (!layer) throw new Error('foldStandardizer: no layer with weights');
  const weights = layer.getWeights();
  const kernel = weights[0]!;
  const bias = weights.at(-1)!;
  if (kernel.shape[0] !== s.mean.length) throw new Error(`foldStandardizer: kernel has ${kernel.shape[0]} rows, standardizer ${s.mean.length}`);
  const folded = tf.tidy(() => {
    const invStd = tf.tensor2d(s.std, [s.std.length, 1]).reciprocal();
    const k = tf.mul(kernel, invStd);
    const shift = tf.matMul(tf.tensor2d(s.mean, [1, s.mean.length]), k).reshape(bias.shape);
    return [k, tf.sub(bias, shift)];
  });
  layer.setWeights([folded[0]!, ...weights.slice(1, -1), folded[1]!]);
  tf.dispose(folded);
}
