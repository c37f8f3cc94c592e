import { describe, it, expect } from 'vitest';
import { weightedFusion } from './weighted';

const a = [[0.2, 0.8], [1, 0]];
const b = [[0.6, 0.4], [0, 1]];

describe('weightedFusion', () => {
  it('weights by hand', () => {
    const f = weightedFusion([a, b], [3, 1]);
    expect(f[0]![0]).toBeCloseTo((3 * 0.2 + 0.6) / 4, 12);
    expect(f[1]).toEqual([0.75, 0.25]);
  });

  it('rejects mismatched shapes and bad weights', () => {
    expect(() => weightedFusion([a, [[1, 0]]], [1, 1])).toThrow(/clips/);
    expect(() => weightedFusion([a, [[1, 0], [1]]], [1, 1])).toThrow(/classes/);
    expect(() => weightedFusion([a, b], [1])).toThrow(TypeError);
    expect(() => weightedFusion([a, b], [0, 0])).toThrow(TypeError);
    expect(() => weightedFusion([a, b], [-1, 2])).toThrow(TypeError);
  });
});
