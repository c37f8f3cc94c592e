/**
 * HSEmotion mobilenet_7 (AffectNet) on a batch of face crops, read from its TFLite file at load
 * time (src/models/general/). One call gives the 7 probabilities and the 256-d `feats` embedding:
 * square crops around each box, resized to `inputSize`, RGB → BGR minus the ImageNet means.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, meanOfMirrors, readRows, withMirrors } from '../crop';
import { NUM_EMOTIONS } from '../../core/labels';
import { HSEMOTION_TO_PAPER, reorderToPaper } from '../labels';
import type { FrameBoxes } from '../model';
import type { WeightSource } from '../weight-source';
import { TfliteNet } from '../general/tflite-net';
import { readTflite, TFLITE_OP } from '../general/tflite-reader';
import {
  GENERAL_HSEMOTION_BGR_MEANS,
  GENERAL_HSEMOTION_DEFAULTS,
  GENERAL_HSEMOTION_FEATURE_SIZE,
  GENERAL_HSEMOTION_INPUT_SIZES,
  GENERAL_HSEMOTION_WEIGHTS,
  type GeneralHsemotionConfig,
} from './constants';

/** Result for one face box. */
export interface GeneralHsemotion {
  /** 7 probabilities in EMOTION_LABELS order, summing to 1. */
  probs: Float32Array;
  /** The 256-d `feats` embedding (first dense layer, after ReLU). */
  feature: Float32Array;
}

export type GeneralHsemotionOutput = GeneralHsemotion[];

/** HSEmotion mobilenet_7 behind the emolens model interface. */
export class GeneralHsemotionModel extends BaseModel<FrameBoxes, GeneralHsemotionOutput, GeneralHsemotionConfig> {
  readonly name = 'general-hsemotion' as const;
  #net: TfliteNet | undefined;
  #featsIndex = -1;
  #probsIndex = -1;

  protected async loadWeights(): Promise<void> {
    const net = new TfliteNet(readTflite(await this.source.readBytes(GENERAL_HSEMOTION_WEIGHTS)));
    const dense = net.outputsOf(TFLITE_OP.FULLY_CONNECTED);
    const softmax = net.outputsOf(TFLITE_OP.SOFTMAX);
    if (dense.length !== 2 || softmax.length !== 1 || net.graph.tensors[dense[0]!]?.shape.at(-1) !== GENERAL_HSEMOTION_FEATURE_SIZE) {
      net.dispose();
      throw new TypeError('not the HSEmotion graph (expected dense 256 → dense 7 → softmax)');
    }
    [this.#net, this.#featsIndex, this.#probsIndex] = [net, dense[0]!, softmax[0]!];
  }

  protected freeWeights(): void {
    this.#net?.dispose();
    this.#net = undefined;
  }

  /** The compiled network, for layer checks (tests). Undefined unless loaded. */
  get net(): TfliteNet | undefined {
    return this.#net;
  }

  /** Probabilities and features for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<GeneralHsemotionConfig>): Promise<GeneralHsemotionOutput> {
    this.assertLoaded();
    const { frame, boxes, reads } = input;
    checkFrameBoxes(frame, boxes);
    const cfg = withDefaults(GENERAL_HSEMOTION_DEFAULTS, config);
    if (!GENERAL_HSEMOTION_INPUT_SIZES.includes(cfg.inputSize)) {
      throw new TypeError(`inputSize: expected one of ${GENERAL_HSEMOTION_INPUT_SIZES.join(', ')}, got ${cfg.inputSize}`);
    }
    if (boxes.length === 0) return [];
    const net = this.#net!;
    const [featT, probT] = tf.tidy(() => {
      const faces = cropBoxes(frame, boxes, { size: cfg.inputSize, padding: cfg.padding, square: true });
      const crops = cfg.mirror ? withMirrors(faces) : faces;
      const bgr = tf.sub(tf.reverse(crops, 3), tf.tensor1d([...GENERAL_HSEMOTION_BGR_MEANS]));
      const [feats, probs] = net.execute(bgr as tf.Tensor4D, [this.#featsIndex, this.#probsIndex]);
      return cfg.mirror ? [meanOfMirrors(feats!, boxes.length), meanOfMirrors(probs!, boxes.length)] : [feats!, probs!];
    });
    const [features, probs] = await Promise.all([
      readRows(featT, boxes.length, GENERAL_HSEMOTION_FEATURE_SIZE, reads),
      readRows(probT, boxes.length, NUM_EMOTIONS, reads),
    ]);
    return probs.map((p, i) => ({ probs: reorderToPaper(p, HSEMOTION_TO_PAPER), feature: features[i]! }));
  }
}

/** Creates (does not load) the general-hsemotion model reading weights from `source`. */
export function createGeneralHsemotion(source: WeightSource): GeneralHsemotionModel {
  return new GeneralHsemotionModel(source);
}
