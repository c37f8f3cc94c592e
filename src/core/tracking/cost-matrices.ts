/** The four cost matrices between tracks and detections and their weighted total (§3.3.3, eqs. 5–6). */
import { center, distance, type Box } from '../geometry';
import { euclidean, meanVector } from '../vector';
import { CUES, DEFAULT_THRESHOLDS, DEFAULT_WEIGHTS, type Cue, type PerCue } from './constants';

/** One face detection handed to the tracker. */
export interface Detection {
  /** Face box in pixels. */
  readonly box: Box;
  /** Detection probability in [0, 1]. */
  readonly score: number;
  /** 120 values: 100 H–S then 20 V (see computeHsvHistogram). */
  readonly hsv: Float32Array;
  /**
   * Face embedding (any fixed length; face-api gives 128), or null when it was not computed for
   * this frame: the embedding cue is then left out of gating and of eq. 6's weighted mean.
   */
  readonly embedding: Float32Array | null;
}

/** What a track contributes to matching: its last k histograms and embeddings and its last box (d_i, eq. 3). */
export interface TrackAppearance {
  readonly hsv: readonly Float32Array[];
  readonly embeddings: readonly Float32Array[];
  readonly lastBox: Box;
}

/** Cost configuration: gates T_v, weights w_v, and whether partially gated pairs may be matched. */
export interface CostConfig {
  readonly thresholds: PerCue<number>;
  readonly weights: PerCue<number>;
  /**
   * false (default, ours): a pair with any infinite cue gets total Infinity before matching, so the
   * Hungarian never spends a detection on a pair eq. 8 would reject. true: the paper's literal
   * eq. 6, which totals only the finite cues; eq. 8 then drops the pair after matching.
   */
  readonly matchOnPartialCosts: boolean;
}

/** Default cost configuration (see constants.ts for where each value comes from). */
export const DEFAULT_COST_CONFIG: CostConfig = Object.freeze({
  thresholds: DEFAULT_THRESHOLDS,
  weights: DEFAULT_WEIGHTS,
  matchOnPartialCosts: false,
});

/** Rows = tracks, columns = detections; one matrix per cue (Infinity where gated) plus the total. */
export interface CostMatrices {
  readonly cues: PerCue<number[][]>;
  readonly total: number[][];
}

/** Scale used to normalise position and size: geometric mean of the track's last face sides (≥ 1 px). */
function faceScale(box: Box): number {
  return Math.max(1, Math.sqrt(Math.abs(box.w * box.h)));
}

/** The position cue: centre distance from the track's last box to `box`, in face sizes of that track (√(w·h)). */
export function positionDistance(lastBox: Box, box: Box): number {
  return distance(center(lastBox), center(box)) / faceScale(lastBox);
}

/**
 * Raw cue distances between a track and a detection: hsv and embedding are Euclidean distances to
 * the mean of the track's stored observations; position is the centre distance and size the
 * Euclidean (Δw, Δh), both divided by the track's face scale √(w·h), so thresholds are in face
 * sizes and independent of video resolution. The embedding distance is NaN (not measured) when
 * the detection or the track has no embedding; so is the hsv distance when the track has no colour
 * since the light changed (tracker.ts `relit`).
 */
export function cueDistances(
  means: { readonly hsv: ArrayLike<number> | null; readonly embedding: ArrayLike<number> | null },
  lastBox: Box,
  detection: Detection,
): PerCue<number> {
  const scale = faceScale(lastBox);
  return {
    hsv: means.hsv ? euclidean(means.hsv, detection.hsv) : NaN,
    embedding: means.embedding && detection.embedding ? euclidean(means.embedding, detection.embedding) : NaN,
    position: positionDistance(lastBox, detection.box),
    size: Math.hypot(detection.box.w - lastBox.w, detection.box.h - lastBox.h) / scale,
  };
}

/** Eq. 5: the distance when it is within the threshold, else Infinity; NaN (not measured) stays NaN. */
export function gateCosts(distances: PerCue<number>, thresholds: PerCue<number>): PerCue<number> {
  const out = {} as Record<Cue, number>;
  for (const cue of CUES) {
    const d = distances[cue];
    out[cue] = Number.isNaN(d) || d <= thresholds[cue] ? d : Infinity;
  }
  return out;
}

/**
 * Eq. 6: Σ w_v·M_v over finite cues divided by the sum of those cues' weights (Infinity if none is
 * finite). Cues not measured (NaN) count neither way.
 */
export function combineCosts(costs: PerCue<number>, weights: PerCue<number>): number {
  let sum = 0;
  let weightSum = 0;
  for (const cue of CUES) {
    if (costs[cue] === Infinity || Number.isNaN(costs[cue])) continue;
    sum += weights[cue] * costs[cue];
    weightSum += weights[cue];
  }
  if (weightSum > 0) return sum / weightSum;
  return CUES.some((cue) => costs[cue] !== Infinity) ? 0 : Infinity;
}

/** True when every cue is finite (eq. 8's condition for keeping an assignment). */
export function allCuesFinite(costs: PerCue<number>): boolean {
  return CUES.every((cue) => costs[cue] !== Infinity);
}

/** Builds the four gated cue matrices and the total matrix the Hungarian solves. */
export function buildCostMatrices(
  tracks: readonly TrackAppearance[],
  detections: readonly Detection[],
  config: CostConfig = DEFAULT_COST_CONFIG,
): CostMatrices {
  const cues = { hsv: [], embedding: [], position: [], size: [] } as Record<Cue, number[][]>;
  const total: number[][] = [];
  const mean = (list: readonly Float32Array[]) => (list.length > 0 ? meanVector(list) : null);
  for (const track of tracks) {
    const means = { hsv: mean(track.hsv), embedding: mean(track.embeddings) };
    const rows = CUES.map(() => [] as number[]);
    const totalRow: number[] = [];
    for (const detection of detections) {
      const gated = gateCosts(cueDistances(means, track.lastBox, detection), config.thresholds);
      CUES.forEach((cue, c) => rows[c]!.push(gated[cue]));
      const ok = config.matchOnPartialCosts || allCuesFinite(gated);
      totalRow.push(ok ? combineCosts(gated, config.weights) : Infinity);
    }
    CUES.forEach((cue, c) => cues[cue].push(rows[c]!));
    total.push(totalRow);
  }
  return { cues, total };
}
