/** Defaults and weight paths of face-embedding (face-api FaceRecognitionNet). */

export const FACE_EMBEDDING_WEIGHTS = 'face-api/face_recognition_model-weights_manifest.json';
export const FACE_EMBEDDING_INPUT_SIZE = 150;
export const FACE_EMBEDDING_SIZE = 128;

/** Per-call settings. */
export interface FaceEmbeddingConfig {
  /**
   * Margin around each face box as a fraction of its side, on every side (square crop around the
   * box centre). Default 0.1.
   *
   * No landmark alignment (it would cost a landmark-net call per face). Measured on the Javanese
   * clips (actors 01–07, 2 clips each, TinyFace 416 boxes, 41 crops): with padding 0.1, frames of
   * one clip 0.5 s apart are at distance 0.25 on average (max 0.46); the same actor across clips
   * 0.31 (max 0.51); different actors 0.58 on average (min 0.35; 7% of pairs below 0.45).
   * Padding 0 gave 0.27 / 0.34 / 0.59 with more same-actor pairs above 0.45 (20%); padding 0.2
   * more different-actor pairs below 0.45 (16%). Re-boxing on face_landmark_68_tiny landmarks
   * (face-api's `align()`: landmark bbox + 20 %; +10 ms per face) barely changed this (within-clip
   * 0.26 → 0.24, different actors' minimum 0.355 → 0.352), so it is not used. The plain crop keeps
   * identities apart for tracking when combined with box overlap; it is not a face verifier.
   */
  padding: number;
}

export const FACE_EMBEDDING_DEFAULTS: Readonly<FaceEmbeddingConfig> = Object.freeze({ padding: 0.1 });
