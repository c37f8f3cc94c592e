import { describe, expect, it } from 'vitest';
import { GENERAL_OPENCV_FER_TEMPLATE } from './constants';
import { fitSimilarity, fivePoints, inverseAsProjective, landmarksInFrame } from './align';

const apply = (t: { a: number; b: number; tx: number; ty: number }, [x, y]: readonly [number, number]) => [t.a * x - t.b * y + t.tx, t.b * x + t.a * y + t.ty];

describe('five-point alignment', () => {
  it('picks the eye centres, nose tip and mouth corners from 68 landmarks', () => {
    const lm = Float32Array.from({ length: 136 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) : 1000 + Math.floor(i / 2)));
    expect(fivePoints(lm)).toEqual([[38.5, 1038.5], [44.5, 1044.5], [30, 1030], [48, 1048], [54, 1054]]);
    expect(() => fivePoints(new Float32Array(10))).toThrow(TypeError);
  });

  it('recovers an exact similarity and fits the template in least squares', () => {
    const truth = { a: 0.8 * Math.cos(0.3), b: 0.8 * Math.sin(0.3), tx: 12, ty: -7 };
    const src = GENERAL_OPENCV_FER_TEMPLATE.map(([x, y]): [number, number] => [x * 3 + 100, y * 3 + 50]);
    const dst = src.map((p) => apply(truth, p) as [number, number]);
    const fit = fitSimilarity(src, dst);
    for (const k of ['a', 'b', 'tx', 'ty'] as const) expect(fit[k]).toBeCloseTo(truth[k], 9);
    // Noisy points: the fit is the least-squares one, so nudging a parameter never lowers the error.
    const noisy = dst.map(([x, y], i): [number, number] => [x! + (i % 2 ? 1.5 : -1), y! + (i % 3) - 1]);
    const err = (t: typeof truth) => src.reduce((s, p, i) => s + (apply(t, p)[0]! - noisy[i]![0]) ** 2 + (apply(t, p)[1]! - noisy[i]![1]) ** 2, 0);
    const best = fitSimilarity(src, noisy);
    for (const k of ['a', 'b', 'tx', 'ty'] as const) {
      for (const d of [-1e-3, 1e-3]) expect(err({ ...best, [k]: best[k] + d })).toBeGreaterThan(err(best));
    }
  });

  it('inverts the transform for tf.image.transform (output pixel → input pixel)', () => {
    const t = { a: 0.5, b: -0.2, tx: 3, ty: 9 };
    const m = inverseAsProjective(t);
    const [u, v] = apply(t, [40, 70]);
    expect(m[0]! * u! + m[1]! * v! + m[2]!).toBeCloseTo(40, 9);
    expect(m[3]! * u! + m[4]! * v! + m[5]!).toBeCloseTo(70, 9);
    expect(m.slice(6)).toEqual([0, 0]);
  });

  it("puts face-landmarks' crop-relative points into frame pixels", () => {
    // Box 20×40 at (10, 0): its square crop is 40×40 at (0, 0).
    expect(Array.from(landmarksInFrame({ x: 10, y: 0, w: 20, h: 40 }, [0, 0, 0.5, 1]))).toEqual([0, 0, 20, 40]);
  });
});
