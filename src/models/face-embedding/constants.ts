/** Defaults and weight paths of face-embedding (face-api FaceRecognitionNet). */

export const FACE_EMBEDDING_WEIGHTS = 'face-api/face_recognition_model-weights_manifest.json';
export const FACE_EMBEDDING_INPUT_SIZE = 150;
export const FACE_EMBEDDING_SIZE = 128;

/** Per-call settings. */
export interface FaceEmbeddingConfig {
  /**
   * Margin around each face box as a fraction of its side, on every side (square crop around the
   * box centre). No landmark alignment: for tracking within a clip the plain crop separates people
   * well (see face-embedding.test.ts), and alignment would cost a landmark net call per face.
   */
  padding: number;
}

export const FACE_EMBEDDING_DEFAULTS: Readonly<FaceEmbeddingConfig> = Object.freeze({ padding: 0 });
