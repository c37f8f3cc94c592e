import { describe, it, expect } from 'vitest';
import { buildJointFusionInput, jointFusionForward, softmax } from './joint-fusion-data';

describe('joint fusion data', () => {
  it('concatenates model outputs model by model', () => {
    const a = [[0.1, 0.9], [0.7, 0.3]];
    const b = [[0.4, 0.6], [0.2, 0.8]];
    expect(buildJointFusionInput([a, b])).toEqual([
      [0.1, 0.9, 0.4, 0.6],
      [0.7, 0.3, 0.2, 0.8],
    ]);
    expect(() => buildJointFusionInput([a, [[1, 0]]])).toThrow(TypeError);
  });

  it('runs softmax(x·W + b) by hand', () => {
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
    expect(softmax([1000, 1000 + Math.log(3)])[1]).toBeCloseTo(0.75, 12);
    // x = [1, 2]; W = [[1, 0], [0, 1]]; b = [0, ln 2 − 1] → logits [1, 1 + ln 2] → [1/3, 2/3]
    const out = jointFusionForward([1, 2], { kernel: [[1, 0], [0, 1]], bias: [0, Math.log(2) - 1] });
    expect(out[0]).toBeCloseTo(1 / 3, 12);
    expect(out[1]).toBeCloseTo(2 / 3, 12);
    expect(() => jointFusionForward([1], { kernel: [[1, 0], [0, 1]], bias: [0, 0] })).toThrow(TypeError);
    expect(() => jointFusionForward([1, 2], { kernel: [[1], [0]], bias: [0, 0] })).toThrow(TypeError);
  });
});
