import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function from (−1.2, 1)', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = minimizeLbfgs(f, Float64Array.of(-1.2, 1), { gradTol: 1e-8, fTol: 0 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('solves an ill-conditioned quadratic (condition number 1e4) to its exact minimiser', () => {
    const scales = [1, 10, 100, 1e4];
    const target = [3, -2, 0.5, 1];
    const f = (x: Float64Array, g: Float64Array) =>
      scales.reduce((s, k, i) => {
        g[i] = k * (x[i]! - target[i]!);
        return s + 0.5 * k * (x[i]! - target[i]!) ** 2;
      }, 0);
    const r = minimizeLbfgs(f, new Float64Array(4), { gradTol: 1e-9, fTol: 0 });
    target.forEach((t, i) => expect(r.x[i]).toBeCloseTo(t, 6));
  });
});
