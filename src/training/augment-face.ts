/**
 * Face-crop augmentation for training (§6.5, reduced): flip, rotate and scale the main track's face
 * crops and re-run both face emotion networks on them, keeping the tracked boxes (no re-detection).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/random';
import type { Box, Frame } from '../models/model';
import type { FaceEmotion, FaceEmotionModel } from '../models/face-emotion/face-emotion';
import type { HumanEmotion, HumanEmotionModel } from '../models/human-emotion/human-emotion';

/** One augmentation: horizontal flip, rotation about the face centre, zoom (>1 = closer). */
export interface FaceAugmentation {
  flip: boolean;
  angleDeg: number;
  scale: number;
}

/** Paper ranges: rotation ±15°, scale ±20%, flip with probability ½. */
export function randomAugmentation(rng: Rng, maxAngleDeg = 15, maxScale = 0.2): FaceAugmentation {
  return {
    flip: rng.next() < 0.5,
    angleDeg: (rng.next() * 2 - 1) * maxAngleDeg,
    scale: 1 + (rng.next() * 2 - 1) * maxScale,
  };
}

/** What the augmented crops gave: face-api's expression net and Human's FER2013 net. */
export interface AugmentedFace {
  faceApi: FaceEmotion;
  fer: HumanEmotion;
}

/** Both face models' outputs for `box` in `frame` after applying `aug` (frame not disposed). */
export async function augmentedFaceEmotion(
  models: { faceEmotion: FaceEmotionModel; humanEmotion: HumanEmotionModel },
  frame: Frame,
  box: Box,
  aug: FaceAugmentation,
): Promise<AugmentedFace> {
  const [height, width] = frame.shape;
  const cx = aug.flip ? width - (box.x + box.w / 2) : box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const w = box.w / aug.scale;
  const h = box.h / aug.scale;
  const moved: Box = { x: cx - w / 2, y: cy - h / 2, w, h };
  const image = tf.tidy(() => {
    let x = tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D;
    if (aug.flip) x = tf.image.flipLeftRight(x);
    if (aug.angleDeg !== 0) x = tf.image.rotateWithOffset(x, (aug.angleDeg * Math.PI) / 180, 0, [cx / width, cy / height]);
    return tf.squeeze(x, [0]) as tf.Tensor3D;
  });
  try {
    const [[faceApi], [fer]] = await Promise.all([
      models.faceEmotion.run({ frame: image, boxes: [moved] }),
      models.humanEmotion.run({ frame: image, boxes: [moved] }),
    ]);
    return { faceApi: faceApi!, fer: fer! };
  } finally {
    image.dispose();
  }
}
