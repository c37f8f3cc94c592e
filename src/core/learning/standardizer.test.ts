import { describe, expect, it } from 'vitest';
import { fitColumnScaler, scaleRow } from './standardizer';

describe('fitColumnScaler', () => {
  it('centres and scales ordinary columns, and floors a near-constant one at 0.1 × the median σ', () => {
    const rows = [
      [0, 10, 5, 0.5],
      [2, 14, 7, 0.5],
      [4, 18, 9, 0.5000001],
    ];
    const s = fitColumnScaler(rows);
    expect(Array.from(s.mean)).toEqual([2, 14, 7, expect.closeTo(0.50000003, 7)]);
    const std0 = Math.sqrt(8 / 3);
    expect(s.scale[0]).toBeCloseTo(std0, 10);
    expect(s.scale[1]).toBeCloseTo(2 * std0, 10);
    // Median σ is that of column 0 or 2 (σ₂ = σ₀), so the floor is 0.1 σ₀, far above column 3's σ.
    expect(s.scale[3]).toBeCloseTo(0.1 * std0, 10);
    const z = scaleRow(rows[2]!, s);
    expect(z[0]).toBeCloseTo(2 / std0, 10);
    expect(Math.abs(z[3]!)).toBeLessThan(1e-5);
  });

  it('rejects rows of different lengths', () => {
    expect(() => fitColumnScaler([[1, 2], [1]])).toThrow(TypeError);
  });
});
