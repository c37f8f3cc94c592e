import { describe, it, expect } from 'vitest';
import { argmax, assertSameLength, euclidean, mean, meanVector, populationStd, quantile } from './vector';

describe('vector helpers', () => {
  it('computes distances and means by hand', () => {
    expect(euclidean([0, 0], [3, 4])).toBe(5);
    expect(() => euclidean([0], [1, 2])).toThrow(TypeError);
    expect(Array.from(meanVector([[1, 2], new Float32Array([3, 6])]))).toEqual([2, 4]);
    expect(() => meanVector([])).toThrow(TypeError);
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it('argmax takes the first maximum', () => {
    expect(argmax([0.1, 0.5, 0.5])).toBe(1);
    expect(argmax([])).toBe(-1);
  });

  it('checks lengths', () => {
    expect(() => assertSameLength([[1], [1, 2]], 1, 'x')).toThrow(/x\[1\]/);
  });
});

describe('quantile', () => {
  it('interpolates like numpy', () => {
    // numpy.quantile([1, 2, 3, 4], [0, 0.5, 0.95, 1]) → 1, 2.5, 3.85, 4
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.95)).toBeCloseTo(3.85);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(() => quantile([], 0.5)).toThrow(TypeError);
  });
});
