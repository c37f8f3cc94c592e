/** Defaults and weight paths of the face detector (face-api TinyFaceDetector). */
import type { Box } from '../model';

/** Weights manifest, relative to the models root. */
export const FACE_DETECTOR_WEIGHTS = 'face-api/tiny_face_detector_model-weights_manifest.json';

/** Per-call settings of the face detector. */
export interface FaceDetectorConfig {
  /** Network input side in pixels; a multiple of 32 (face-api's usual choices: 128–608). */
  inputSize: number;
  /** Keep detections scoring above this (0–1). */
  scoreThreshold: number;
  /**
   * Look only in this part of the frame (frame pixels, integers; the detector reads it as if it
   * were the frame); boxes stay in frame pixels. Unset: the whole frame.
   */
  region?: Box;
  /**
   * Read the frame inside a black border this fraction of its long side wide on every side (with no
   * `region`): a face that fills the frame (a tight face crop) is one the detector sees at a size it
   * knows. Boxes stay in frame pixels, clipped to the frame. 0: none.
   */
  pad?: number;
  /**
   * Read the frame smoothed by a box filter this many pixels wide (odd; 0: not): grain that hides a
   * face from the detector (a dark, noisy picture) averages out, the face's shape stays.
   */
  smooth?: number;
  /**
   * Move each box right by this fraction of its width (0: the network's own boxes). Tiny Face puts
   * its boxes' centres about 2 % of their width left of the face's: run on a frame and on its mirror
   * image, the two boxes (the second mirrored back) sit 3.5–5.5 % of a width apart, the first always
   * to the left (our clips and face-api's demo photos of other people alike, every input size;
   * docs/real-files.md, "Selfies stored mirrored"). Every crop then holds the face off-centre, and
   * the other way on a mirrored video.
   */
  centreShift?: number;
}

export const FACE_DETECTOR_DEFAULTS: Readonly<FaceDetectorConfig> = Object.freeze({
  inputSize: 416,
  scoreThreshold: 0.5,
});
