/**
 * How sure emolens is of one clip's answer: the answer's probability after temperature scaling,
 * and whether to say "uncertain" — below the confidence threshold, or when the main face was seen
 * too briefly to be read.
 */
import { EMOTION_LABELS, type EmotionLabel } from '../labels';
import { applyTemperature } from './temperature';
import { formatUnder } from '../wording';

/** ensemble.json's `confidence`: the fitted temperature and the threshold under which an answer is uncertain. */
export interface ConfidenceSettings {
  temperature: number;
  threshold: number;
}

/**
 * Used when ensemble.json has no `confidence`: no rescaling, and an answer needs at least even odds
 * (50 %) against all other emotions together to be stated as one label.
 */
export const DEFAULT_CONFIDENCE: ConfidenceSettings = Object.freeze({ temperature: 1, threshold: 0.5 });

/**
 * A main track seen for less than this (seconds of the clip) is too short to be sure of: fewer than
 * 8 frames at 5 fps, shorter than every main face of our labelled clips but the shortest clips'.
 */
export const MIN_CONFIDENT_TRACK_SEC = 1.5;

/** The answer's confidence, whether it is uncertain and why, and the top two emotions to show then. */
export interface AnswerConfidence {
  confidence: number;
  /** The seven probabilities after temperature scaling (paper order): `confidence` is the largest. */
  probs: number[];
  uncertain: boolean;
  /** Why the answer is uncertain (one sentence), or null. */
  reason: string | null;
  topTwo: [{ label: EmotionLabel; p: number }, { label: EmotionLabel; p: number }];
}

/** Confidence of the answer `probs` (paper label order) given how long the main track was seen. */
export function answerConfidence(probs: ArrayLike<number>, mainTrackSec: number, settings: ConfidenceSettings = DEFAULT_CONFIDENCE): AnswerConfidence {
  const scaled = applyTemperature(probs, settings.temperature);
  const ranked = scaled.map((p, i) => ({ label: EMOTION_LABELS[i]!, p })).sort((a, b) => b.p - a.p);
  const confidence = ranked[0]!.p;
  const seen = mainTrackSec < 0.05 ? 'in a single analysed frame' : `for only ${formatUnder(mainTrackSec, MIN_CONFIDENT_TRACK_SEC, 1)} s (under ${MIN_CONFIDENT_TRACK_SEC} s)`;
  const reason =
    mainTrackSec < MIN_CONFIDENT_TRACK_SEC
      ? `The main face was seen ${seen}, too briefly to be sure.`
      : confidence < settings.threshold
        ? `The answer's confidence (${formatUnder(100 * confidence, Math.round(100 * settings.threshold), 0)} %) is under ${Math.round(100 * settings.threshold)} %.`
        : null;
  return { confidence, probs: Array.from(scaled), uncertain: reason !== null, reason, topTwo: [ranked[0]!, ranked[1]!] };
}

/**
 * A runner-up under this share is no real alternative: an answer uncertain because the face was
 * seen briefly can still put almost everything on one emotion, and "happiness 100 % or surprise 0 %"
 * reads as a contradiction.
 */
export const MIN_ALTERNATIVE_SHARE = 0.05;

/** The emotions worth naming for an uncertain answer: the first, and the second when it holds at least MIN_ALTERNATIVE_SHARE. */
export function namedAlternatives<T extends { p: number }>(topTwo: readonly T[]): T[] {
  return topTwo.filter((t, i) => i === 0 || t.p >= MIN_ALTERNATIVE_SHARE);
}
