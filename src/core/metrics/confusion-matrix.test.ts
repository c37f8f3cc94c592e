import { describe, it, expect } from 'vitest';
import { confusionMatrix, normalizeRows } from './confusion-matrix';

describe('confusion matrix', () => {
  it('counts and normalises by hand, with an absent class', () => {
    const counts = confusionMatrix([0, 0, 0, 2, 2], [0, 1, 0, 2, 0], 3);
    expect(counts).toEqual([
      [2, 1, 0],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    const norm = normalizeRows(counts);
    expect(norm[0]![0]).toBeCloseTo(2 / 3, 12);
    expect(norm[1]).toBeNull();
    expect(norm[2]).toEqual([0.5, 0, 0.5]);
  });

  it('defaults to 7 classes and validates', () => {
    expect(confusionMatrix([6], [6])[6]![6]).toBe(1);
    expect(() => confusionMatrix([], [])).toThrow(TypeError);
    expect(() => confusionMatrix([0], [0, 1])).toThrow(TypeError);
    expect(() => confusionMatrix([7], [0])).toThrow(/yTrue\[0\]/);
  });
});
