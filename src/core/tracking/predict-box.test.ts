import { describe, expect, it } from 'vitest';
import { iou } from '../geometry';
import { predictBox } from './predict-box';

const at = (tSec: number, x: number, y: number, w = 40, h = 50) => ({ tSec, box: { x, y, w, h } });

describe('predictBox', () => {
  it('moves a box on at its last velocity (a face moving right 100 px/s)', () => {
    const p = predictBox(at(0, 100, 60), at(0.1, 110, 60), 0.2);
    expect(p.x).toBeCloseTo(120, 9);
    expect(p.y).toBeCloseTo(60, 9);
    expect(p.w).toBeCloseTo(40, 9);
    expect(p.h).toBeCloseTo(50, 9);
  });

  it('follows a face sampled along a real path closer than the last box does', () => {
    // A face moving on a curve (x = 200 + 80 sin t, y = 100 + 30 t), analysed every 0.1 s and drawn every 1/60 s.
    const path = (t: number) => at(t, 200 + 80 * Math.sin(t), 100 + 30 * t);
    let predictedError = 0;
    let heldError = 0;
    for (let k = 1; k < 20; k++) {
      const previous = path((k - 1) * 0.1);
      const last = path(k * 0.1);
      for (let d = 1; d < 6; d++) {
        const t = k * 0.1 + d / 60;
        const truth = path(t).box;
        predictedError += 1 - iou(predictBox(previous, last, t), truth);
        heldError += 1 - iou(last.box, truth);
      }
    }
    expect(predictedError).toBeLessThan(heldError / 5);
  });

  it('extrapolates size about the centre (a face coming closer)', () => {
    const p = predictBox(at(0, 100, 100, 40, 40), at(0.1, 95, 95, 50, 50), 0.2);
    expect(p.w).toBeCloseTo(60, 9);
    expect(p.x + p.w / 2).toBeCloseTo(120, 9);
    expect(p.y + p.h / 2).toBeCloseTo(120, 9);
  });

  it('stops after maxAheadSec, or one analysis interval when slower, so a lost face does not drift away', () => {
    const config = { maxAheadSec: 0.2, maxGapSec: 1 };
    expect(predictBox(at(0, 100, 60), at(0.1, 110, 60), 5, config).x).toBeCloseTo(130, 9);
    // Analyses 0.4 s apart (a busy CPU): the box keeps up for one whole interval.
    expect(predictBox(at(0, 100, 60), at(0.4, 140, 60), 5, config).x).toBeCloseTo(180, 9);
  });

  it('keeps the last box when there is no usable velocity', () => {
    const last = at(1, 110, 60);
    expect(predictBox(undefined, last, 1.2)).toBe(last.box);
    expect(predictBox(at(1, 100, 60), last, 1.2)).toBe(last.box); // same time
    expect(predictBox(at(1.5, 100, 60), last, 1.2)).toBe(last.box); // previous after last
    expect(predictBox(at(0, 100, 60), last, 1.2, { maxAheadSec: 1, maxGapSec: 0.5 })).toBe(last.box); // gap too long
    expect(predictBox(at(0.9, 100, 60), last, 0.95)).toBe(last.box); // a time before the last box
  });

  it('never shrinks a box to nothing', () => {
    const p = predictBox(at(0, 100, 100, 40, 40), at(0.1, 110, 110, 20, 20), 0.3, { maxAheadSec: 1, maxGapSec: 1 });
    expect(p.w).toBe(1);
    expect(p.h).toBe(1);
    expect(p.x + p.w / 2).toBeCloseTo(120, 9); // the centre did not move
  });
});
