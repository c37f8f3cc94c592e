/** Defaults and weight paths of face-verifier (Human's BlazeFace front-camera model, MediaPipe). */

export const FACE_VERIFIER_WEIGHTS = 'human/blazeface-front.json';
/** Input [1, 128, 128, 3], RGB in -1…1 (Human's src/face/blazeface.ts). */
export const FACE_VERIFIER_INPUT_SIZE = 128;
/** The two classifier heads (512 anchors at 16×16, 384 at 8×8): one logit per anchor. */
export const FACE_VERIFIER_SCORE_NODES = ['Identity:0', 'Identity_1:0'] as const;

/** Per-call settings. */
export interface FaceVerifierConfig {
  /**
   * Margin around each face box as a fraction of its side, on every side (square crop). BlazeFace
   * front was trained on selfies where the face fills much of the picture but not all of it; 0.25
   * puts a Tiny Face box at about two thirds of the crop.
   */
  padding: number;
}

export const FACE_VERIFIER_DEFAULTS: Readonly<FaceVerifierConfig> = Object.freeze({ padding: 0.25 });
