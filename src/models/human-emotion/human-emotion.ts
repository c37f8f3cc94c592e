/**
 * Baseline: Human's FER2013 emotion net on face crops. Preprocessing follows Human's
 * src/gear/emotion.ts: bilinear resize to 64×64, RGB in 0–1 → grey (0.2989, 0.587, 0.114),
 * then (grey − 0.5) × 2. Output is already softmaxed; reordered to the paper's labels.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, readRows } from '../crop';
import { NUM_EMOTIONS } from '../../core/labels';
import { HUMAN_TO_PAPER, reorderToPaper } from '../labels';
import type { FrameBoxes } from '../model';
import { loadGraphModel, type WeightSource } from '../weight-source';
import {
  GREY_WEIGHTS,
  HUMAN_EMOTION_DEFAULTS,
  HUMAN_EMOTION_INPUT_SIZE,
  HUMAN_EMOTION_WEIGHTS,
  type HumanEmotionConfig,
} from './constants';

/** Result for one face box. */
export interface HumanEmotion {
  /** 7 probabilities in EMOTION_LABELS order. */
  probs: Float32Array;
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

  /** Probabilities for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<HumanEmotionConfig>): Promise<HumanEmotionOutput> {
    this.assertLoaded();
    const { frame, boxes } = input;
    checkFrameBoxes(frame, boxes);
    if (boxes.length === 0) return [];
    const cfg = withDefaults(HUMAN_EMOTION_DEFAULTS, config);
    const model = this.#model!;
    const out = tf.tidy(() => {
      const crops = cropBoxes(frame, boxes, { size: HUMAN_EMOTION_INPUT_SIZE, padding: cfg.padding, square: true });
      const grey = tf.sum(tf.mul(crops, tf.tensor1d([...GREY_WEIGHTS])), 3, true);
      const norm = tf.mul(tf.sub(tf.div(grey, 255), 0.5), 2);
      return model.execute(norm) as tf.Tensor;
    });
    const probs = await readRows(out, boxes.length, NUM_EMOTIONS);
    return probs.map((p) => ({ probs: reorderToPaper(p, HUMAN_TO_PAPER) }));
  }
}

/** Creates (does not load) the human-emotion model reading weights from `source`. */
export function createHumanEmotion(source: WeightSource): HumanEmotionModel {
  return new HumanEmotionModel(source);
}
