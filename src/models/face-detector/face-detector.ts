/**
 * Face detector: face-api's Tiny Face Detector (the detector the paper uses, §3.3.2). face-api pads
 * the frame to a square (bottom/right), resizes to `inputSize` and applies NMS 0.4; its result
 * reading uses `await array()` only, so it is safe on WebGPU.
 */
import { withDefaults } from '../base-model';
import type { FaceApiModule, FaceApiTinyFaceDetector } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import type { Box, Frame } from '../model';
import type { WeightSource } from '../weight-source';
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
export class FaceDetector extends FaceApiModel<FaceApiTinyFaceDetector, Frame, FaceDetectorOutput, FaceDetectorConfig> {
  readonly name = 'face-detector' as const;
  protected readonly weightsPath = FACE_DETECTOR_WEIGHTS;
  protected createNet(api: FaceApiModule): FaceApiTinyFaceDetector {
    return new api.TinyFaceDetector();
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
    const found = await this.net!.locateFaces(frame, {
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
