import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../shared/track-view';
import { decimateColumns, nearestPointIndex, timeAtPx, timelineGeometry, timeTickStep } from './timeline-geometry';

/** A point whose probability of emotion `e` is `p` (the others share the rest). */
const pt = (tSec: number, e: number, p: number): TimelinePoint => ({ tSec, probs: Array.from({ length: 7 }, (_, i) => (i === e ? p : (1 - p) / 6)) });
const margin = { top: 10, right: 0, bottom: 20, left: 32 };
/** Parses a `points` string back into [x, y] pairs. */
const pairs = (s: string) => s.split(' ').map((xy) => xy.split(',').map(Number) as [number, number]);

describe('timelineGeometry', () => {
  // A 232×130 SVG with these margins has a 200×100 plot from (32, 10) to (232, 110).
  const g = timelineGeometry([pt(0, 0, 0), pt(1, 0, 0.5), pt(2, 0, 1)], 232, 130, margin);

  it('maps time to x across the plot and probability 0 → bottom, 1 → top', () => {
    expect(g.plot).toEqual({ left: 32, top: 10, right: 232, bottom: 110 });
    expect(g.lines[0]).toBe('32,110 132,60 232,10');
    // Surprise (index 6) holds (1 - p) / 6 of the rest: 1/6, 1/12, 0.
    expect(pairs(g.lines[6]!).map(([, y]) => y)).toEqual([93.3, 101.7, 110]);
    expect(g.lines).toHaveLength(7);
  });

  it('puts round time ticks at least 56 px apart and 0 / 0.5 / 1 on the probability axis', () => {
    expect(g.xTicks).toEqual([
      { px: 32, label: '0s' },
      { px: 132, label: '1s' },
      { px: 232, label: '2s' },
    ]);
    expect(g.yTicks).toEqual([
      { px: 110, label: '0' },
      { px: 60, label: '0.5' },
      { px: 10, label: '1' },
    ]);
  });

  it('starts the axis at the first point (a camera window) with ticks on whole steps', () => {
    const late = timelineGeometry([pt(12.3, 3, 0.2), pt(17.9, 3, 0.9)], 600, 220, margin);
    expect(late.tMinSec).toBe(12.3);
    expect(late.xTicks.map((t) => t.label)).toEqual(['13s', '14s', '15s', '16s', '17s']);
    expect(late.xTicks[0]!.px).toBeCloseTo(32 + (0.7 / 5.6) * 568, 1);
  });

  it('draws a single point as a short dash over a one-second axis', () => {
    const one = timelineGeometry([pt(0.4, 4, 0.7)], 232, 130, margin);
    expect(one.tMaxSec).toBeCloseTo(1.4);
    expect(one.lines[4]).toBe('32,40 34,40');
    expect(timelineGeometry([], 232, 130, margin).lines.every((l) => l === '')).toBe(true);
  });

  it('keeps at most four points per pixel column, and the peaks, on a long track', () => {
    // 10 000 points over a 200-px plot: a flat 0.2 line with one spike to 0.95 and one dip to 0.
    const points = Array.from({ length: 10_000 }, (_, i) => pt(i / 100, 3, i === 5_123 ? 0.95 : i === 7_777 ? 0 : 0.2));
    const long = timelineGeometry(points, 232, 130, margin);
    const xy = pairs(long.lines[3]!);
    expect(xy.length).toBeLessThanOrEqual(4 * 201);
    expect(xy.length).toBeGreaterThan(200);
    expect(Math.min(...xy.map(([, y]) => y))).toBeCloseTo(110 - 95, 1);
    expect(Math.max(...xy.map(([, y]) => y))).toBe(110);
    expect(xy[0]).toEqual([32, 90]);
    expect(xy.at(-1)).toEqual([232, 90]);
    // x never goes back.
    expect(xy.every(([x], i) => i === 0 || x >= xy[i - 1]![0])).toBe(true);
  });
});

describe('decimateColumns', () => {
  it('keeps first, lowest, highest and last of each column in time order', () => {
    const xs = [0.1, 0.5, 0.9, 0.95, 1.2, 2.5];
    const ys = [5, 9, 1, 4, 3, 3];
    expect(decimateColumns(xs, ys)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(decimateColumns([0, 0.2, 0.4, 0.6, 0.8], [2, 2, 7, 2, 2])).toEqual([0, 2, 4]);
    expect(decimateColumns([], [])).toEqual([]);
  });
});

describe('time axis helpers', () => {
  it('chooses the smallest round step that fits', () => {
    expect(timeTickStep(2, 200)).toBe(1);
    expect(timeTickStep(8, 560)).toBe(1);
    expect(timeTickStep(30, 560)).toBe(5);
    expect(timeTickStep(1, 560)).toBe(0.1);
    expect(timeTickStep(1, 300)).toBe(0.2);
  });

  it('finds the nearest point to a time and the time under a pixel', () => {
    const points = [pt(0, 0, 0), pt(0.2, 0, 0), pt(0.4, 0, 0), pt(1.0, 0, 0)];
    expect(nearestPointIndex(points, 0.29)).toBe(1);
    expect(nearestPointIndex(points, 0.31)).toBe(2);
    expect(nearestPointIndex(points, 5)).toBe(3);
    expect(nearestPointIndex(points, -1)).toBe(0);
    expect(nearestPointIndex([], 1)).toBe(-1);
    const g = timelineGeometry(points, 232, 130, margin);
    expect(timeAtPx(g, 132)).toBeCloseTo(0.5);
    expect(timeAtPx(g, 0)).toBe(0);
  });
});
