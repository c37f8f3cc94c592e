/** Cropping boxes out of a frame as one batch, the way every face network here is fed. */
import * as tf from '@tensorflow/tfjs';
import type { Box, Frame } from './model';
import { READ_NOW, type DeviceReads } from './device-reads';

/** How a box is turned into a crop. */
export interface CropConfig {
  /** Output side in pixels (crops are square). */
  size: number;
  /**
   * Extra margin as a fraction of the box side, added on every side (0 = the box itself).
   * Parts that fall outside the frame are filled with black (0).
   */
  padding: number;
  /** Expand the box to a square around its centre (side = max(w, h)) before padding. */
  square: boolean;
}

/** The box actually cropped for `box` under `config`, in frame pixels. */
export function cropRegion(box: Box, config: Pick<CropConfig, 'padding' | 'square'>): Box {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  let w = box.w;
  let h = box.h;
  if (config.square) w = h = Math.max(w, h);
  w *= 1 + 2 * config.padding;
  h *= 1 + 2 * config.padding;
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/**
 * Crops every box from `frame` and resizes to `size`×`size` (bilinear) in one
 * `tf.image.cropAndResize` call. Returns a float32 [N, size, size, 3] tensor in 0–255 that the
 * caller disposes. `frame` is not disposed.
 */
export function cropBoxes(frame: Frame, boxes: readonly Box[], config: CropConfig): tf.Tensor4D {
  const [height, width] = frame.shape;
  return tf.tidy(() => {
    const coords = new Float32Array(boxes.length * 4);
    boxes.forEach((b, i) => {
      const r = cropRegion(b, config);
      // cropAndResize samples pixel index y1n * (H - 1) + j * (y2n - y1n) * (H - 1) / (S - 1).
      // Sample j of a crop covering [y, y + h) should sit at pixel index y + (j + 0.5) * h / S - 0.5
      // (pixel i has its centre at i + 0.5), which fixes the first and last sample.
      const s = config.size;
      const hy = r.h / (2 * s);
      const hx = r.w / (2 * s);
      coords[i * 4] = (r.y + hy - 0.5) / Math.max(1, height - 1);
      coords[i * 4 + 1] = (r.x + hx - 0.5) / Math.max(1, width - 1);
      coords[i * 4 + 2] = (r.y + r.h - hy - 0.5) / Math.max(1, height - 1);
      coords[i * 4 + 3] = (r.x + r.w - hx - 0.5) / Math.max(1, width - 1);
    });
    const image = tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D;
    const boxT = tf.tensor2d(coords, [boxes.length, 4]);
    const indT = tf.zeros([boxes.length], 'int32') as tf.Tensor1D;
    return tf.image.cropAndResize(image, boxT, indT, [config.size, config.size], 'bilinear', 0);
  });
}

/** Throws a TypeError naming the field if the run input is not a frame plus finite boxes. */
export function checkFrameBoxes(frame: Frame, boxes: readonly Box[]): void {
  if (frame.rank !== 3 || frame.shape[2] !== 3) {
    throw new TypeError(`frame: expected an H×W×3 tensor, got shape [${frame.shape.join(', ')}]`);
  }
  boxes.forEach((b, i) => {
    if (![b.x, b.y, b.w, b.h].every(Number.isFinite) || b.w <= 0 || b.h <= 0) {
      throw new TypeError(`boxes[${i}]: expected finite x, y and positive w, h`);
    }
  });
}

/** Reads a batched [N, …] tensor through `reads` (which disposes it) and returns N rows of `dim` values. */
export async function readRows(batch: tf.Tensor, rows: number, dim: number, reads: DeviceReads = READ_NOW): Promise<Float32Array[]> {
  const data = await reads.read(batch);
  return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
}

/**
 * The crops followed by their mirror images: [2N, S, S, C]. Expression nets are not exactly
 * symmetric, and a face's left/right half carry the same emotion, so averaging a crop with its
 * mirror removes head-turn and lighting-side noise from the features (+ a few points for the heads).
 */
export function withMirrors(crops: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.concat([crops, tf.reverse(crops, 2)], 0));
}

/** Each image of `batch` (disposed here) flipped left to right. */
export function mirrorImages(batch: tf.Tensor4D): tf.Tensor4D {
  const flipped = tf.reverse(batch, 2);
  batch.dispose();
  return flipped;
}

/**
 * Runs `net` on `batch` (disposed here): the outputs per face, each face's rows averaged with its
 * mirror's when `mirrored` (the faces, then their mirrors); null for an empty batch.
 */
export function runOnFaces(batch: tf.Tensor4D, mirrored: boolean, net: (batch: tf.Tensor4D) => tf.Tensor[]): { n: number; outputs: tf.Tensor[] } | null {
  const n = mirrored ? batch.shape[0] / 2 : batch.shape[0];
  try {
    if (n === 0) return null;
    return { n, outputs: tf.tidy(() => net(batch).map((t) => (mirrored ? meanOfMirrors(t, n) : t))) };
  } finally {
    batch.dispose();
  }
}

/** The mean of rows i and i + n of a [2n, …] batch made by `withMirrors`: [n, …]. */
export function meanOfMirrors<T extends tf.Tensor>(batch: T, n: number): T {
  return tf.tidy(() => {
    const [a, b] = tf.split(batch, [n, n], 0);
    return tf.div(tf.add(a!, b!), 2) as T;
  });
}
