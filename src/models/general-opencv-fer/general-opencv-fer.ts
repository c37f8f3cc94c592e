/**
 * OpenCV zoo FER (MobileFaceNet, RAF-DB) on 5-point-aligned faces, read from its int8 ONNX file at
 * load time (src/models/general/). Each face is warped so that its eyes, nose tip and mouth
 * corners land on the 112×112 template (least-squares similarity, bilinear), all faces of a frame
 * in one `cropAndResize` + one `tf.image.transform`; then RGB `(x/255 − 0.5)/0.5` into the net.
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes, readRows, runOnFaces, withMirrors } from '../crop';
import type { DeviceReads } from '../device-reads';
import { alignFacesOnDevice } from './align-on-device';
import { NUM_EMOTIONS } from '../../core/labels';
import { checkLandmarks } from '../../core/face-geometry/landmarks';
import { OPENCV_FER_TO_PAPER, reorderToPaper } from '../labels';
import type { FrameBoxes } from '../model';
import type { WeightSource } from '../weight-source';
import { OnnxNet, type OnnxArithmetic } from '../general/onnx-net';
import { readOnnx } from '../general/onnx-reader';
import { fitSimilarity, fivePoints, inverseAsProjective } from './align';
import {
  GENERAL_OPENCV_FER_DEFAULTS,
  GENERAL_OPENCV_FER_FEATURE,
  GENERAL_OPENCV_FER_FEATURE_SIZE,
  GENERAL_OPENCV_FER_INPUT_SIZE,
  GENERAL_OPENCV_FER_LOGITS,
  GENERAL_OPENCV_FER_TEMPLATE,
  GENERAL_OPENCV_FER_WEIGHTS,
  type GeneralOpencvFerConfig,
} from './constants';

/** The faces of one frame with their 68 landmarks (x0, y0, …, in frame pixels, pixel i spanning [i, i + 1)). */
export interface FrameFacesLandmarks extends FrameBoxes {
  /** One per box, in the same order; `landmarksInFrame` converts face-landmarks' crop-relative output. */
  landmarks: readonly ArrayLike<number>[];
}

/** Result for one face. */
export interface GeneralOpencvFer {
  /** 7 probabilities in EMOTION_LABELS order (softmax of the logits). */
  probs: Float32Array;
  /** The net's 7 logits, in EMOTION_LABELS order. */
  logits: Float32Array;
  /** The 512-d embedding the classifier reads (dequantised). */
  feature: Float32Array;
}

export type GeneralOpencvFerOutput = GeneralOpencvFer[];

const S = GENERAL_OPENCV_FER_INPUT_SIZE;

/** Per face: the frame region holding its aligned face (integer corner, side) and the output → region transform. */
function alignmentPlan(landmarks: readonly ArrayLike<number>[]): { corners: [number, number][]; side: number; transforms: number[][] } {
  const plans = landmarks.map((points) => {
    // Landmarks are continuous coordinates; warps (like OpenCV's) address pixel centres by index.
    const src = fivePoints(points).map(([x, y]): [number, number] => [x - 0.5, y - 0.5]);
    const inv = inverseAsProjective(fitSimilarity(src, GENERAL_OPENCV_FER_TEMPLATE));
    const mapped = [0, S - 1].flatMap((v) => [0, S - 1].map((u) => [inv[0]! * u + inv[1]! * v + inv[2]!, inv[3]! * u + inv[4]! * v + inv[5]!]));
    const x0 = Math.floor(Math.min(...mapped.map((p) => p[0]!))) - 1;
    const y0 = Math.floor(Math.min(...mapped.map((p) => p[1]!))) - 1;
    const side = Math.max(...mapped.map((p) => Math.ceil(Math.max(p[0]! - x0, p[1]! - y0)))) + 2;
    return { x0, y0, side, inv };
  });
  const side = Math.max(...plans.map((p) => p.side));
  return {
    corners: plans.map((p) => [p.x0, p.y0]),
    side,
    transforms: plans.map(({ x0, y0, inv }) => [inv[0]!, inv[1]!, inv[2]! - x0, inv[3]!, inv[4]!, inv[5]! - y0, 0, 0]),
  };
}

/** The OpenCV zoo FER net behind the emolens model interface. */
export class GeneralOpencvFerModel extends BaseModel<FrameFacesLandmarks, GeneralOpencvFerOutput, GeneralOpencvFerConfig> {
  readonly name = 'general-opencv-fer' as const;
  #net: OnnxNet | undefined;

  /** `arithmetic`: 'float' (the app's: a third of the cost, quantisation noise apart) or 'exact' (onnxruntime's integers). */
  constructor(
    source: WeightSource,
    readonly arithmetic: OnnxArithmetic = 'float',
  ) {
    super(source);
  }

  protected async loadWeights(): Promise<void> {
    const net = new OnnxNet(readOnnx(await this.source.readBytes(GENERAL_OPENCV_FER_WEIGHTS)), this.arithmetic);
    if (!net.graph.outputs.includes(GENERAL_OPENCV_FER_LOGITS) || !net.graph.nodes.some((n) => n.outputs.includes(GENERAL_OPENCV_FER_FEATURE))) {
      net.dispose();
      throw new TypeError(`not the OpenCV FER graph (no ${GENERAL_OPENCV_FER_LOGITS} / ${GENERAL_OPENCV_FER_FEATURE})`);
    }
    this.#net = net;
  }

  protected freeWeights(): void {
    this.#net?.dispose();
    this.#net = undefined;
  }

  /**
   * The aligned faces as [N, 112, 112, 3] RGB 0–255 (one cropAndResize of exact pixel copies, then
   * one bilinear transform). The caller disposes the result.
   */
  alignFaces(input: FrameFacesLandmarks): tf.Tensor4D {
    const { frame, boxes, landmarks } = input;
    checkFrameBoxes(frame, boxes);
    if (landmarks.length !== boxes.length) throw new TypeError(`landmarks: expected one set per box (${boxes.length}), got ${landmarks.length}`);
    landmarks.forEach((l, i) => checkLandmarks(l, `landmarks[${i}]`));
    const { corners, side, transforms } = alignmentPlan(landmarks);
    const [h, w] = frame.shape;
    return tf.tidy(() => {
      // Boxes of exactly `side` pixels from an integer corner: cropAndResize then copies pixels
      // without interpolating, so the faces are resampled once, by the transform.
      const coords = corners.flatMap(([x0, y0]) => [y0 / Math.max(1, h - 1), x0 / Math.max(1, w - 1), (y0 + side - 1) / Math.max(1, h - 1), (x0 + side - 1) / Math.max(1, w - 1)]);
      const image = tf.expandDims(tf.cast(frame, 'float32'), 0) as tf.Tensor4D;
      const regions = tf.image.cropAndResize(image, tf.tensor2d(coords, [boxes.length, 4]), tf.zeros([boxes.length], 'int32') as tf.Tensor1D, [side, side], 'bilinear', 0);
      return tf.image.transform(regions, tf.tensor2d(transforms.flat(), [boxes.length, 8]), 'bilinear', 'constant', 0, [S, S]);
    });
  }

  /** Probabilities, logits and features for each face of one frame, as one batch. */
  async run(input: FrameFacesLandmarks, config?: Partial<GeneralOpencvFerConfig>): Promise<GeneralOpencvFerOutput> {
    this.assertLoaded();
    if (input.boxes.length === 0 && input.landmarks.length === 0) {
      checkFrameBoxes(input.frame, input.boxes);
      return [];
    }
    return this.#classifyAligned(this.alignFaces(input), config, input.reads);
  }

  /**
   * The same from landmarks left on the device (face-landmarks' `landmarksTensor`, relative to each
   * box's square crop with `landmarksPadding`): aligned there too (align-on-device.ts), so nothing
   * is downloaded before the outputs. `landmarks` stays the caller's.
   */
  async runOnDeviceLandmarks(input: FrameBoxes & { landmarks: tf.Tensor2D; landmarksPadding: number }, config?: Partial<GeneralOpencvFerConfig>): Promise<GeneralOpencvFerOutput> {
    this.assertLoaded();
    const batch = opencvFerInputOnDevice(input, config); // checks the input, with no faces too
    return this.classify(batch, withDefaults(GENERAL_OPENCV_FER_DEFAULTS, config).mirror, input.reads);
  }

  /** Normalises aligned faces (disposed here) and runs the net on them. */
  #classifyAligned(aligned: tf.Tensor4D, config: Partial<GeneralOpencvFerConfig> | undefined, reads: DeviceReads | undefined): Promise<GeneralOpencvFerOutput> {
    const cfg = withDefaults(GENERAL_OPENCV_FER_DEFAULTS, config);
    return this.#classify(normalizedInput(aligned, cfg.mirror), cfg.mirror, reads);
  }

  /**
   * The net on `batch` (opencvFerInputOnDevice's, disposed here): one row per face, or with
   * `mirrored` the faces then their mirrors, averaged here. Split from the runs so that the faces
   * can be aligned where the frame is and the net run on another thread (src/pipeline/general-nets.ts).
   */
  async classify(batch: tf.Tensor4D, mirrored: boolean, reads?: DeviceReads): Promise<GeneralOpencvFerOutput> {
    this.assertLoaded();
    return this.#classify(batch, mirrored, reads);
  }

  /**
   * The net on already normalised input: [N, 112, 112, 3] RGB in −1…1 (the graph's `data`, NHWC),
   * as a flat Float32Array. For checks against another runtime on identical input.
   */
  async runNormalized(data: Float32Array, count: number): Promise<GeneralOpencvFerOutput> {
    this.assertLoaded();
    if (data.length !== count * S * S * 3) throw new TypeError(`data: expected ${count}×${S}×${S}×3 values, got ${data.length}`);
    return this.#classify(tf.tensor4d(data, [count, S, S, 3]), false);
  }

  /** Runs the net on `batch` (disposed here); with `mirror`, rows i and i + n are averaged. */
  async #classify(batch: tf.Tensor4D, mirror: boolean, reads?: DeviceReads): Promise<GeneralOpencvFerOutput> {
    const net = this.#net!;
    const ran = runOnFaces(batch, mirror, (input) => {
      const [logits, feats] = net.execute(input, [GENERAL_OPENCV_FER_LOGITS, GENERAL_OPENCV_FER_FEATURE]);
      return [logits!, tf.softmax(logits!), feats!];
    });
    if (!ran) return [];
    const { n, outputs: [logitT, probT, featT] } = ran;
    const [logits, probs, features] = await Promise.all([
      readRows(logitT!, n, NUM_EMOTIONS, reads),
      readRows(probT!, n, NUM_EMOTIONS, reads),
      readRows(featT!, n, GENERAL_OPENCV_FER_FEATURE_SIZE, reads),
    ]);
    return probs.map((p, i) => ({
      probs: reorderToPaper(p, OPENCV_FER_TO_PAPER),
      logits: reorderToPaper(logits[i]!, OPENCV_FER_TO_PAPER),
      feature: features[i]!,
    }));
  }
}

/** Aligned faces (disposed here) as the net's input: RGB `(x/255 − 0.5)/0.5`, with `mirror` the faces then their mirrors. */
function normalizedInput(aligned: tf.Tensor4D, mirror: boolean): tf.Tensor4D {
  try {
    return tf.tidy(() => tf.div(tf.sub(tf.div(mirror ? withMirrors(aligned) : aligned, 255), 0.5), 0.5) as tf.Tensor4D);
  } finally {
    aligned.dispose();
  }
}

/**
 * The net's input from landmarks left on the device (see `runOnDeviceLandmarks`): the faces aligned
 * and normalised, needing no weights. `landmarks` stays the caller's; the caller disposes the result.
 */
export function opencvFerInputOnDevice(input: FrameBoxes & { landmarks: tf.Tensor2D; landmarksPadding: number }, config?: Partial<GeneralOpencvFerConfig>): tf.Tensor4D {
  const { frame, boxes, landmarks, landmarksPadding } = input;
  checkFrameBoxes(frame, boxes);
  if (landmarks.shape[0] !== boxes.length) throw new TypeError(`landmarks: expected one row per box (${boxes.length}), got ${landmarks.shape[0]}`);
  if (boxes.length === 0) return tf.zeros([0, S, S, 3]);
  return normalizedInput(alignFacesOnDevice(frame, boxes, landmarks, landmarksPadding), withDefaults(GENERAL_OPENCV_FER_DEFAULTS, config).mirror);
}

/** Creates (does not load) the general-opencv-fer model reading weights from `source`. */
export function createGeneralOpencvFer(source: WeightSource, arithmetic: OnnxArithmetic = 'float'): GeneralOpencvFerModel {
  return new GeneralOpencvFerModel(source, arithmetic);
}
