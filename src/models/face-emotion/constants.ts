/** Defaults and weight paths of face-emotion (face-api FaceExpressionNet). */

export const FACE_EMOTION_WEIGHTS = 'face-api/face_expression_model-weights_manifest.json';

/** FaceExpressionNet's input side (its feature extractor resizes every crop to this). */
export const FACE_EMOTION_INPUT_SIZE = 112;

/** Length of the penultimate (pooled) feature. */
export const FACE_EMOTION_FEATURE_SIZE = 256;

/** Per-call settings. */
export interface FaceEmotionConfig {
  /** Average each crop with its mirror image (features, and probabilities from them); the trained heads expect it. */
  mirror: boolean;
  /**
   * Margin around each face box, as a fraction of its side on every side. Default 0: crop the
   * detector's box itself, expanded to a square around its centre. face-api's own `extractFaces`
   * crops the box as is and then pads the short side with black; the square crop shows the same
   * face at the same scale but fills that margin with real pixels (TinyFace boxes are nearly
   * square, so the two differ by a few pixels).
   */
  padding: number;
}

export const FACE_EMOTION_DEFAULTS: Readonly<FaceEmotionConfig> = Object.freeze({ padding: 0, mirror: true });
