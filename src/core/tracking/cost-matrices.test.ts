import { describe, it, expect } from 'vitest';
import {
  allCuesFinite,
  buildCostMatrices,
  combineCosts,
  cueDistances,
  DEFAULT_COST_CONFIG,
  gateCosts,
  type Detection,
} from './cost-matrices';

const vec = (...v: number[]): Float32Array => Float32Array.from(v);
const det = (x: number, y: number, w: number, h: number, hsv: Float32Array, emb: Float32Array): Detection => ({
  box: { x, y, w, h },
  score: 0.9,
  hsv,
  embedding: emb,
});

describe('cost matrices', () => {
  it('computes cue distances to the mean of stored observations by hand', () => {
    const means = { hsv: vec(0.5, 0.5), embedding: vec(0, 0) };
    const d = cueDistances(means, { x: 0, y: 0, w: 10, h: 10 }, det(30, 40, 16, 18, vec(0.5, 0.5), vec(3, 4)));
    expect(d.hsv).toBe(0);
    expect(d.embedding).toBe(5);
    // centres (5,5) → (38,49): distance √(33²+44²) = 55; scale √(10·10) = 10
    expect(d.position).toBeCloseTo(5.5, 12);
    // (Δw, Δh) = (6, 8) → 10 / 10
    expect(d.size).toBeCloseTo(1, 12);
  });

  it('gates and combines by eq. 5–6', () => {
    const thresholds = { hsv: 1, embedding: 1, position: 1, size: 1 };
    const g = gateCosts({ hsv: 0.5, embedding: 2, position: 1, size: 0.25 }, thresholds);
    expect(g).toEqual({ hsv: 0.5, embedding: Infinity, position: 1, size: 0.25 });
    expect(allCuesFinite(g)).toBe(false);
    const weights = { hsv: 1, embedding: 5, position: 2, size: 1 };
    // (1·0.5 + 2·1 + 1·0.25) / (1 + 2 + 1) = 2.75 / 4
    expect(combineCosts(g, weights)).toBeCloseTo(0.6875, 12);
    expect(combineCosts({ hsv: Infinity, embedding: Infinity, position: Infinity, size: Infinity }, weights)).toBe(Infinity);
  });

  it('builds matrices with tracks as rows; partial gating is Infinity unless matchOnPartialCosts', () => {
    const track = { hsv: [vec(1, 0), vec(0, 1)], embeddings: [vec(0, 0), vec(0, 0.2)], lastBox: { x: 0, y: 0, w: 10, h: 10 } };
    const near = det(1, 0, 10, 10, vec(0.5, 0.5), vec(0, 0.1));
    const stranger = det(1, 0, 10, 10, vec(0.5, 0.5), vec(5, 5));
    const m = buildCostMatrices([track], [near, stranger]);
    expect(m.cues.hsv[0]).toEqual([0, 0]);
    expect(m.cues.embedding[0]![0]).toBeCloseTo(0, 6);
    expect(m.cues.embedding[0]![1]).toBe(Infinity);
    expect(m.cues.position[0]![0]).toBeCloseTo(0.1, 12);
    expect(m.total[0]![0]).toBeCloseTo(combineCosts({ hsv: 0, embedding: 0, position: 0.1, size: 0 }, DEFAULT_COST_CONFIG.weights), 6);
    expect(m.total[0]![1]).toBe(Infinity);
    const literal = buildCostMatrices([track], [stranger], { ...DEFAULT_COST_CONFIG, matchOnPartialCosts: true });
    expect(literal.total[0]![0]).toBeLessThan(Infinity);
    expect(buildCostMatrices([], [near]).total).toEqual([]);
  });
});
