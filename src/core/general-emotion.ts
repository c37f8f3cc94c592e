/**
 * The `general` per-frame model: the mean of the general-purpose expression networks'
 * probabilities (HSEmotion, OpenCV's MobileFaceNet), untrained by us. Disgust is dropped and the
 * rest renormalised, as every model here does (our labelled data has no disgust, and the trained
 * models give it probability 0), so that `general` and the trained models answer the same question.
 */
import { EMOTION_LABELS } from './labels';

const DISGUST = EMOTION_LABELS.indexOf('disgust');

/** The mean of `probs` (each 7 values, paper order) with disgust set to 0 and the rest summing to 1; null for none. */
export function generalEmotion(probs: readonly ArrayLike<number>[]): Float32Array | null {
  if (probs.length === 0) return null;
  const out = new Float32Array(EMOTION_LABELS.length);
  for (const p of probs) {
    if (p.length !== out.length) throw new TypeError(`generalEmotion: expected ${out.length} probabilities, got ${p.length}`);
    for (let i = 0; i < out.length; i++) out[i]! += p[i]! / probs.length;
  }
  out[DISGUST] = 0;
  const sum = out.reduce((s, v) => s + v, 0);
  if (!(sum > 0)) return null;
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/**
 * Clips' worth of no opinion (the six classes equally likely) added to the person's reference
 * before dividing by it. Without it a clip that looks like the person's usual divides into a
 * six-way tie, a reference of one pose (the camera's neutral seconds) erases that pose (neutral
 * clips of ours read as neutral 11 % of the time against 43 % with it), and a class the reference
 * never shows grows without bound. One clip, the least that does all three; 0, 1 and 2 are within
 * a clip or two of each other on our actors with a full reference (docs/calibration.md).
 */
export const REFERENCE_PRIOR_CLIPS = 1;

/**
 * `general` calibrated to the person, with nothing fitted: the clip's `general` divided by the
 * mean `general` of the person's reference clips (with REFERENCE_PRIOR_CLIPS of no opinion), disgust
 * 0, renormalised. The networks' bias for this face (a resting face they read as sad, a smile they
 * always see) is divided out, as the trained heads' calibrated variants centre their features on
 * the person — and since nothing here was learnt from our actors, it carries to anyone's footage.
 * It reads best with a reference that shows the person in a mix of emotions (a labelled folder, a
 * camera session); a reference of one pose still helps (docs/calibration.md).
 * Null without the clip's `general` or any reference `general`.
 */
export function calibratedGeneral(clip: ArrayLike<number> | null, reference: readonly ArrayLike<number>[]): Float32Array | null {
  const person = generalEmotion(reference);
  if (!clip || !person) return null;
  if (clip.length !== person.length) throw new TypeError(`calibratedGeneral: expected ${person.length} probabilities, got ${clip.length}`);
  const [n, k, none] = [reference.length, REFERENCE_PRIOR_CLIPS, noGeneralOpinion()];
  // Disgust is 0 in both, so it stays 0; every other class is at least 1/6 · k/(n + k).
  const usual = Float32Array.from(person, (m, i) => (n * m + k * none[i]!) / (n + k));
  return generalEmotion([Float32Array.from(usual, (m, i) => (m > 0 ? clip[i]! / m : 0))]);
}

/**
 * `general` for a clip where the general networks never ran on its main track: no opinion, each of
 * the six classes equally likely (disgust 0, as above). A fusion that reads `general` then answers
 * from its other members.
 */
export function noGeneralOpinion(): Float32Array {
  const out = new Float32Array(EMOTION_LABELS.length).fill(1 / (EMOTION_LABELS.length - 1));
  out[DISGUST] = 0;
  return out;
}
