/** Defaults, weight path and alignment template of general-opencv-fer (OpenCV zoo MobileFaceNet FER; general-models/README.md). */

export const GENERAL_OPENCV_FER_WEIGHTS = 'general/opencv-fer-mobilefacenet-rafdb-int8.onnx';

/** Side of the aligned face the net reads. */
export const GENERAL_OPENCV_FER_INPUT_SIZE = 112;

/**
 * Where the 5 points land in the 112×112 input (x, y in output pixel indices): left eye centre,
 * right eye centre, nose tip, left and right mouth corners (the zoo's / InsightFace's template).
 */
export const GENERAL_OPENCV_FER_TEMPLATE: readonly (readonly [number, number])[] = Object.freeze([
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
]);

/** Graph values read per call: the logits, and the 512-d embedding fed to the classifier (the flattened linear 1×1 conv after the global depthwise conv). */
export const GENERAL_OPENCV_FER_LOGITS = 'label';
export const GENERAL_OPENCV_FER_FEATURE = '481';
export const GENERAL_OPENCV_FER_FEATURE_SIZE = 512;

/** Per-call settings. */
export interface GeneralOpencvFerConfig {
  /** Average each aligned face with its mirror image (probabilities, logits and features; the template is left–right symmetric to 0.2 px). */
  mirror: boolean;
}

export const GENERAL_OPENCV_FER_DEFAULTS: Readonly<GeneralOpencvFerConfig> = Object.freeze({ mirror: true });
