/**
 * What the perception pipeline learned about a clip, kept per track so the vote can change
 * afterwards (other voting constants, or a running vote while playing) without decoding again.
 * Plain data and pure functions: no tfjs, no DOM, so the UI, the CLIs and Node tests share it.
 */
import type { Box } from '../core/geometry';
import { NUM_EMOTIONS } from '../core/labels';
import { meanVector } from '../core/vector';
import { faceVoting, type FaceVotingConfig, type FaceVotingOutput } from '../core/voting/face-voting';

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
  /** The linked person box, or null when the whole frame served as context. */
  personBox: Box | null;
  /** Emotion probabilities of baseline networks (paper order), by model name. */
  baselineProbs?: Record<string, Float32Array>;
}

/** A clip being analysed: its size, the sampled frames seen so far, and every track's faces. */
export interface ClipAnalysis {
  width: number;
  height: number;
  /** Number of sampled frames in the analysis (T in w_freq). */
  sampledFrames: number;
  /** Times of those frames (seconds), oldest first. */
  frameTimes: number[];
  /** Records per track ID, in time order. */
  tracks: Map<number, FaceRecord[]>;
}

/** Creates an empty analysis for a clip of the given display size. */
export function createClipAnalysis(width: number, height: number): ClipAnalysis {
  return { width, height, sampledFrames: 0, frameTimes: [], tracks: new Map() };
}

/** Records one sampled frame: `faces[j]` belongs to track `trackIds[j]`. */
export function addFrame(clip: ClipAnalysis, faces: readonly FaceRecord[], trackIds: readonly number[], tSec = faces[0]?.tSec ?? 0): void {
  if (faces.length !== trackIds.length) throw new TypeError('addFrame: faces and trackIds differ in length');
  clip.sampledFrames++;
  clip.frameTimes.push(tSec);
  faces.forEach((face, j) => {
    const id = trackIds[j]!;
    const list = clip.tracks.get(id);
    if (list) list.push(face);
    else clip.tracks.set(id, [face]);
  });
}

/**
 * Keeps only the frames and faces at or after `tMinSec` (a rolling window for live sessions, so
 * memory stays flat); tracks left without a face are dropped. The vote then covers the window.
 */
export function forgetBefore(clip: ClipAnalysis, tMinSec: number): void {
  const drop = clip.frameTimes.findIndex((t) => t >= tMinSec);
  const n = drop < 0 ? clip.frameTimes.length : drop;
  if (n === 0) return;
  clip.frameTimes.splice(0, n);
  clip.sampledFrames = clip.frameTimes.length;
  for (const [id, records] of clip.tracks) {
    const keep = records.findIndex((r) => r.tSec >= tMinSec);
    if (keep < 0) clip.tracks.delete(id);
    else if (keep > 0) records.splice(0, keep);
  }
}

/** Runs FaceVoting (§3.4) over the tracks recorded so far. No frame or no face → winnerId null. */
export function voteOnClip(clip: ClipAnalysis, config: Partial<FaceVotingConfig> = {}): FaceVotingOutput {
  const tracks = [...clip.tracks].map(([id, observations]) => ({ id, observations }));
  if (clip.sampledFrames === 0) return faceVoting([], { frameCount: 1, width: clip.width, height: clip.height }, config);
  return faceVoting(tracks, { frameCount: clip.sampledFrames, width: clip.width, height: clip.height }, config);
}

/** Mean of the per-frame emotion probabilities of a track (the `frameAverage` prediction). */
export function averageProbs(records: readonly FaceRecord[]): Float64Array {
  return records.length === 0 ? new Float64Array(NUM_EMOTIONS) : meanVector(records.map((r) => r.probs));
}

/** Mean per-frame probabilities of each baseline network over a track, by model name. */
export function averageBaselineProbs(records: readonly FaceRecord[]): Record<string, Float64Array> {
  const names = new Set(records.flatMap((r) => Object.keys(r.baselineProbs ?? {})));
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const vectors = records.flatMap((r) => (r.baselineProbs?.[name] ? [r.baselineProbs[name]] : []));
    out[name] = meanVector(vectors);
  }
  return out;
}
