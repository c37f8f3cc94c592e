/**
 * Emotion label orders. emolens reports every per-class vector in the paper's order
 * (Do et al. 2021, Table/§4: anger, disgust, fear, happiness, neutrality, sadness, surprise);
 * each network's own order is mapped explicitly here. The paper order itself is EMOTION_LABELS in
 * src/core/labels.ts.
 */


/** face-api FaceExpressionNet output order (src/faceExpressionNet/FaceExpressions.ts). */
export const FACE_API_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

/**
 * Human's emotion.json (oarriaga FER2013 mini-Xception) output order, from Human's
 * src/gear/emotion.ts: `annotations = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']`.
 */
export const HUMAN_LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

/** `paper[i] = faceApi[FACE_API_TO_PAPER[i]]`. */
export const FACE_API_TO_PAPER: readonly number[] = Object.freeze([3, 5, 4, 1, 0, 2, 6]);

/** `paper[i] = human[HUMAN_TO_PAPER[i]]`. */
export const HUMAN_TO_PAPER: readonly number[] = Object.freeze([0, 1, 2, 3, 6, 4, 5]);

/** Reorders one probability vector from a network's class order to the paper's. */
export function reorderToPaper(probs: ArrayLike<number>, mapping: readonly number[]): Float32Array {
  if (probs.length !== mapping.length) {
    throw new TypeError(`probs: expected ${mapping.length} values, got ${probs.length}`);
  }
  const out = new Float32Array(mapping.length);
  for (let i = 0; i < mapping.length; i++) out[i] = probs[mapping[i]!]!;
  return out;
}

/** HSEmotion (Savchenko) AffectNet-7 output order, as the weights' provenance README gives it (checked on happy faces in the model test). */
export const HSEMOTION_LABELS = ['anger', 'disgust', 'fear', 'happiness', 'neutral', 'sadness', 'surprise'] as const;

/** OpenCV zoo FER (MobileFaceNet, RAF-DB) output order, as the weights' provenance README gives it (checked on happy faces in the model test). */
export const OPENCV_FER_LABELS = ['angry', 'disgust', 'fearful', 'happy', 'neutral', 'sad', 'surprised'] as const;

/** `paper[i] = hsemotion[HSEMOTION_TO_PAPER[i]]`: the same order as the paper's. */
export const HSEMOTION_TO_PAPER: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 5, 6]);

/** `paper[i] = opencvFer[OPENCV_FER_TO_PAPER[i]]`: the same order as the paper's. */
export const OPENCV_FER_TO_PAPER: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 5, 6]);
