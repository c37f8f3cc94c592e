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

/** Each box's descriptor, and the same averaged with its mirror image's (what grouping reads). */
export interface MirroredEmbeddingOutput {
  embeddings: FaceEmbeddingOutput;
  mirrorAveraged: FaceEmbeddingOutput;
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
    const out = tf.tidy(() => this.forward(this.crops(input, config)));
    return readRows(out, boxes.length, FACE_EMBEDDING_SIZE, reads);
  }

  /**
   * Each box's descriptor and its average with the descriptor of the crop flipped left–right (one
   * batch of twice the crops). The net is not exactly symmetric: the mirror average of one person's
   * faces varies less with head turn and lighting side, which keeps a person's clips together on
   * compressed footage (docs/calibration.md). Folder clips only: it doubles this net's cost.
   */
  async runWithMirror(input: FrameBoxes, config?: Partial<FaceEmbeddingConfig>): Promise<MirroredEmbeddingOutput> {
    const { boxes, reads } = input;
    if (!this.checked(input)) return { embeddings: [], mirrorAveraged: [] };
    const n = boxes.length;
    const out = tf.tidy(() => {
      const both = this.forward(withMirrors(this.crops(input, config)));
      return tf.concat([tf.slice(both, 0, n), meanOfMirrors(both, n)], 0);
    });
    const rows = await readRows(out, 2 * n, FACE_EMBEDDING_SIZE, reads);
    return { embeddings: rows.slice(0, n), mirrorAveraged: rows.slice(n) };
  }

  /** False for a frame without boxes; throws on a malformed input or an unloaded model. */
  private checked({ frame, boxes }: FrameBoxes): boolean {
    this.assertLoaded();
    checkFrameBoxes(frame, boxes);
    return boxes.length > 0;
  }

  /** The boxes' square crops at the net's input size (inside a tidy). */
  private crops({ frame, boxes }: FrameBoxes, config?: Partial<FaceEmbeddingConfig>): tf.Tensor4D {
    const cfg = withDefaults(FACE_EMBEDDING_DEFAULTS, config);
    return cropBoxes(frame, boxes, { size: FACE_EMBEDDING_INPUT_SIZE, padding: cfg.padding, square: true });
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
