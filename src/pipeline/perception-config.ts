/**
 * How the perception stage trades cost for coverage on a CPU. Measured on 82 frames of 7 shared
 * clips (360×270) in Node WASM: Tiny Face at 320 px with score ≥ 0.4 found the one face in 74
 * frames, at 416 px / 0.5 (face-api's defaults) in 72, at under half the cost.
 */

/** Settings of the per-frame perception stage. */
export interface PerceptionConfig {
  /** Tiny Face input side for frames whose long side is at most `smallFrameMaxSide`. */
  faceInputSizeSmall: number;
  /** Tiny Face input side for larger frames (more pixels per face to find small faces). */
  faceInputSizeLarge: number;
  smallFrameMaxSide: number;
  faceScoreThreshold: number;
  /**
   * Person detection (CenterNet, the costliest network: ~190 ms here) runs at most this often;
   * frames in between reuse the last persons and context features. People move slowly compared
   * with faces' expressions, and the context feature is a pooled backbone activation.
   * 0 runs it on every analysed frame. At 1 s it costs ~40 ms per frame at 5 fps instead of ~190.
   */
  personIntervalSec: number;
  /** Frames are analysed with at most this long side (4K → 1280×720); results are in video pixels. */
  maxAnalysisSide: number;
  /**
   * The face embedding (~23 ms a frame here, the second costliest network) only tells faces apart,
   * so it runs when there is something to tell apart: two or more faces in the frame, no recent
   * track or several, and otherwise at least this often (seconds) to re-check that the one face
   * is still the same person. In between, the tracker matches on the other three cues (§3.3,
   * eq. 6 normalised over the cues present). 0 computes it on every frame (the paper).
   */
  embeddingIntervalSec: number;
  /**
   * A Tiny Face detection becomes a face only when BlazeFace (the face verifier) gives its crop at
   * least this score. Measured (docs/honest-answers.md): real faces of our clips ≥ 0.79, Tiny Face's
   * false faces on test patterns ≤ 0.34. 0 turns the check off (every detection is a face).
   */
  faceVerifyThreshold: number;
}

/** Defaults used by the app, the CLIs and the feature extraction alike. */
export const DEFAULT_PERCEPTION_CONFIG: Readonly<PerceptionConfig> = Object.freeze({
  faceInputSizeSmall: 320,
  faceInputSizeLarge: 416,
  smallFrameMaxSide: 640,
  faceScoreThreshold: 0.4,
  personIntervalSec: 1,
  maxAnalysisSide: 1280,
  embeddingIntervalSec: 1,
  faceVerifyThreshold: 0.6,
});

/** The Tiny Face input size for a frame of this size. */
export function faceInputSize(config: PerceptionConfig, width: number, height: number): number {
  return Math.max(width, height) <= config.smallFrameMaxSide ? config.faceInputSizeSmall : config.faceInputSizeLarge;
}

/** Decides when the person detector must run again, given the time of its last run. */
export function personDetectionDue(config: PerceptionConfig, lastRunSec: number | undefined, tSec: number): boolean {
  return lastRunSec === undefined || tSec < lastRunSec || tSec - lastRunSec >= config.personIntervalSec - 1e-6;
}

/**
 * Whether this frame's faces need embeddings (see `embeddingIntervalSec`): `recentTracks` counts
 * the tracks seen within the last interval; `lastSec` is when embeddings last ran.
 */
export function embeddingsDue(
  config: PerceptionConfig,
  faceCount: number,
  recentTracks: number,
  lastSec: number | undefined,
  tSec: number,
): boolean {
  if (faceCount >= 2 || recentTracks !== 1) return true;
  return lastSec === undefined || tSec < lastSec || tSec - lastSec >= config.embeddingIntervalSec - 1e-6;
}
