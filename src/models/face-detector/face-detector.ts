/**
 * Face detector: face-api's Tiny Face Detector (the detector the paper uses, §3.3.2). face-api pads
 * the frame to a square (bottom/right) and resizes to `inputSize`; the grid is decoded with NMS 0.4
 * as face-api does it (decode.ts), from one asynchronous read.
 */
import * as tf from '@tensorflow/tfjs';
import { withDefaults } from '../base-model';
import type { FaceApiModule, FaceApiTinyFaceDetector } from '../face-api/face-api-module';
import { FaceApiModel } from '../face-api/face-api-model';
import type { Box, Frame } from '../model';
import type { WeightSource } from '../weight-source';
import { checkFrameBoxes } from '../crop';
import { READ_NOW, type DeviceReads } from '../device-reads';
import { decodeTinyFace } from './decode';
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

  /**
   * Detects faces in one frame: the network's grid is read through `reads` (one download, or a
   * share of the frame's one download) and decoded here as face-api decodes it (decode.ts).
   */
  async run(frame: Frame, config?: Partial<FaceDetectorConfig>, reads: DeviceReads = READ_NOW): Promise<FaceDetectorOutput> {
    this.assertLoaded();
    checkFrameBoxes(frame, []);
    const cfg = withDefaults(FACE_DETECTOR_DEFAULTS, config);
    if (!Number.isInteger(cfg.inputSize) || cfg.inputSize <= 0 || cfg.inputSize % 32 !== 0) {
      throw new TypeError(`inputSize: expected a positive multiple of 32, got ${cfg.inputSize}`);
    }
    const [frameHeight, frameWidth] = frame.shape;
    const padded = !cfg.region && (cfg.pad ?? 0) > 0;
    const border = padded ? Math.round(cfg.pad! * Math.max(frameWidth, frameHeight)) : 0;
    const region = cfg.region ?? { x: -border, y: -border, w: frameWidth + 2 * border, h: frameHeight + 2 * border };
    if (!padded) checkRegion(frame, region);
    const { w: width, h: height } = region;
    const net = this.net!;
    const api = this.api!;
    const grid = tf.tidy(() => {
      const input = cfg.region || padded ? regionAtInput(frame, region, cfg.inputSize) : frame;
      return net.forwardInput(new api.NetInput([cfg.smooth ? boxFiltered(input, cfg.smooth) : input]), cfg.inputSize);
    });
    const cells = grid.shape[1];
    const found = decodeTinyFace(await reads.read(grid), {
      cells,
      anchors: net.config.anchors,
      inputSize: cfg.inputSize,
      width,
      height,
      scoreThreshold: cfg.scoreThreshold,
      iouThreshold: net.config.iouThreshold,
    });
    // Clipped to what was read: the region, or the frame itself inside its border.
    const [x0, y0] = padded ? [border, border] : [0, 0];
    const [x1, y1] = padded ? [border + frameWidth, border + frameHeight] : [width, height];
    const shift = cfg.centreShift ?? 0;
    return found.flatMap((d) => {
      const x = Math.max(x0, d.box.x + shift * d.box.w);
      const y = Math.max(y0, d.box.y);
      const w = Math.min(x1, d.box.x + shift * d.box.w + d.box.w) - x;
      const h = Math.min(y1, d.box.y + d.box.h) - y;
      return w > 0 && h > 0 ? [{ box: { x: x + region.x, y: y + region.y, w, h }, score: d.score }] : [];
    });
  }

  /** face-api's own detection (its two downloads and its NMS), for checking `run` against. */
  locateWithFaceApi(frame: Frame, config: FaceDetectorConfig) {
    this.assertLoaded();
    return this.net!.locateFaces(frame, config);
  }
}

/**
 * `region` of the frame resized straight to the detector's input scale (its long side `inputSize`),
 * which face-api then pads to a square as it pads a frame: one `cropAndResize` where slicing an
 * int32 frame first cost ~9 ms on WASM (a 345-px square of 640×480), more than the window saved.
 * A region reaching past the frame (`pad`) reads black there.
 */
function regionAtInput(frame: Frame, { x, y, w, h }: Box, inputSize: number): tf.Tensor3D {
  const [height, width] = frame.shape;
  const scale = inputSize / Math.max(w, h);
  const size: [number, number] = [Math.max(1, Math.round(h * scale)), Math.max(1, Math.round(w * scale))];
  // Normalised so that the first and last rows and columns sampled are the region's own.
  const box = [[y / (height - 1), x / (width - 1), (y + h - 1) / (height - 1), (x + w - 1) / (width - 1)]];
  const image = tf.expandDims<tf.Tensor4D>(frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'));
  return tf.squeeze<tf.Tensor3D>(tf.image.cropAndResize(image, box, [0], size), [0]);
}

/** `image` averaged over `size`×`size` pixels around each (fewer at the edges), as float32. */
function boxFiltered(image: tf.Tensor3D, size: number): tf.Tensor3D {
  const batch = tf.expandDims<tf.Tensor4D>(image.dtype === 'float32' ? image : tf.cast(image, 'float32'));
  return tf.squeeze<tf.Tensor3D>(tf.avgPool(batch, size, 1, 'same'), [0]);
}

/** A region must be whole pixels inside the frame, or the crop would silently shift the boxes. */
function checkRegion(frame: Frame, { x, y, w, h }: Box): void {
  const [height, width] = frame.shape;
  if (![x, y, w, h].every(Number.isInteger) || x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
    throw new RangeError(`region: expected whole pixels inside the ${width}×${height} frame, got ${JSON.stringify({ x, y, w, h })}`);
  }
}

/** Creates (does not load) a face detector reading weights from `source`. */
export function createFaceDetector(source: WeightSource): FaceDetector {
  return new FaceDetector(source);
}
