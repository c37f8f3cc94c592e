/**
 * Five-point face alignment for the OpenCV FER net, as plain numbers: the 5 points from 68
 * landmarks, the least-squares similarity transform onto the template, and the projective
 * matrix `tf.image.transform` takes (it maps output pixels back to input pixels).
 */
import { checkLandmarks } from '../../core/face-geometry/landmarks';
import { cropRegion } from '../crop';
import type { Box } from '../model';

/** A similarity transform `p ↦ [a −b; b a]·p + (tx, ty)` (scale, rotation, shift). */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** 68 iBUG landmarks (x0, y0, x1, y1, …) → the 5 alignment points: mean of 36–41, mean of 42–47, 30, 48, 54. */
export function fivePoints(landmarks: ArrayLike<number>): [number, number][] {
  checkLandmarks(landmarks, 'landmarks');
  const at = (i: number): [number, number] => [landmarks[2 * i]!, landmarks[2 * i + 1]!];
  const mean = (from: number): [number, number] => {
    let x = 0;
    let y = 0;
    for (let i = from; i < from + 6; i++) {
      x += landmarks[2 * i]! / 6;
      y += landmarks[2 * i + 1]! / 6;
    }
    return [x, y];
  };
  return [mean(36), mean(42), at(30), at(48), at(54)];
}

/** The similarity transform minimising Σ |T(src_i) − dst_i|² (closed form; needs 2+ distinct points). */
export function fitSimilarity(src: readonly (readonly [number, number])[], dst: readonly (readonly [number, number])[]): Similarity {
  if (src.length !== dst.length || src.length < 2) throw new TypeError('fitSimilarity: expected two equally long lists of 2+ points');
  const n = src.length;
  const mean = (ps: readonly (readonly [number, number])[]) => ps.reduce(([x, y], p) => [x + p[0] / n, y + p[1] / n], [0, 0]);
  const [sx, sy] = mean(src);
  const [dx, dy] = mean(dst);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const [px, py] = [src[i]![0] - sx, src[i]![1] - sy];
    const [qx, qy] = [dst[i]![0] - dx, dst[i]![1] - dy];
    dot += px * qx + py * qy;
    cross += px * qy - py * qx;
    norm += px * px + py * py;
  }
  if (!(norm > 0)) throw new TypeError('fitSimilarity: the source points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: dx - (a * sx - b * sy), ty: dy - (b * sx + a * sy) };
}

/** The inverse transform (output → input), as `tf.image.transform`'s 8 numbers [a0, a1, a2, b0, b1, b2, 0, 0]. */
export function inverseAsProjective(t: Similarity): number[] {
  const d = t.a * t.a + t.b * t.b;
  const [ia, ib] = [t.a / d, -t.b / d];
  // Inverse of [a −b; b a] is [ia −ib; ib ia]; inverse shift is −inv·(tx, ty).
  return [ia, -ib, -(ia * t.tx - ib * t.ty), ib, ia, -(ib * t.tx + ia * t.ty), 0, 0];
}

/**
 * Landmarks as face-landmarks gives them (relative to the square crop of `box` with `padding`,
 * 0–1) in frame pixels, the space general-opencv-fer reads.
 */
export function landmarksInFrame(box: Box, relative: ArrayLike<number>, padding = 0): Float32Array {
  const r = cropRegion(box, { padding, square: true });
  return Float32Array.from(relative, (v, i) => (i % 2 === 0 ? r.x + v * r.w : r.y + v * r.h));
}
