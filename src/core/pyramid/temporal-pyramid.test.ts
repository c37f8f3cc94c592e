import { describe, it, expect } from 'vitest';
import { PYRAMID_LEVEL_GROUPS, pyramidLayout, segmentRange, temporalPyramid, type PyramidFrame } from './temporal-pyramid';

const frame = (face: number[], ctx: number[], probs: number[]): PyramidFrame => ({
  faceFeatures: face,
  contextFeatures: ctx,
  emotionProbs: probs,
});

describe('temporalPyramid', () => {
  const frames = [
    frame([1], [10, 20], [0.2, 0.8]),
    frame([3], [30, 40], [0.6, 0.4]),
    frame([5], [50, 60], [0.5, 0.5]),
    frame([7], [70, 80], [0.1, 0.9]),
  ];

  it('computes level 0 and level 1 by hand in the documented order', () => {
    const { vector, layout } = temporalPyramid(frames, [0, 1]);
    expect(layout.blockSize).toBe(1 + 2 + 3 * 2);
    expect(layout.length).toBe(3 * 9);
    const v = Array.from(vector, (x) => +x.toFixed(5));
    // level 0: face mean 4; ctx mean 40, 50; min .1 .4; mean .35 .65; max .6 .9
    expect(v.slice(0, 9)).toEqual([4, 40, 50, 0.1, 0.4, 0.35, 0.65, 0.6, 0.9]);
    // level 1, j=0: frames 0–1
    expect(v.slice(9, 18)).toEqual([2, 20, 30, 0.2, 0.4, 0.4, 0.6, 0.6, 0.8]);
    // level 1, j=1: frames 2–3
    expect(v.slice(18, 27)).toEqual([6, 60, 70, 0.1, 0.5, 0.3, 0.7, 0.5, 0.9]);
    expect(layout.segments.map((s) => [s.level, s.index, s.start, s.end, s.offset])).toEqual([
      [0, 0, 0, 4, 0],
      [1, 0, 0, 2, 9],
      [1, 1, 2, 4, 18],
    ]);
    expect(layout.segments[1]!.probMaxOffset).toBe(9 + 3 + 4);
  });

  it('reuses the nearest frame when the sequence is shorter than 2^k', () => {
    expect([0, 1, 2, 3].map((j) => segmentRange(2, 2, j))).toEqual([[0, 1], [0, 1], [1, 2], [1, 2]]);
    expect(segmentRange(1, 3, 7)).toEqual([0, 1]);
    const { vector, layout } = temporalPyramid(frames.slice(0, 3), PYRAMID_LEVEL_GROUPS.level3);
    expect(layout.segments).toHaveLength(8);
    expect(layout.segments.every((s) => s.end - s.start === 1)).toBe(true);
    expect(Array.from(vector).every(Number.isFinite)).toBe(true);
    expect(vector[0]).toBe(1); // segment 0 reuses frame 0
    expect(vector[7 * 9]).toBe(5); // segment 7 reuses frame 2
  });

  it('supports the paper level groups and validates input', () => {
    expect(pyramidLayout(32, PYRAMID_LEVEL_GROUPS.levels0to3, { faceDim: 1, contextDim: 1, probDim: 7 }).segments).toHaveLength(15);
    expect(pyramidLayout(32, PYRAMID_LEVEL_GROUPS.level4, { faceDim: 1, contextDim: 1, probDim: 7 }).segments).toHaveLength(16);
    expect(() => temporalPyramid([], [0])).toThrow(TypeError);
    expect(() => temporalPyramid(frames, [])).toThrow(TypeError);
    expect(() => temporalPyramid(frames, [-1])).toThrow(TypeError);
    expect(() => temporalPyramid([frames[0]!, frame([1, 2], [0, 0], [1, 0])], [0])).toThrow(/faceFeatures\[1\]/);
  });
});
