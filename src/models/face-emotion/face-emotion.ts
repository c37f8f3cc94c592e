/**
 * Face emotion: face-api's FaceExpressionNet on a batch of face crops. One network call gives both
 * the 7 class probabilities (in the paper's label order) and the 256-d penultimate feature: the
 * feature extractor's pooled output ([N,1,1,256]) is fed to the net's final dense layer + softmax,
 * exactly what face-api does inside `FaceExpressionNet.forwardInput`.
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, meanOfMirrors, readRows, withMirrors } from '../crop';
import type { FaceApiFaceExpressionNet, FaceApiModule } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import { NUM_EMOTIONS } from '../../core/labels';
import { FACE_API_TO_PAPER, reorderToPaper } from '../labels';
import type { FrameBoxes } from '../model';
import type { WeightSource } from '../weight-source';
import {
  FACE_EMOTION_DEFAULTS,
  FACE_EMOTION_FEATURE_SIZE,
  FACE_EMOTION_INPUT_SIZE,
  FACE_EMOTION_WEIGHTS,
  type FaceEmotionConfig,
} from './constants';

/** Result for one face box. */
export interface FaceEmotion {
  /** 7 probabilities in EMOTION_LABELS order (anger … surprise), summing to 1. */
  probs: Float32Array;
  /** 256-d penultimate activation of FaceExpressionNet. */
  feature: Float32Array;
}

export type FaceEmotionOutput = FaceEmotion[];

/** FaceExpressionNet behind the emolens model interface. */
export class FaceEmotionModel extends FaceApiModel<FaceApiFaceExpressionNet, FrameBoxes, FaceEmotionOutput, FaceEmotionConfig> {
  readonly name = 'face-emotion' as const;
  protected readonly weightsPath = FACE_EMOTION_WEIGHTS;
  protected createNet(api: FaceApiModule): FaceApiFaceExpressionNet {
    return new api.FaceExpressionNet();
  }

  /** Probabilities and features for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<FaceEmotionConfig>): Promise<FaceEmotionOutput> {
    this.assertLoaded();
    const { frame, boxes, reads } = input;
    checkFrameBoxes(frame, boxes);
    if (boxes.length === 0) return [];
    const cfg = withDefaults(FACE_EMOTION_DEFAULTS, config);
    const net = this.net!;
    const api = this.api!;
    const fc = net.params!.fc;
    const [featT, probT] = tf.tidy(() => {
      const crops = cropBoxes(frame, boxes, { size: FACE_EMOTION_INPUT_SIZE, padding: cfg.padding, square: true });
      const batch = cfg.mirror ? withMirrors(crops) : crops;
      const netInput = new api.NetInput(tf.unstack(batch) as tf.Tensor3D[], true);
      const pooled = net.faceFeatureExtractor.forwardInput(netInput);
      const all = tf.reshape(pooled, [batch.shape[0], FACE_EMOTION_FEATURE_SIZE]) as tf.Tensor2D;
      const feats = cfg.mirror ? meanOfMirrors(all, boxes.length) : all;
      const probs = tf.softmax(tf.add(tf.matMul(feats, fc.weights), fc.bias));
      return [feats, probs];
    });
    const [features, probs] = await Promise.all([
      readRows(featT, boxes.length, FACE_EMOTION_FEATURE_SIZE, reads),
      readRows(probT, boxes.length, NUM_EMOTIONS, reads),
    ]);
    return boxes.map((_, i) => ({ probs: reorderToPaper(probs[i]!, FACE_API_TO_PAPER), feature: features[i]! }));
  }

  /**
   * Applies the net's final dense layer + softmax to 256-d features, returning probabilities in
   * the paper's order. For checks and for heads that perturb features.
   */
  async classifyFeatures(features: readonly Float32Array[]): Promise<Float32Array[]> {
    this.assertLoaded();
    if (features.length === 0) return [];
    const fc = this.net!.params!.fc;
    const flat = new Float32Array(features.length * FACE_EMOTION_FEATURE_SIZE);
    features.forEach((f, i) => {
      if (f.length !== FACE_EMOTION_FEATURE_SIZE) throw new TypeError(`features[${i}]: expected 256 values`);
      flat.set(f, i * FACE_EMOTION_FEATURE_SIZE);
    });
    const probT = tf.tidy(() =>
      tf.softmax(tf.add(tf.matMul(tf.tensor2d(flat, [features.length, FACE_EMOTION_FEATURE_SIZE]), fc.weights), fc.bias)),
    );
    const probs = await readRows(probT, features.length, NUM_EMOTIONS);
    return probs.map((p) => reorderToPaper(p, FACE_API_TO_PAPER));
  }
}

/** Creates (does not load) the face-emotion model reading weights from `source`. */
export function createFaceEmotion(source: WeightSource): FaceEmotionModel {
  return new FaceEmotionModel(source);
}
