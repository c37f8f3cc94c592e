import { describe, expect, it } from 'vitest';
import type { FaceRecord } from '../pipeline/clip-analysis';
import { pyramidCells, rollingProbs, trackTimeline } from './track-views';

const rec = (tSec: number, top: number): FaceRecord => {
  const probs = new Float32Array(7);
  probs[top] = 1;
  return { frameIndex: Math.round(tSec * 30), tSec, box: { x: 0, y: 0, w: 1, h: 1 }, score: 1, probs, faceFeature: new Float32Array(0), contextFeature: new Float32Array(0), personBox: null };
};

describe('track views', () => {
  const records = Array.from({ length: 8 }, (_, i) => rec(i * 0.2, i < 4 ? 3 : 5));

  it('builds levels 0–3 with 1, 2, 4, 8 cells and min/mean/max per emotion', () => {
    const rows = pyramidCells(records);
    expect(rows.map((r) => r.length)).toEqual([1, 2, 4, 8]);
    expect(rows[0]![0]!.mean[3]).toBeCloseTo(0.5);
    expect(rows[0]![0]!.min[3]).toBe(0);
    expect(rows[0]![0]!.max[3]).toBe(1);
    expect(rows[1]!.map((c) => c.top)).toEqual(['happiness', 'sadness']);
    expect(pyramidCells([])).toEqual([]);
  });

  it('thins the timeline but keeps the last point', () => {
    const t = trackTimeline(records, 3);
    expect(t.length).toBeLessThanOrEqual(4);
    expect(t.at(-1)!.tSec).toBeCloseTo(1.4);
  });

  it('averages only the last window for the rolling emotion', () => {
    expect(rollingProbs(records, 1.4, 0.5)![5]).toBe(1);
    expect(rollingProbs(records, 10, 1)).toBeNull();
  });
});
