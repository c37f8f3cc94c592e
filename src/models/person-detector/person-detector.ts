/**
 * Person detector + context features from one CenterNet call (Human's centernet.json, COCO).
 *
 * The paper detects person candidates (SSD, §3.3.2) and feeds the person region (or the whole
 * scene when no person matches a face) to a context branch. Here one network call per frame gives
 * both: person boxes from `tower_0/detections`, and 480-d context features by area-weighted
 * average pooling of the backbone activation `tower_0/extern1/hard_swish/mul_1` ([1,16,16,480])
 * over each person box, over the whole frame, and over any extra regions the caller asks for.
 * The frame is padded to a square before resizing (without it, people are missed or misclassed).
 */
import * as tf from '@tensorflow/tfjs';
import { BaseModel, withDefaults } from '../base-model';
import { checkFrameBoxes } from '../crop';
import { READ_NOW, type DeviceReads } from '../device-reads';
import type { Box, Frame } from '../model';
import { loadGraphModel, type WeightSource } from '../weight-source';
import {
  CENTERNET_BACKBONE,
  CENTERNET_DETECTIONS,
  CENTERNET_GRID,
  CENTERNET_INPUT_SIZE,
  CONTEXT_FEATURE_SIZE,
  PERSON_CLASS,
  PERSON_DETECTOR_DEFAULTS,
  PERSON_DETECTOR_WEIGHTS,
  type PersonDetectorConfig,
} from './constants';
import { nonMaxSuppression, poolRegion } from './pooling';

/** Input: a frame, plus optional extra regions (frame pixels) to pool context features over. */
export interface PersonDetectorInput {
  frame: Frame;
  regions?: readonly Box[];
  /** Where the outputs are read: at once by default, or with the rest of a frame (`ReadBatch`). */
  reads?: DeviceReads;
  /**
   * The picture inside black bars (frame pixels: src/core/framing/picture-bars.ts): only it is read,
   * so that bars do not shrink the people in the network's square input; boxes stay in frame pixels.
   */
  picture?: Box | null;
}

/** One detected person. */
export interface PersonDetection {
  /** In frame pixels, clipped to the frame. */
  box: Box;
  score: number;
  /** 480-d backbone feature averaged over `box`. */
  context: Float32Array;
}

export interface PersonDetectorOutput {
  /** Persons, best score first. */
  persons: PersonDetection[];
  /** 480-d backbone feature averaged over the whole frame, or the picture inside its bars (padding excluded). */
  frameContext: Float32Array;
  /** One 480-d feature per `input.regions` entry, same order. */
  regionContexts: Float32Array[];
}

/** CenterNet behind the emolens model interface. */
export class PersonDetector extends BaseModel<PersonDetectorInput | Frame, PersonDetectorOutput, PersonDetectorConfig> {
  readonly name = 'person-detector' as const;
  #model: tf.GraphModel | undefined;

  protected async loadWeights(): Promise<void> {
    this.#model = await loadGraphModel(this.source, PERSON_DETECTOR_WEIGHTS);
  }

  protected freeWeights(): void {
    this.#model?.dispose();
    this.#model = undefined;
  }

  /** Persons and context features of one frame (a bare frame means no extra regions). */
  async run(input: PersonDetectorInput | Frame, config?: Partial<PersonDetectorConfig>): Promise<PersonDetectorOutput> {
    this.assertLoaded();
    const { frame, regions = [], reads = READ_NOW, picture } = input instanceof tf.Tensor ? { frame: input } : input;
    checkFrameBoxes(frame, regions);
    const cfg = withDefaults(PERSON_DETECTOR_DEFAULTS, config);
    const model = this.#model!;
    const inside = pictureOf(picture, frame);
    const [height, width] = inside ? [inside.h, inside.w] : frame.shape;
    const side = Math.max(height, width);
    const outputs = tf.tidy(() => {
      const read = inside ? tf.slice(frame, [inside.y, inside.x, 0], [inside.h, inside.w, frame.shape[2]]) : frame;
      const padded = tf.pad(tf.cast(read, 'float32'), [
        [0, side - height],
        [0, side - width],
        [0, 0],
      ]);
      const resized = tf.image.resizeBilinear(tf.expandDims(padded, 0) as tf.Tensor4D, [
        CENTERNET_INPUT_SIZE,
        CENTERNET_INPUT_SIZE,
      ]);
      return model.execute(resized, [CENTERNET_DETECTIONS, CENTERNET_BACKBONE]) as tf.Tensor[];
    });
    const [dets, map] = (await Promise.all(outputs.map((t) => reads.read(t)))) as [Float32Array, Float32Array];
    // Detections: rows of x1, y1, x2, y2, score, class in input pixels → frame pixels.
    const scale = side / CENTERNET_INPUT_SIZE;
    const candidates: { box: Box; score: number }[] = [];
    for (let i = 0; i + 6 <= dets.length; i += 6) {
      const score = dets[i + 4]!;
      if (Math.round(dets[i + 5]!) !== PERSON_CLASS || !(score >= cfg.scoreThreshold)) continue;
      const x1 = Math.max(0, dets[i]! * scale);
      const y1 = Math.max(0, dets[i + 1]! * scale);
      const x2 = Math.min(width, dets[i + 2]! * scale);
      const y2 = Math.min(height, dets[i + 3]! * scale);
      if (x2 <= x1 || y2 <= y1) continue;
      candidates.push({ box: { x: x1, y: y1, w: x2 - x1, h: y2 - y1 }, score });
    }
    const kept = nonMaxSuppression(candidates, cfg.iouThreshold, cfg.maxPersons);
    // Boxes found in the picture are moved back to frame pixels; regions asked in frame pixels are pooled in the picture's.
    const [dx, dy] = inside ? [inside.x, inside.y] : [0, 0];
    const pool = (b: Box) => poolRegion(map, CENTERNET_GRID, CONTEXT_FEATURE_SIZE, side, { ...b, x: b.x - dx, y: b.y - dy });
    return {
      persons: kept.map((k) => {
        const { box, score } = candidates[k]!;
        const inFrame = { ...box, x: box.x + dx, y: box.y + dy };
        return { box: inFrame, score, context: pool(inFrame) };
      }),
      frameContext: pool({ x: dx, y: dy, w: width, h: height }),
      regionContexts: regions.map(pool),
    };
  }
}

/** `picture` in whole frame pixels inside `frame`, when it leaves part of the frame out; else null (the whole frame is read). */
function pictureOf(picture: Box | null | undefined, frame: Frame): Box | null {
  if (!picture) return null;
  const [height, width] = frame.shape;
  const x = Math.max(0, Math.round(picture.x));
  const y = Math.max(0, Math.round(picture.y));
  const w = Math.min(width, Math.round(picture.x + picture.w)) - x;
  const h = Math.min(height, Math.round(picture.y + picture.h)) - y;
  return w > 0 && h > 0 && (w < width || h < height) ? { x, y, w, h } : null;
}

/** Creates (does not load) the person detector reading weights from `source`. */
export function createPersonDetector(source: WeightSource): PersonDetector {
  return new PersonDetector(source);
}
