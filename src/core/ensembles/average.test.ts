import { describe, it, expect } from 'vitest';
import { averageFusion, averageProbabilities } from './average';

describe('averageFusion', () => {
  it('averages by hand', () => {
    const f = averageFusion([
      [[0.2, 0.8], [1, 0]],
      [[0.6, 0.4], [0, 1]],
    ]);
    expect(f[0]![0]).toBeCloseTo(0.4, 12);
    expect(f[0]![1]).toBeCloseTo(0.6, 12);
    expect(f[1]).toEqual([0.5, 0.5]);
    expect(averageProbabilities([[1, 0], [0, 1], [0.5, 0.5]])).toEqual([0.5, 0.5]);
    expect(() => averageFusion([])).toThrow(TypeError);
  });
});
