/**
 * Face embedding: face-api's FaceRecognitionNet (dlib ResNet-34 port) → a 128-d descriptor per
 * face box, all boxes of a frame in one call. Descriptors of the same person are close in
 * Euclidean distance (face-api's usual match threshold: 0.6, for aligned crops).
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, readRows } from '../crop';
import type { FaceApiFaceRecognitionNet, FaceApiModule } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import type { FrameBoxes } from '../model';
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

/** FaceRecognitionNet behind the emolens model interface. */
export class FaceEmbeddingModel extends FaceApiModel<FaceApiFaceRecognitionNet, FrameBoxes, FaceEmbeddingOutput, FaceEmbeddingConfig> {
  readonly name = 'face-embedding' as const;
  protected readonly weightsPath = FACE_EMBEDDING_WEIGHTS;
  protected createNet(api: FaceApiModule): FaceApiFaceRecognitionNet {
    return new api.FaceRecognitionNet();
  }

  /** Descriptors for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<FaceEmbeddingConfig>): Promise<FaceEmbeddingOutput> {
    this.assertLoaded();
    const { frame, boxes, reads } = input;
    checkFrameBoxes(frame, boxes);
    if (boxes.length === 0) return [];
    const cfg = withDefaults(FACE_EMBEDDING_DEFAULTS, config);
    const net = this.net!;
    const api = this.api!;
    const out = tf.tidy(() => {
      const crops = cropBoxes(frame, boxes, { size: FACE_EMBEDDING_INPUT_SIZE, padding: cfg.padding, square: true });
      return net.forwardInput(new api.NetInput(tf.unstack(crops) as tf.Tensor3D[], true));
    });
    return readRows(out, boxes.length, FACE_EMBEDDING_SIZE, reads);
  }
}


/** Creates (does not load) the face-embedding model reading weights from `source`. */
export function createFaceEmbedding(source: WeightSource): FaceEmbeddingModel {
  return new FaceEmbeddingModel(source);
}
