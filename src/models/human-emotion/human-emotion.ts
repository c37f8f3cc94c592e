/**
 * Human's FER2013 emotion net on face crops: the `humanEmotion` per-frame baseline, and the second
 * face model of the temporal models (the paper runs its temporal models over several face
 * backbones). Preprocessing follows Human's src/gear/emotion.ts: bilinear resize to 64×64, RGB in
 * 0–1 → grey (0.2989, 0.587, 0.114), then (grey − 0.5) × 2. The output is already softmaxed;
 * reordered to the paper's labels. The feature is the global average of the last residual block
 * (256 channels), the input of the net's final 3×3 conv + average pool.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, meanOfMirrors, readRows, withMirrors } from '../crop';
import { NUM_EMOTIONS } from '../../core/labels';
import { HUMAN_TO_PAPER, reorderToPaper } from '../labels';
import type { FrameBoxes } from '../model';
import { loadGraphModel, type WeightSource } from '../weight-source';
import {
  GREY_WEIGHTS,
  HUMAN_EMOTION_DEFAULTS,
  HUMAN_EMOTION_FEATURE_DIM,
  HUMAN_EMOTION_FEATURE_NODE,
  HUMAN_EMOTION_OUTPUT_NODE,
  HUMAN_EMOTION_INPUT_SIZE,
  HUMAN_EMOTION_WEIGHTS,
  type HumanEmotionConfig,
} from './constants';

/** Result for one face box. */
export interface HumanEmotion {
  /** 7 probabilities in EMOTION_LABELS order. */
  probs: Float32Array;
  /** 256-d feature: the last residual block, averaged over its 4×4 map. */
  feature: Float32Array;
}

export type HumanEmotionOutput = HumanEmotion[];

/** Human's emotion net behind the emolens model interface. */
export class HumanEmotionModel extends BaseModel<FrameBoxes, HumanEmotionOutput, HumanEmotionConfig> {
  readonly name = 'human-emotion' as const;
  #model: tf.GraphModel | undefined;

  protected async loadWeights(): Promise<void> {
    this.#model = await loadGraphModel(this.source, HUMAN_EMOTION_WEIGHTS);
  }

  protected freeWeights(): void {
    this.#model?.dispose();
    this.#model = undefined;
  }

  /** Probabilities and features for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<HumanEmotionConfig>): Promise<HumanEmotionOutput> {
    this.assertLoaded();
    const { frame, boxes, reads } = input;
    checkFrameBoxes(frame, boxes);
    if (boxes.length === 0) return [];
    const cfg = withDefaults(HUMAN_EMOTION_DEFAULTS, config);
    const model = this.#model!;
    const [probsOut, featureOut] = tf.tidy(() => {
      const faces = cropBoxes(frame, boxes, { size: HUMAN_EMOTION_INPUT_SIZE, padding: cfg.padding, square: true });
      const crops = cfg.mirror ? withMirrors(faces) : faces;
      const grey = tf.sum(tf.mul(crops, tf.tensor1d([...GREY_WEIGHTS])), 3, true);
      const norm = tf.mul(tf.sub(tf.div(grey, 255), 0.5), 2);
      const [probs, block] = model.execute(norm, [HUMAN_EMOTION_OUTPUT_NODE, HUMAN_EMOTION_FEATURE_NODE]) as tf.Tensor4D[];
      const pooled = tf.mean(block!, [1, 2]);
      return cfg.mirror ? [meanOfMirrors(probs!, boxes.length), meanOfMirrors(pooled, boxes.length)] : [probs!, pooled];
    });
    const [probs, features] = await Promise.all([
      readRows(probsOut, boxes.length, NUM_EMOTIONS, reads),
      readRows(featureOut, boxes.length, HUMAN_EMOTION_FEATURE_DIM, reads),
    ]);
    return probs.map((p, i) => ({ probs: reorderToPaper(p, HUMAN_TO_PAPER), feature: features[i]! }));
  }
}

/** Creates (does not load) the human-emotion model reading weights from `source`. */
export function createHumanEmotion(source: WeightSource): HumanEmotionModel {
  return new HumanEmotionModel(source);
}
