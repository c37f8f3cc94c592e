/**
 * Face detector: face-api's Tiny Face Detector (the detector the paper uses, §3.3.2). face-api pads
 * the frame to a square (bottom/right), resizes to `inputSize` and applies NMS 0.4; its result
 * reading uses `await array()` only, so it is safe on WebGPU.
 */
import { BaseModel, withDefaults } from '../base-model';
import { getFaceApi, type FaceApiTinyFaceDetector } from '../face-api/face-api-module';
import type { Box, Frame } from '../model';
import { loadWeightMap, type WeightSource } from '../weight-source';
import { checkFrameBoxes } from '../crop';
import { FACE_DETECTOR_DEFAULTS, FACE_DETECTOR_WEIGHTS, type FaceDetectorConfig } from './constants';

/** One detected face. */
export interface FaceDetection {
  /** In frame pixels, clipped to the frame. */
  box: Box;
  score: number;
}

export type FaceDetectorOutput = FaceDetection[];

/** Tiny Face Detector behind the emolens model interface. */
export class FaceDetector extends BaseModel<Frame, FaceDetectorOutput, FaceDetectorConfig> {
  readonly name = 'face-detector' as const;
  #net: FaceApiTinyFaceDetector | undefined;

  protected async loadWeights(): Promise<void> {
    const [api, weights] = await Promise.all([getFaceApi(), loadWeightMap(this.source, FACE_DETECTOR_WEIGHTS)]);
    const net = new api.TinyFaceDetector();
    net.loadFromWeightMap(weights);
    this.#net = net;
  }

  protected freeWeights(): void {
    this.#net?.dispose(false);
    this.#net = undefined;
  }

  /** Detects faces in one frame. */
  async run(frame: Frame, config?: Partial<FaceDetectorConfig>): Promise<FaceDetectorOutput> {
    this.assertLoaded();
    checkFrameBoxes(frame, []);
    const cfg = withDefaults(FACE_DETECTOR_DEFAULTS, config);
    if (!Number.isInteger(cfg.inputSize) || cfg.inputSize <= 0 || cfg.inputSize % 32 !== 0) {
      throw new TypeError(`inputSize: expected a positive multiple of 32, got ${cfg.inputSize}`);
    }
    const [height, width] = frame.shape;
    const found = await this.#net!.locateFaces(frame, {
      inputSize: cfg.inputSize,
      scoreThreshold: cfg.scoreThreshold,
    });
    return found.map((d) => {
      const x = Math.max(0, d.box.x);
      const y = Math.max(0, d.box.y);
      const w = Math.min(width, d.box.x + d.box.width) - x;
      const h = Math.min(height, d.box.y + d.box.height) - y;
      return { box: { x, y, w, h }, score: d.score };
    });
  }
}

/** Creates (does not load) a face detector reading weights from `source`. */
export function createFaceDetector(source: WeightSource): FaceDetector {
  return new FaceDetector(source);
}
