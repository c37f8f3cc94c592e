/**
 * A second opinion on each Tiny Face detection: Human's BlazeFace (front) — another architecture,
 * trained on other data — looks at the detection's crop and gives the highest face score among its
 * 896 anchors. Tiny Face's false faces (test patterns, fractals) get low scores from BlazeFace and
 * real faces high ones (docs/honest-answers.md), so a detection becomes a face only when both agree.
 * Only the score is read: no anchor decoding, no NMS, one small graph call per face.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes } from '../crop';
import { READ_NOW } from '../device-reads';
import type { FrameBoxes } from '../model';
import { loadGraphModel, type WeightSource } from '../weight-source';
import { FACE_VERIFIER_DEFAULTS, FACE_VERIFIER_INPUT_SIZE, FACE_VERIFIER_SCORE_NODES, FACE_VERIFIER_WEIGHTS, type FaceVerifierConfig } from './constants';

/** BlazeFace's best face score (0–1) in each box's crop, in input order. */
export type FaceVerifierOutput = number[];

/** BlazeFace behind the emolens model interface, as a verifier of given boxes. */
export class FaceVerifier extends BaseModel<FrameBoxes, FaceVerifierOutput, FaceVerifierConfig> {
  readonly name = 'face-verifier' as const;
  #model: tf.GraphModel | undefined;

  protected async loadWeights(): Promise<void> {
    this.#model = await loadGraphModel(this.source, FACE_VERIFIER_WEIGHTS);
  }

  protected freeWeights(): void {
    this.#model?.dispose();
    this.#model = undefined;
  }

  /** One score per box. The graph takes one image at a time, so the crops run one after another. */
  async run(input: FrameBoxes, config?: Partial<FaceVerifierConfig>): Promise<FaceVerifierOutput> {
    this.assertLoaded();
    const { frame, boxes, reads = READ_NOW } = input;
    checkFrameBoxes(frame, boxes);
    if (boxes.length === 0) return [];
    const cfg = withDefaults(FACE_VERIFIER_DEFAULTS, config);
    const model = this.#model!;
    const scores = tf.tidy(() => {
      const crops = cropBoxes(frame, boxes, { size: FACE_VERIFIER_INPUT_SIZE, padding: cfg.padding, square: true });
      const norm = tf.sub(tf.div(crops, 127.5), 1);
      const best = tf.unstack(norm).map((crop) => {
        const logits = model.execute(tf.expandDims(crop, 0), [...FACE_VERIFIER_SCORE_NODES]) as tf.Tensor[];
        return tf.max(tf.concat(logits.map((l) => tf.reshape(l, [-1]))));
      });
      return tf.sigmoid(tf.stack(best));
    });
    return Array.from(await reads.read(scores));
  }
}

/** Creates (does not load) the face verifier reading weights from `source`. */
export function createFaceVerifier(source: WeightSource): FaceVerifier {
  return new FaceVerifier(source);
}
