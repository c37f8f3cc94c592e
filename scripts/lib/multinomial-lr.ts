/**
 * Full-batch multinomial logistic regression with an L2 penalty, minimised by L-BFGS to
 * convergence: the measuring stick of scripts/speech-probe.ts. Kept in scripts/ because the shared
 * solver for the product heads is being written in src/core/learning (this one may then go).
 */

/** A fitted model: weights[k][j] for class k and input j, plus a bias per class. */
export interface MultinomialModel {
  weights: Float64Array[];
  bias: Float64Array;
}

/** Objective value and gradient at a point. */
type Objective = (x: Float64Array) => { value: number; grad: Float64Array };

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Minimises a smooth convex `f` from `x0` by L-BFGS (memory 10) with Armijo backtracking. */
export function lbfgs(f: Objective, x0: Float64Array, maxIter = 500, tol = 1e-9): Float64Array {
  let x = x0;
  let { value, grad } = f(x);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  for (let iter = 0; iter < maxIter; iter++) {
    // Two-loop recursion: d = −H·grad.
    const q = Float64Array.from(grad);
    const alphas: number[] = [];
    for (let i = history.length - 1; i >= 0; i--) {
      const { s, y, rho } = history[i]!;
      const a = rho * dot(s, q);
      alphas[i] = a;
      for (let j = 0; j < q.length; j++) q[j]! -= a * y[j]!;
    }
    const last = history[history.length - 1];
    const scale = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1e-12, Math.sqrt(dot(grad, grad)));
    for (let j = 0; j < q.length; j++) q[j]! *= scale;
    for (let i = 0; i < history.length; i++) {
      const { s, y, rho } = history[i]!;
      const b = rho * dot(y, q);
      for (let j = 0; j < q.length; j++) q[j]! += s[j]! * (alphas[i]! - b);
    }
    const d = q.map((v) => -v);
    const slope = dot(grad, d);
    if (!(slope < 0)) break;
    let step = 1;
    let next = x.map((v, j) => v + step * d[j]!);
    let trial = f(next);
    while (trial.value > value + 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      next = x.map((v, j) => v + step * d[j]!);
      trial = f(next);
    }
    const s = next.map((v, j) => v - x[j]!);
    const y = trial.grad.map((v, j) => v - grad[j]!);
    const sy = dot(s, y);
    if (sy > 1e-12) history.push({ s, y, rho: 1 / sy });
    if (history.length > 10) history.shift();
    const done = Math.abs(value - trial.value) <= tol * Math.max(1, Math.abs(value));
    [x, value, grad] = [next, trial.value, trial.grad];
    if (done) break;
  }
  return x;
}

/** Class probabilities of one row under a flattened parameter vector (K × (D + 1), bias last). */
function softmaxRow(params: Float64Array, row: ArrayLike<number>, classes: number): Float64Array {
  const D = row.length;
  const logits = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    let z = params[k * (D + 1) + D]!;
    for (let j = 0; j < D; j++) z += params[k * (D + 1) + j]! * row[j]!;
    logits[k] = z;
  }
  const top = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/**
 * Fits mean cross-entropy + (l2 / 2)·‖W‖² (bias unpenalised) on `rows` with labels 0 … classes−1.
 * `start` warm-starts from an earlier fit of the same shape.
 */
export function fitMultinomial(rows: readonly ArrayLike<number>[], labels: readonly number[], classes: number, l2: number, start?: MultinomialModel): MultinomialModel {
  const D = rows[0]!.length;
  const n = rows.length;
  const size = classes * (D + 1);
  const objective: Objective = (params) => {
    const grad = new Float64Array(size);
    let value = 0;
    rows.forEach((row, i) => {
      const p = softmaxRow(params, row, classes);
      value -= Math.log(Math.max(p[labels[i]!]!, 1e-300)) / n;
      for (let k = 0; k < classes; k++) {
        const e = (p[k]! - (k === labels[i] ? 1 : 0)) / n;
        for (let j = 0; j < D; j++) grad[k * (D + 1) + j]! += e * row[j]!;
        grad[k * (D + 1) + D]! += e;
      }
    });
    for (let k = 0; k < classes; k++) {
      for (let j = 0; j < D; j++) {
        const w = params[k * (D + 1) + j]!;
        value += (l2 / 2) * w * w;
        grad[k * (D + 1) + j]! += l2 * w;
      }
    }
    return { value, grad };
  };
  const x0 = new Float64Array(size);
  if (start) for (let k = 0; k < classes; k++) [...start.weights[k]!, start.bias[k]!].forEach((v, j) => (x0[k * (D + 1) + j] = v));
  const x = lbfgs(objective, x0);
  return {
    weights: Array.from({ length: classes }, (_, k) => x.slice(k * (D + 1), k * (D + 1) + D)),
    bias: Float64Array.from({ length: classes }, (_, k) => x[k * (D + 1) + D]!),
  };
}

/** Class probabilities of `row`. */
export function predictMultinomial(model: MultinomialModel, row: ArrayLike<number>): Float64Array {
  const classes = model.bias.length;
  const D = row.length;
  const params = new Float64Array(classes * (D + 1));
  for (let k = 0; k < classes; k++) [...model.weights[k]!, model.bias[k]!].forEach((v, j) => (params[k * (D + 1) + j] = v));
  return softmaxRow(params, row, classes);
}
