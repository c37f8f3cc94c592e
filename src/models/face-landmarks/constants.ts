/** Defaults and weight paths of face-landmarks (face-api FaceLandmark68TinyNet). */
import { LANDMARK_POINTS } from '../../core/face-geometry/landmarks';

export const FACE_LANDMARKS_WEIGHTS = 'face-api/face_landmark_68_tiny_model-weights_manifest.json';
/** The net's feature extractor resizes every crop to this side. */
export const FACE_LANDMARKS_INPUT_SIZE = 112;
/** 68 (x, y) points, iBUG 300-W order (48–67: the mouth). */
export const FACE_LANDMARK_COUNT = LANDMARK_POINTS;

/** Per-call settings. */
export interface FaceLandmarksConfig {
  /** Margin around each face box as a fraction of its side, on every side (square crop). */
  padding: number;
}

export const FACE_LANDMARKS_DEFAULTS: Readonly<FaceLandmarksConfig> = Object.freeze({ padding: 0 });
