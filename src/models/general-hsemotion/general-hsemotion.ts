/**
 * HSEmotion mobilenet_7 (AffectNet) on a batch of face crops, read from its TFLite file at load
 * time (src/models/general/). One call gives the 7 probabilities and the 256-d `feats` embedding:
 * square crops around each box, resized to `inputSize`, RGB → BGR minus the ImageNet means.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, readRows, runOnFaces, withMirrors } from '../crop';
import { NUM_EMOTIONS } from '../../core/labels';
import { HSEMOTION_TO_PAPER, reorderToPaper } from '../labels';
import type { Box, Frame, FrameBoxes } from '../model';
import type { DeviceReads } from '../device-reads';
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
    const cfg = withDefaults(GENERAL_HSEMOTION_DEFAULTS, config);
    return this.classify(hsemotionInput(input.frame, input.boxes, cfg), cfg.mirror, input.reads);
  }

  /**
   * The net on `batch` (hsemotionInput's, disposed here): one row per face, or with `mirrored` the
   * faces then their mirrors, averaged here. Split from `run` so that the crops can be made where
   * the frame is and the net run on another thread (src/pipeline/general-nets.ts).
   */
  async classify(batch: tf.Tensor4D, mirrored: boolean, reads?: DeviceReads): Promise<GeneralHsemotionOutput> {
    this.assertLoaded();
    const net = this.#net!;
    const ran = runOnFaces(batch, mirrored, (input) => net.execute(input, [this.#featsIndex, this.#probsIndex]));
    if (!ran) return [];
    const { n, outputs: [featT, probT] } = ran;
    const [features, probs] = await Promise.all([readRows(featT!, n, GENERAL_HSEMOTION_FEATURE_SIZE, reads), readRows(probT!, n, NUM_EMOTIONS, reads)]);
    return probs.map((p, i) => ({ probs: reorderToPaper(p, HSEMOTION_TO_PAPER), feature: features[i]! }));
  }
}

/**
 * The net's input for each box: square crops resized to `inputSize`, RGB → BGR minus the ImageNet
 * means; with `mirror`, the crops then their mirror images. Needs no weights. The caller disposes it.
 */
export function hsemotionInput(frame: Frame, boxes: readonly Box[], config?: Partial<GeneralHsemotionConfig>): tf.Tensor4D {
  checkFrameBoxes(frame, boxes);
  const cfg = withDefaults(GENERAL_HSEMOTION_DEFAULTS, config);
  if (!GENERAL_HSEMOTION_INPUT_SIZES.includes(cfg.inputSize)) {
    throw new TypeError(`inputSize: expected one of ${GENERAL_HSEMOTION_INPUT_SIZES.join(', ')}, got ${cfg.inputSize}`);
  }
  if (boxes.length === 0) return tf.zeros([0, cfg.inputSize, cfg.inputSize, 3]);
  return tf.tidy(() => {
    const faces = cropBoxes(frame, boxes, { size: cfg.inputSize, padding: cfg.padding, square: true });
    const crops = cfg.mirror ? withMirrors(faces) : faces;
    return tf.sub(tf.reverse(crops, 3), tf.tensor1d([...GENERAL_HSEMOTION_BGR_MEANS])) as tf.Tensor4D;
  });
}

/** Creates (does not load) the general-hsemotion model reading weights from `source`. */
export function createGeneralHsemotion(source: WeightSource): GeneralHsemotionModel {
  return new GeneralHsemotionModel(source);
}
