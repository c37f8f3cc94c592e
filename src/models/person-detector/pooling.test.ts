import { describe, expect, it } from 'vitest';
import { iou, nonMaxSuppression, poolRegion } from './pooling';

describe('iou', () => {
  it('is 1 for equal boxes, 0 for disjoint, 1/7 for half-shifted squares', () => {
    const a = { x: 0, y: 0, w: 2, h: 2 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 5, y: 5, w: 1, h: 1 })).toBe(0);
    expect(iou(a, { x: 1, y: 1, w: 2, h: 2 })).toBeCloseTo(1 / 7);
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes and caps the count', () => {
    const items = [
      { box: { x: 0, y: 0, w: 10, h: 10 }, score: 0.5 },
      { box: { x: 1, y: 0, w: 10, h: 10 }, score: 0.9 },
      { box: { x: 50, y: 0, w: 10, h: 10 }, score: 0.7 },
    ];
    expect(nonMaxSuppression(items, 0.4, 10)).toEqual([1, 2]);
    expect(nonMaxSuppression(items, 0.4, 1)).toEqual([1]);
    expect(nonMaxSuppression(items, 0.95, 10)).toEqual([1, 2, 0]);
  });
});

describe('poolRegion', () => {
  // 2×2 grid, 1 channel, covering 0…10: cell values 1 2 / 3 4.
  const map = new Float32Array([1, 2, 3, 4]);
  it('averages whole cells, weighting partial cells by area', () => {
    expect(poolRegion(map, 2, 1, 10, { x: 0, y: 0, w: 10, h: 10 })[0]).toBeCloseTo(2.5);
    expect(poolRegion(map, 2, 1, 10, { x: 0, y: 0, w: 5, h: 5 })[0]).toBeCloseTo(1);
    // 3/4 in column 0, 1/4 in column 1, top row only.
    expect(poolRegion(map, 2, 1, 10, { x: 0, y: 0, w: 6.6666667, h: 5 })[0]).toBeCloseTo((5 * 1 + 1.6666667 * 2) / 6.6666667);
  });
  it('gives a tiny or outside region the nearest cell', () => {
    expect(poolRegion(map, 2, 1, 10, { x: 7, y: 7, w: 0.01, h: 0.01 })[0]).toBeCloseTo(4);
    expect(poolRegion(map, 2, 1, 10, { x: 20, y: -5, w: 3, h: 3 })[0]).toBeCloseTo(2);
  });
});
