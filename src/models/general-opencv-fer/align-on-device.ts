/**
 * The five-point alignment of align.ts done with tensor ops, from landmarks that never left the
 * device: on a GPU the landmarks net, the alignment and the FER net then run without a download
 * between them. Same steps, same template: the 5 points, the least-squares similarity, its inverse
 * as `tf.image.transform`'s matrix, one bilinear warp of the frame per face.
 */
import * as tf from '@tensorflow/tfjs';
import { cropRegion } from '../crop';
import type { Box, Frame } from '../model';
import { GENERAL_OPENCV_FER_INPUT_SIZE, GENERAL_OPENCV_FER_TEMPLATE } from './constants';

const LANDMARKS = 68;

/** [68, 5]: each column averages the landmarks of one alignment point (eyes 36–41 and 42–47, nose tip 30, mouth corners 48 and 54). */
function fivePointWeights(): tf.Tensor2D {
  const w = new Float32Array(LANDMARKS * 5);
  const set = (landmark: number, point: number, value: number) => (w[landmark * 5 + point] = value);
  for (let i = 0; i < 6; i++) {
    set(36 + i, 0, 1 / 6);
    set(42 + i, 1, 1 / 6);
  }
  set(30, 2, 1);
  set(48, 3, 1);
  set(54, 4, 1);
  return tf.tensor2d(w, [LANDMARKS, 5]);
}

/**
 * The faces warped onto the 112×112 template, [N, 112, 112, 3] RGB 0–255, from `relative`
 * ([N, 136]: face-landmarks' output, relative to each box's square crop with `padding`).
 * Call inside the caller's tidy or dispose the result.
 */
export function alignFacesOnDevice(frame: Frame, boxes: readonly Box[], relative: tf.Tensor2D, padding: number): tf.Tensor4D {
  const n = boxes.length;
  const S = GENERAL_OPENCV_FER_INPUT_SIZE;
  return tf.tidy(() => {
    const regions = boxes.map((b) => cropRegion(b, { padding, square: true }));
    const column = (f: (r: Box) => number) => tf.tensor2d(regions.map(f), [n, 1]);
    const points = tf.reshape(relative, [n, LANDMARKS, 2]);
    const [u, v] = tf.split(points, 2, 2).map((t) => tf.reshape(t, [n, LANDMARKS]));
    // Landmarks in frame pixels (landmarksInFrame), then pixel-centre indices as warps address them.
    const x = tf.sub(tf.add(tf.mul(u!, column((r) => r.w)), column((r) => r.x)), 0.5);
    const y = tf.sub(tf.add(tf.mul(v!, column((r) => r.h)), column((r) => r.y)), 0.5);
    const weights = fivePointWeights();
    const [px, py] = [tf.matMul(x, weights), tf.matMul(y, weights)];
    // fitSimilarity: centred source and template, then a = Σ p·q / Σ |p|², b = Σ p×q / Σ |p|².
    const [sx, sy] = [tf.mean(px, 1, true), tf.mean(py, 1, true)];
    const [cx, cy] = [tf.sub(px, sx), tf.sub(py, sy)];
    const dst = GENERAL_OPENCV_FER_TEMPLATE;
    const [dx, dy] = [dst.reduce((s, p) => s + p[0] / dst.length, 0), dst.reduce((s, p) => s + p[1] / dst.length, 0)];
    const qx = tf.tensor2d(dst.map((p) => p[0] - dx), [1, dst.length]);
    const qy = tf.tensor2d(dst.map((p) => p[1] - dy), [1, dst.length]);
    const norm = tf.sum(tf.add(tf.square(cx), tf.square(cy)), 1, true);
    const a = tf.div(tf.sum(tf.add(tf.mul(cx, qx), tf.mul(cy, qy)), 1, true), norm);
    const b = tf.div(tf.sum(tf.sub(tf.mul(cx, qy), tf.mul(cy, qx)), 1, true), norm);
    const tx = tf.sub(dx, tf.sub(tf.mul(a, sx), tf.mul(b, sy)));
    const ty = tf.sub(dy, tf.add(tf.mul(b, sx), tf.mul(a, sy)));
    // inverseAsProjective: [ia, −ib, −(ia·tx − ib·ty), ib, ia, −(ib·tx + ia·ty), 0, 0].
    const d = tf.add(tf.square(a), tf.square(b));
    const [ia, ib] = [tf.div(a, d), tf.neg(tf.div(b, d))];
    const zero = tf.zerosLike(a);
    const transforms = tf.concat(
      [ia, tf.neg(ib), tf.neg(tf.sub(tf.mul(ia, tx), tf.mul(ib, ty))), ib, ia, tf.neg(tf.add(tf.mul(ib, tx), tf.mul(ia, ty))), zero, zero],
      1,
    ) as tf.Tensor2D;
    const image = tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D;
    const images = n === 1 ? image : (tf.tile(image, [n, 1, 1, 1]) as tf.Tensor4D);
    return tf.image.transform(images, transforms, 'bilinear', 'constant', 0, [S, S]);
  });
}
