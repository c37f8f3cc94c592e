/**
 * What perception yields per face, and the tracked frame the analysis worker posts to the page:
 * plain data (typed arrays, boxes, a transferable bitmap), no tfjs.
 */
import type { Box } from '../core/geometry';

/** One face of one track in one sampled frame, with everything the temporal models need. */
export interface FaceRecord {
  frameIndex: number;
  tSec: number;
  box: Box;
  /** Detection probability (the paper's p in w_prob). */
  score: number;
  /** Face emotion probabilities, paper label order. */
  probs: Float32Array;
  /** Face feature vector from the face emotion network. */
  faceFeature: Float32Array;
  /** Context feature vector from the linked person box, or the whole frame. */
  contextFeature: Float32Array;
  /** The second face model (Human's FER2013 net): probabilities (paper order) and 256-d feature. */
  ferProbs?: Float32Array;
  ferFeature?: Float32Array;
  /** The linked person box, or null when the whole frame served as context. */
  personBox: Box | null;
  /** Emotion probabilities of baseline networks (paper order), by model name. */
  baselineProbs?: Record<string, Float32Array>;
  /**
   * The tracker's 128-d face embedding, on the frames where it ran (at least once a second per
   * face, see PerceptionConfig.embeddingIntervalSec): who this is, for grouping clips by person.
   */
  embedding?: Float32Array;
  /** The face verifier's score for this face (absent when the check is off). */
  verifyScore?: number;
  /** Mouth opening from the face's landmarks (src/core/speaker/mouth-opening.ts), for the speaker association. */
  mouthOpen?: number;
}

/** A camera picture as the page grabs it: a `VideoFrame` (no copy on the page) or, where there is no WebCodecs, an `ImageBitmap`. */
export type CameraPicture = ImageBitmap | VideoFrame;

/**
 * One perceived and tracked frame: what the analysis worker posts to the page. `faces[j]` belongs
 * to track `trackIds[j]`; boxes are in video pixels. `bitmap` is the analysed picture (owned by the
 * receiver, which closes it).
 */
export interface TrackedFrame {
  frameIndex: number;
  tSec: number;
  faces: FaceRecord[];
  trackIds: number[];
  persons: { box: Box; score: number }[];
  bitmap: ImageBitmap;
  /** The analysis worker's ms per stage on this frame ('decode' is its wait for the frame), for diagnostics. */
  stageMs?: Record<string, number>;
}
