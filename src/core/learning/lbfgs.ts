/**
 * Limited-memory BFGS for smooth convex objectives (the heads' logistic regressions), with a
 * backtracking Armijo line search. Own code: ml-matrix has no optimiser, and the heads need only
 * this one (~60 lines) to train to convergence instead of stopping early on one actor.
 */

/** Objective value and gradient at `x` (the gradient is written into `grad`). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Stopping rules. */
export interface LbfgsOptions {
  /** Stop when the gradient's max-norm falls below this. */
  gradTol: number;
  /** Stop when the objective moves by less than this (relative) over one step. */
  fTol: number;
  maxIter: number;
  /** Correction pairs kept. */
  memory: number;
}

export const LBFGS_DEFAULTS: Readonly<LbfgsOptions> = Object.freeze({ gradTol: 1e-5, fTol: 1e-10, maxIter: 500, memory: 10 });

/** Where the search stopped, and why. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** Minimises `f` from `x0` (not modified). */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opt = { ...LBFGS_DEFAULTS, ...options };
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Array<number>(opt.memory);
  for (let iter = 0; iter < opt.maxIter; iter++) {
    if (maxAbs(g) < opt.gradTol) return { x, value: fx, iterations: iter, converged: true };
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, dir);
      for (let i = 0; i < n; i++) dir[i]! -= alpha[k]! * y[k]![i]!;
    }
    const gamma = s.length ? dot(s[s.length - 1]!, y[y.length - 1]!) / dot(y[y.length - 1]!, y[y.length - 1]!) : 1 / Math.max(1, maxAbs(g));
    for (let i = 0; i < n; i++) dir[i]! *= gamma;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(y[k]!, dir);
      for (let i = 0; i < n; i++) dir[i]! += s[k]![i]! * (alpha[k]! - beta);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]! / Math.max(1, maxAbs(g));
      slope = dot(g, dir);
    }
    let step = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNew < fx)) return { x, value: fx, iterations: iter, converged: maxAbs(g) < opt.gradTol * 100 };
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      if (s.length > opt.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
    }
    const moved = Math.abs(fx - fNew) / Math.max(1, Math.abs(fx));
    x = xNew;
    g = gNew;
    fx = fNew;
    if (moved < opt.fTol) return { x, value: fx, iterations: iter + 1, converged: true };
  }
  return { x, value: fx, iterations: opt.maxIter, converged: maxAbs(g) < opt.gradTol };
}
