/**
 * Multinomial logistic regression with an L2 penalty, trained to convergence on the full batch
 * (L-BFGS), for the clip heads. The heads see n ≈ 100–170 clips of d = 50–16 000 values, so the fit
 * runs in the n-dimensional span of the training rows (the representer theorem: the optimal weights
 * are Xᵀα): K = XXᵀ = U S Uᵀ, Z = U S^½, and a logistic regression on Z has the same loss, penalty
 * and predictions as the one on X, at n×n instead of n×d per step. The primal weights are returned.
 * Classes absent from the training labels get no weights and probability 0 (our data has no disgust).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { minimizeLbfgs, type LbfgsOptions } from './lbfgs';

/** A linear softmax classifier over `classes` outputs: logits = x·W + b. */
export interface LinearClassifier {
  /** d × classes, row-major (row j: the weights of input j). */
  weights: Float64Array;
  bias: Float64Array;
  inputs: number;
  classes: number;
}

/** Training settings. */
export interface LogisticRegressionOptions {
  /** L2 strength λ in mean-loss + (λ/2)‖W‖². */
  l2: number;
  /** Output classes (labels are 0 … classes − 1). */
  classes: number;
  /** Weight each class's clips so every present class counts the same (default true). */
  balanced?: boolean;
  solver?: Partial<LbfgsOptions>;
}

/** Bias of a class never seen in training: its probability is 0 in float32. */
export const ABSENT_CLASS_BIAS = -1e4;

/** K = XXᵀ of the rows (symmetric, n × n). */
export function gramMatrix(rows: readonly Float64Array[]): Float64Array {
  const n = rows.length;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    for (let j = 0; j <= i; j++) {
      const b = rows[j]!;
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
      k[i * n + j] = k[j * n + i] = s;
    }
  }
  return k;
}

/** Softmax of `logits` in place; returns it. */
export function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) sum += logits[c] = Math.exp(logits[c]! - max);
  for (let c = 0; c < logits.length; c++) logits[c]! /= sum;
  return logits;
}

/** Class probabilities of one row. */
export function predictProba(model: LinearClassifier, row: ArrayLike<number>): Float64Array {
  const { weights, classes } = model;
  const out = Float64Array.from(model.bias);
  for (let j = 0; j < model.inputs; j++) {
    const v = row[j]!;
    if (v === 0) continue;
    for (let c = 0; c < classes; c++) out[c]! += v * weights[j * classes + c]!;
  }
  return softmaxInPlace(out);
}

/** The training rows' span: Z = U S^½ (n × r) and what maps span weights back to the rows. */
export interface RowSpan {
  n: number;
  r: number;
  z: Float64Array;
  /** n × r: U S^-½, so that the rows' coefficients are back · V (and W = Xᵀ · back · V). */
  back: Float64Array;
}

/** Decomposes K = XXᵀ (n × n, row-major) once; every λ of a path reuses it. */
export function rowSpan(gram: Float64Array, n: number): RowSpan {
  if (n === 0 || gram.length !== n * n) throw new TypeError(`gram: expected ${n}×${n} values`);
  const square = Array.from({ length: n }, (_, i) => Array.from(gram.subarray(i * n, (i + 1) * n)));
  const evd = new EigenvalueDecomposition(new Matrix(square), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const top = Math.max(...values);
  const keep = values.map((v, i) => [v, i] as const).filter(([v]) => v > top * 1e-10);
  const r = keep.length;
  const z = new Float64Array(n * r);
  const back = new Float64Array(n * r);
  keep.forEach(([v, col], k) => {
    const root = Math.sqrt(v);
    for (let i = 0; i < n; i++) {
      const u = vectors.get(i, col);
      z[i * r + k] = u * root;
      back[i * r + k] = u / root;
    }
  });
  return { n, r, z, back };
}

/** A fit in the rows' span: logits of a new x are Σ_i (x·x_i) coef[i] + bias. */
export interface DualClassifier {
  /** n × classes, row-major (absent classes: 0). */
  coef: Float64Array;
  bias: Float64Array;
  classes: number;
  converged: boolean;
  iterations: number;
  /** The solver's parameters (span weights, then bias): a warm start for the next λ of a path. */
  solution: Float64Array;
}

/**
 * Fits the classifier on the span of the training rows with labels `y`; `warm` (a previous fit's
 * `solution` on the same span and labels) starts the solver nearer the answer along a λ path.
 */
export function fitInSpan(span: RowSpan, y: readonly number[], options: LogisticRegressionOptions, warm?: Float64Array): DualClassifier {
  const { n, r, z } = span;
  if (y.length !== n) throw new TypeError('rows, y: need equally many rows and labels');
  const present = [...new Set(y)].sort((a, b) => a - b);
  const cls = present.length;
  const column = new Map(present.map((c, i) => [c, i]));
  const counts = present.map((c) => y.filter((v) => v === c).length);
  const sampleWeight = y.map((v) => (options.balanced === false ? 1 : n / (cls * counts[column.get(v)!]!)));

  // Parameters: V (r × cls) then b (cls).
  const logits = new Float64Array(cls);
  const objective = (p: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < cls; c++) {
        let s = p[r * cls + c]!;
        for (let k = 0; k < r; k++) s += z[i * r + k]! * p[k * cls + c]!;
        logits[c] = s;
      }
      softmaxInPlace(logits);
      const yi = column.get(y[i]!)!;
      const w = sampleWeight[i]! / n;
      loss -= w * Math.log(Math.max(logits[yi]!, 1e-300));
      for (let c = 0; c < cls; c++) {
        const e = w * (logits[c]! - (c === yi ? 1 : 0));
        grad[r * cls + c]! += e;
        for (let k = 0; k < r; k++) grad[k * cls + c]! += e * z[i * r + k]!;
      }
    }
    for (let k = 0; k < r * cls; k++) {
      loss += 0.5 * options.l2 * p[k]! ** 2;
      grad[k]! += options.l2 * p[k]!;
    }
    return loss;
  };
  const start = warm && warm.length === (r + 1) * cls ? warm : new Float64Array((r + 1) * cls);
  const fit = minimizeLbfgs(objective, start, options.solver);
  const coef = new Float64Array(n * options.classes);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      const u = span.back[i * r + k]!;
      for (let c = 0; c < cls; c++) coef[i * options.classes + present[c]!]! += u * fit.x[k * cls + c]!;
    }
  }
  const bias = new Float64Array(options.classes).fill(ABSENT_CLASS_BIAS);
  present.forEach((c, k) => (bias[c] = fit.x[r * cls + k]!));
  return { coef, bias, classes: options.classes, converged: fit.converged, iterations: fit.iterations, solution: fit.x };
}

/** Probabilities of a row from its inner products with the training rows (`kernelRow[i]` = x·x_i). */
export function predictProbaFromKernel(model: DualClassifier, kernelRow: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(model.bias);
  for (let i = 0; i < kernelRow.length; i++) {
    const k = kernelRow[i]!;
    for (let c = 0; c < model.classes; c++) out[c]! += k * model.coef[i * model.classes + c]!;
  }
  return softmaxInPlace(out);
}

/** The primal classifier W = Xᵀ coef of a dual fit on `rows`. */
export function primalOf(rows: readonly Float64Array[], dual: DualClassifier): LinearClassifier {
  const d = rows[0]!.length;
  const C = dual.classes;
  const weights = new Float64Array(d * C);
  rows.forEach((row, i) => {
    for (let j = 0; j < d; j++) {
      const v = row[j]!;
      if (v === 0) continue;
      for (let c = 0; c < C; c++) weights[j * C + c]! += v * dual.coef[i * C + c]!;
    }
  });
  return { weights, bias: Float64Array.from(dual.bias), inputs: d, classes: C };
}

/** Fits the primal classifier on scaled `rows` with labels `y`. */
export function fitLogisticRegression(rows: readonly Float64Array[], y: readonly number[], options: LogisticRegressionOptions): LinearClassifier & { converged: boolean; iterations: number } {
  if (rows.length === 0) throw new TypeError('rows: need at least one row');
  const dual = fitInSpan(rowSpan(gramMatrix(rows), rows.length), y, options);
  return { ...primalOf(rows, dual), converged: dual.converged, iterations: dual.iterations };
}
