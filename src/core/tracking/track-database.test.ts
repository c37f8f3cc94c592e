import { describe, it, expect } from 'vitest';
import { createTrackDatabase } from './track-database';

const detection = (v: number) => ({
  box: { x: v, y: 0, w: 10, h: 10 },
  score: 0.5,
  hsv: Float32Array.from([v]),
  embedding: Float32Array.from([v, v]),
});
const obs = (frameIndex: number, v: number) => ({ frameIndex, tSec: frameIndex / 10, box: { x: v, y: 0, w: 10, h: 10 }, score: 0.5 });

describe('track database', () => {
  it('keeps only the last k appearance observations but every position', () => {
    const db = createTrackDatabase(2);
    const id = db.create(detection(1), obs(0, 1));
    db.append(id, detection(2), obs(1, 2));
    db.append(id, detection(3), obs(2, 3));
    const [rec] = db.records();
    expect(rec!.hsv.map((h) => h[0])).toEqual([2, 3]);
    expect(rec!.embeddings.map((e) => e[1])).toEqual([2, 3]);
    expect(rec!.lastBox.x).toBe(3);
    expect(rec!.observations.map((o) => o.frameIndex)).toEqual([0, 1, 2]);
  });

  it('copies inputs and never reuses ids, even after clear', () => {
    const db = createTrackDatabase(3);
    const d = detection(1);
    expect(db.create(d, obs(0, 1))).toBe(1);
    d.hsv[0] = 99;
    expect(db.records()[0]!.hsv[0]![0]).toBe(1);
    db.clear();
    expect(db.records()).toEqual([]);
    expect(db.create(detection(1), obs(0, 1))).toBe(2);
    expect(() => db.append(1, detection(1), obs(1, 1))).toThrow(TypeError);
    expect(() => createTrackDatabase(0)).toThrow(TypeError);
  });
});
