/**
 * Tracking constants. "Paper" marks values Do et al. (2021) state; "ours" marks documented choices
 * for values the paper leaves open ("determined experimentally", §3.3.3).
 */

/** Paper (§3.3.1): H–S 2D histogram of 10 × 10 = 100 bins. */
export const HS_HUE_BINS = 10;
/** Paper (§3.3.1): saturation bins of the H–S histogram (10 × 10 = 100). */
export const HS_SAT_BINS = 10;
/** Paper (§3.3.1): 20-bin V (brightness) histogram. */
export const V_BINS = 20;
/** Length of a histogram vector: 100 H–S values then 20 V values. */
export const HSV_LENGTH = HS_HUE_BINS * HS_SAT_BINS + V_BINS;

/** The four tracking cues of §3.3.3, in the order used everywhere (cost matrices, weights). */
export const CUES = ['hsv', 'embedding', 'position', 'size'] as const;
/** One tracking cue. */
export type Cue = (typeof CUES)[number];

/** A value per cue. */
export type PerCue<T> = { readonly [K in Cue]: T };

/**
 * Ours: gating thresholds T_v (eq. 5). hsv: L2 distance between histograms whose two parts each sum
 * to 1 (range 0…2); embedding: 0.6 is face-api's usual same-person distance for its 128-d
 * descriptor; position: centre shift in track face sizes; size: relative change of (w, h).
 */
export const DEFAULT_THRESHOLDS: PerCue<number> = Object.freeze({
  hsv: 0.6,
  embedding: 0.6,
  position: 2.0,
  size: 0.5,
});

/** Ours: weights w_v (eq. 6) = 1 / T_v, so each finite cue contributes a value in [0, 1]. */
export const DEFAULT_WEIGHTS: PerCue<number> = Object.freeze({
  hsv: 1 / DEFAULT_THRESHOLDS.hsv,
  embedding: 1 / DEFAULT_THRESHOLDS.embedding,
  position: 1 / DEFAULT_THRESHOLDS.position,
  size: 1 / DEFAULT_THRESHOLDS.size,
});

/** Paper leaves k open (§3.3.1); ours: keep the last 10 faces' histograms and embeddings. */
export const DEFAULT_HISTORY_K = 10;

/** Ours: never retire a track (the paper's behaviour, right for clips); webcam sessions set e.g. 2 s. */
export const DEFAULT_MAX_UNSEEN_SEC = Infinity;
