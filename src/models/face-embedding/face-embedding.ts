/**
 * Face embedding: face-api's FaceRecognitionNet (dlib ResNet-34 port) → a 128-d descriptor per
 * face box, all boxes of a frame in one call. Descriptors of the same person are close in
 * Euclidean distance (face-api's usual match threshold: 0.6, for aligned crops).
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, meanOfMirrors, readRows, withMirrors } from '../crop';
import type { FaceApiFaceRecognitionNet, FaceApiModule } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import type { Frame, FrameBoxes } from '../model';
import type { Box } from '../../core/geometry';
import type { DeviceReads } from '../device-reads';
import type { WeightSource } from '../weight-source';
import {
  FACE_EMBEDDING_DEFAULTS,
  FACE_EMBEDDING_INPUT_SIZE,
  FACE_EMBEDDING_SIZE,
  FACE_EMBEDDING_WEIGHTS,
  type FaceEmbeddingConfig,
} from './constants';

/** One 128-d descriptor per input box. */
export type FaceEmbeddingOutput = Float32Array[];

/**
 * The net's input for `boxes` of `frame`: square crops at its input size, float32 0–255, that the
 * caller disposes (made where the frame is; the net may run on another thread).
 */
export function faceEmbeddingCrops(frame: Frame, boxes: readonly Box[], config?: Partial<FaceEmbeddingConfig>): tf.Tensor4D {
  const cfg = withDefaults(FACE_EMBEDDING_DEFAULTS, config);
  return cropBoxes(frame, boxes, { size: FACE_EMBEDDING_INPUT_SIZE, padding: cfg.padding, square: true });
}

/** FaceRecognitionNet behind the emolens model interface. */
export class FaceEmbeddingModel extends FaceApiModel<FaceApiFaceRecognitionNet, FrameBoxes, FaceEmbeddingOutput, FaceEmbeddingConfig> {
  readonly name = 'face-embedding' as const;
  protected readonly weightsPath = FACE_EMBEDDING_WEIGHTS;
  protected createNet(api: FaceApiModule): FaceApiFaceRecognitionNet {
    return new api.FaceRecognitionNet();
  }

  /** Descriptors for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<FaceEmbeddingConfig>): Promise<FaceEmbeddingOutput> {
    const { boxes, reads } = input;
    if (!this.checked(input)) return [];
    const out = tf.tidy(() => this.forward(faceEmbeddingCrops(input.frame, boxes, config)));
    return readRows(out, boxes.length, FACE_EMBEDDING_SIZE, reads);
  }

  /**
   * The descriptors of `crops` (made by `faceEmbeddingCrops`; disposed here), each averaged with
   * the descriptor of its crop flipped left–right (one batch of twice the crops). The net is not
   * exactly symmetric: the mirror average of one person's faces varies less with head turn and
   * lighting side, which keeps a person's clips together on compressed footage
   * (docs/calibration.md). Folder clips only, where it runs beside the general networks
   * (src/pipeline/general-nets.ts): twice the plain descriptor's cost.
   */
  async mirrorAveraged(crops: tf.Tensor4D, reads?: DeviceReads): Promise<FaceEmbeddingOutput> {
    const n = crops.shape[0];
    let out: tf.Tensor2D;
    try {
      this.assertLoaded();
      if (n === 0) return [];
      out = tf.tidy(() => meanOfMirrors(this.forward(withMirrors(crops)), n));
    } finally {
      crops.dispose();
    }
    return readRows(out, n, FACE_EMBEDDING_SIZE, reads);
  }

  /** False for a frame without boxes; throws on a malformed input or an unloaded model. */
  private checked({ frame, boxes }: FrameBoxes): boolean {
    this.assertLoaded();
    checkFrameBoxes(frame, boxes);
    return boxes.length > 0;
  }

  /** The net's [N, 128] descriptors for a batch of crops (inside a tidy). */
  private forward(crops: tf.Tensor4D): tf.Tensor2D {
    return this.net!.forwardInput(new this.api!.NetInput(tf.unstack(crops) as tf.Tensor3D[], true));
  }
}

/** Creates (does not load) the face-embedding model reading weights from `source`. */
export function createFaceEmbedding(source: WeightSource): FaceEmbeddingModel {
  return new FaceEmbeddingModel(source);
}
