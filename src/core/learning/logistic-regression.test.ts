import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { minimizeLbfgs } from './lbfgs';
import { fitLogisticRegression, predictProba, softmaxInPlace } from './logistic-regression';

/** n rows of d Gaussian values around a class mean; labels cycle over `classes`. */
function blobs(n: number, d: number, classes: number[], spread: number, seed: number) {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const centres = new Map(classes.map((c) => [c, Float64Array.from({ length: d }, () => gauss())]));
  const y = Array.from({ length: n }, (_, i) => classes[i % classes.length]!);
  const rows = y.map((c) => centres.get(c)!.map((m) => m + spread * gauss()));
  return { rows, y };
}

/** The same loss fitted directly on X (the primal), for comparison. */
function primalFit(rows: Float64Array[], y: number[], classes: number, l2: number) {
  const n = rows.length;
  const d = rows[0]!.length;
  const f = (p: Float64Array, g: Float64Array) => {
    g.fill(0);
    let loss = 0;
    const counts = new Map<number, number>();
    y.forEach((c) => counts.set(c, (counts.get(c) ?? 0) + 1));
    const present = counts.size;
    rows.forEach((x, i) => {
      const logits = new Float64Array(classes);
      for (let c = 0; c < classes; c++) {
        logits[c] = p[d * classes + c]!;
        for (let j = 0; j < d; j++) logits[c]! += x[j]! * p[j * classes + c]!;
      }
      softmaxInPlace(logits);
      const w = n / (present * counts.get(y[i]!)!) / n;
      loss -= w * Math.log(logits[y[i]!]!);
      for (let c = 0; c < classes; c++) {
        const e = w * (logits[c]! - (c === y[i] ? 1 : 0));
        g[d * classes + c]! += e;
        for (let j = 0; j < d; j++) g[j * classes + c]! += e * x[j]!;
      }
    });
    for (let k = 0; k < d * classes; k++) {
      loss += 0.5 * l2 * p[k]! ** 2;
      g[k]! += l2 * p[k]!;
    }
    return loss;
  };
  return minimizeLbfgs(f, new Float64Array((d + 1) * classes), { gradTol: 1e-9, fTol: 0, maxIter: 5000 }).x;
}

describe('fitLogisticRegression', () => {
  it('gives the same probabilities as the primal fit (d > n: the kernelised solve is exact)', () => {
    const { rows, y } = blobs(24, 40, [0, 1, 2], 1.5, 7);
    const model = fitLogisticRegression(rows, y, { classes: 3, l2: 0.05, solver: { gradTol: 1e-9, fTol: 0 } });
    expect(model.converged).toBe(true);
    const p = primalFit(rows, y, 3, 0.05);
    const test = blobs(6, 40, [0, 1, 2], 1.5, 99).rows;
    for (const x of test) {
      const a = predictProba(model, x);
      const logits = new Float64Array(3);
      for (let c = 0; c < 3; c++) {
        logits[c] = p[40 * 3 + c]!;
        for (let j = 0; j < 40; j++) logits[c]! += x[j]! * p[j * 3 + c]!;
      }
      const b = softmaxInPlace(logits);
      for (let c = 0; c < 3; c++) expect(a[c]).toBeCloseTo(b[c]!, 4);
    }
  });

  it('separates well-separated classes and gives an absent class probability 0', () => {
    const { rows, y } = blobs(60, 8, [0, 2, 5], 0.3, 3);
    const model = fitLogisticRegression(rows, y, { classes: 7, l2: 1e-3 });
    rows.forEach((x, i) => {
      const p = predictProba(model, x);
      expect(p.indexOf(Math.max(...p))).toBe(y[i]);
      expect(p[1]).toBe(0);
      expect(p[6]).toBe(0);
    });
  });

  it('shrinks towards uniform as λ grows', () => {
    const { rows, y } = blobs(30, 10, [0, 1], 1, 5);
    const strong = fitLogisticRegression(rows, y, { classes: 2, l2: 1e3 });
    const p = predictProba(strong, rows[0]!);
    expect(Math.abs(p[0]! - 0.5)).toBeLessThan(0.02);
  });
});
