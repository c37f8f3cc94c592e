/**
 * 68 facial landmarks per face box: face-api's FaceLandmark68TinyNet on the square crop of the box,
 * all boxes of a frame in one batch. Points are relative to the crop (0–1, x then y), which is what
 * the mouth-opening measure needs (src/core/speaker/mouth-opening.ts): ratios inside the face.
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../base-model';
import { checkFrameBoxes, cropBoxes, readRows } from '../crop';
import type { FaceApiLandmarkNet, FaceApiModule } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import type { FrameBoxes } from '../model';
import type { WeightSource } from '../weight-source';
import { FACE_LANDMARK_COUNT, FACE_LANDMARKS_DEFAULTS, FACE_LANDMARKS_INPUT_SIZE, FACE_LANDMARKS_WEIGHTS, type FaceLandmarksConfig } from './constants';

/** Per box: 136 numbers, x0, y0, x1, y1, … relative to the box's square crop. */
export type FaceLandmarksOutput = Float32Array[];

/** FaceLandmark68TinyNet behind the emolens model interface. */
export class FaceLandmarksModel extends FaceApiModel<FaceApiLandmarkNet, FrameBoxes, FaceLandmarksOutput, FaceLandmarksConfig> {
  readonly name = 'face-landmarks' as const;
  protected readonly weightsPath = FACE_LANDMARKS_WEIGHTS;
  protected createNet(api: FaceApiModule): FaceApiLandmarkNet {
    return new api.FaceLandmark68TinyNet();
  }

  /** Landmarks for each box of one frame, as one batch. */
  async run(input: FrameBoxes, config?: Partial<FaceLandmarksConfig>): Promise<FaceLandmarksOutput> {
    this.assertLoaded();
    if (input.boxes.length === 0) {
      checkFrameBoxes(input.frame, input.boxes);
      return [];
    }
    return readRows(this.landmarksTensor(input, config), input.boxes.length, FACE_LANDMARK_COUNT * 2, input.reads);
  }

  /**
   * The landmarks as a [N, 136] tensor left on the device, for a net that reads them there
   * (general-opencv-fer aligns faces by them without a download). The caller disposes it.
   */
  landmarksTensor(input: FrameBoxes, config?: Partial<FaceLandmarksConfig>): tf.Tensor2D {
    this.assertLoaded();
    const { frame, boxes } = input;
    checkFrameBoxes(frame, boxes);
    const cfg = withDefaults(FACE_LANDMARKS_DEFAULTS, config);
    const net = this.net!;
    const api = this.api!;
    return tf.tidy(() => {
      const crops = cropBoxes(frame, boxes, { size: FACE_LANDMARKS_INPUT_SIZE, padding: cfg.padding, square: true });
      return net.forwardInput(new api.NetInput(tf.unstack(crops) as tf.Tensor3D[], true));
    });
  }
}

/** Creates (does not load) the face-landmarks model reading weights from `source`. */
export function createFaceLandmarks(source: WeightSource): FaceLandmarksModel {
  return new FaceLandmarksModel(source);
}
