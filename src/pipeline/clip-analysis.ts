/**
 * What the perception pipeline learned about a clip, kept per track so the vote can change
 * afterwards (other voting constants, or a running vote while playing) without decoding again.
 * Plain data and pure functions: no tfjs, no DOM, so the UI, the CLIs and Node tests share it.
 */
import { NUM_EMOTIONS } from '../core/labels';
import { euclidean, meanVector, quantile } from '../core/vector';
import { faceVoting, type FaceVotingConfig, type FaceVotingOutput } from '../core/voting/face-voting';
import type { FaceRecord } from '../shared/face-record';

export type { FaceRecord };
import { DEFAULT_TRACK_EVIDENCE } from '../core/voting/track-evidence';
import { shotJoins } from '../core/tracking/shot-join';
import type { BaselineKey } from '../shared/prediction-keys';

/**
 * Records kept per track before thinning starts. Beyond it a track keeps one record per `stride`
 * appearances, the stride doubling each time the cap is reached, so it holds between cap/2 and
 * cap records spread uniformly over its appearances (≈ 4 KB each: two 256-d face features + a
 * 480-d context feature). 512 covers 102 s of a face at 5 fps and 17 s at 30 fps — every clip of
 * our data (≤ 8 s) stays exact; a track of an hour-long video stays under ~2 MB instead of ~72 MB.
 * Uniform thinning keeps what the temporal models read: the pyramid averages segments of the
 * track and the spatio-temporal model samples K = 32 frames, both spread evenly in time.
 */
export const DEFAULT_MAX_RECORDS_PER_TRACK = 512;

/** Σ of some vectors and how many (weighted) went in. */
interface VectorSum {
  sum: Float64Array;
  count: number;
}

/**
 * Exact sums over every face a track ever had (not only the records kept), so FaceVoting and the
 * frame averages stay exact when a long track's records are thinned.
 */
export interface TrackTotals {
  /** M_i, Σ w·h and Σ detection probability, as FaceVoting reads them (its `VotingTotals`). */
  appearances: number;
  sumArea: number;
  sumScore: number;
  /** Σ of the per-frame emotion probabilities. */
  sumProbs: Float64Array;
  /** Σ and count of each baseline network's probabilities, by model name. */
  baseline: Record<string, VectorSum>;
  /** Σ and count of the face embeddings (frames where one ran); null before the first. */
  embedding: VectorSum | null;
  /** The same for the grouping embeddings (folder clips: FaceRecord.groupingEmbedding). */
  groupingEmbedding: VectorSum | null;
  /** One record is kept per `stride` appearances (1 = every one). */
  stride: number;
}

/** The record fields that hold a face embedding: the tracker's, and grouping's mirror average. */
export type EmbeddingField = 'embedding' | 'groupingEmbedding';

/** A track's records in time order (thinned beyond the cap), with exact totals over all of them. */
export type TrackRecords = FaceRecord[] & { totals: TrackTotals };

/** A clip being analysed: its size, the sampled frames seen so far, and every track's faces. */
export interface ClipAnalysis {
  width: number;
  height: number;
  /** Number of sampled frames in the analysis (T in w_freq). */
  sampledFrames: number;
  /** Times of those frames (seconds), oldest first (8 bytes a frame: 0.9 MB for an hour at 30 fps). */
  frameTimes: number[];
  /** Records per track ID, in time order. */
  tracks: Map<number, TrackRecords>;
  /** Times of the analysed frames that begin a new shot (cuts in edited footage; see joinShots). */
  shotStarts: number[];
  /** Records a track keeps before they are thinned (see DEFAULT_MAX_RECORDS_PER_TRACK). */
  maxRecordsPerTrack: number;
}

/** Creates an empty analysis for a clip of the given display size. */
export function createClipAnalysis(width: number, height: number, maxRecordsPerTrack = DEFAULT_MAX_RECORDS_PER_TRACK): ClipAnalysis {
  if (!(Number.isInteger(maxRecordsPerTrack) && maxRecordsPerTrack >= 2)) {
    throw new TypeError(`createClipAnalysis: maxRecordsPerTrack must be an integer ≥ 2, got ${maxRecordsPerTrack}`);
  }
  return { width, height, sampledFrames: 0, frameTimes: [], tracks: new Map(), shotStarts: [], maxRecordsPerTrack };
}

function emptyTotals(): TrackTotals {
  return { appearances: 0, sumArea: 0, sumScore: 0, sumProbs: new Float64Array(NUM_EMOTIONS), baseline: {}, embedding: null, groupingEmbedding: null, stride: 1 };
}

/** Adds one face to `totals`, counted `weight` times. */
function accumulate(totals: TrackTotals, face: FaceRecord, weight = 1): void {
  totals.appearances += weight;
  totals.sumArea += face.box.w * face.box.h * weight;
  totals.sumScore += face.score * weight;
  for (let i = 0; i < NUM_EMOTIONS; i++) totals.sumProbs[i]! += face.probs[i]! * weight;
  for (const [name, probs] of Object.entries(face.baselineProbs ?? {})) totals.baseline[name] = addWeighted(totals.baseline[name], probs, weight);
  if (face.embedding) totals.embedding = addWeighted(totals.embedding, face.embedding, weight);
  if (face.groupingEmbedding) totals.groupingEmbedding = addWeighted(totals.groupingEmbedding, face.groupingEmbedding, weight);
}

/** `acc` (a new one when absent) with `vector` added `weight` times, counting `count` (default `weight`) more. */
function addWeighted(acc: VectorSum | null | undefined, vector: ArrayLike<number>, weight: number, count = weight): VectorSum {
  const out = acc ?? { sum: new Float64Array(vector.length), count: 0 };
  for (let i = 0; i < vector.length; i++) out.sum[i]! += vector[i]! * weight;
  out.count += count;
  return out;
}

/** Appends one face to its track, thinning the track's records when they pass the cap. */
function addToTrack(clip: ClipAnalysis, id: number, face: FaceRecord): void {
  let records = clip.tracks.get(id);
  if (!records) {
    records = Object.assign([] as FaceRecord[], { totals: emptyTotals() });
    clip.tracks.set(id, records);
  }
  const { totals } = records;
  // Keep appearances 0, stride, 2·stride, …: the kept records stay evenly spread over the track.
  if (totals.appearances % totals.stride === 0) records.push(face);
  accumulate(totals, face);
  thinToCap(records, clip.maxRecordsPerTrack);
}

/** Halves a track's kept records (every other one) until they fit `cap`, doubling its stride each time. */
function thinToCap(records: TrackRecords, cap: number): void {
  while (records.length > cap) {
    let kept = 0;
    for (let i = 0; i < records.length; i += 2) records[kept++] = records[i]!;
    records.length = kept;
    records.totals.stride *= 2;
  }
}

/** Records one sampled frame: `faces[j]` belongs to track `trackIds[j]`; `newShot`: the frame begins a new shot. */
export function addFrame(clip: ClipAnalysis, faces: readonly FaceRecord[], trackIds: readonly number[], tSec = faces[0]?.tSec ?? 0, newShot = false): void {
  if (faces.length !== trackIds.length) throw new TypeError('addFrame: faces and trackIds differ in length');
  clip.sampledFrames++;
  clip.frameTimes.push(tSec);
  if (newShot) clip.shotStarts.push(tSec);
  faces.forEach((face, j) => addToTrack(clip, trackIds[j]!, face));
}

/**
 * Keeps only the frames and faces at or after `tMinSec` (a rolling window for live sessions, so
 * memory stays flat); tracks left without a face are dropped. The vote then covers the window.
 * A track's totals are summed again over the records left — exact unless the track had been
 * thinned (a window longer than the cap), where each kept record counts `stride` times.
 */
export function forgetBefore(clip: ClipAnalysis, tMinSec: number): void {
  const drop = clip.frameTimes.findIndex((t) => t >= tMinSec);
  const n = drop < 0 ? clip.frameTimes.length : drop;
  if (n === 0) return;
  clip.frameTimes.splice(0, n);
  clip.sampledFrames = clip.frameTimes.length;
  clip.shotStarts = clip.shotStarts.filter((t) => t >= tMinSec);
  for (const [id, records] of clip.tracks) {
    const keep = records.findIndex((r) => r.tSec >= tMinSec);
    if (keep < 0) clip.tracks.delete(id);
    else if (keep > 0) {
      records.splice(0, keep);
      const { stride } = records.totals;
      records.totals = { ...emptyTotals(), stride };
      for (const r of records) accumulate(records.totals, r, stride);
    }
  }
}

/**
 * Joins the tracks of one person across the clip's cuts (src/core/tracking/shot-join.ts): each
 * joined track's faces go to the track it continues, which keeps its ID. Returns the joins
 * (joined ID → kept ID); a clip without cuts is left as it is.
 */
export function joinShots(clip: ClipAnalysis): Map<number, number> {
  const tracks = [...clip.tracks].map(([id, records]) => {
    const mean = meanEmbedding(records);
    return { id, firstSec: records[0]!.tSec, lastSec: records.at(-1)!.tSec, embedding: mean && { mean, count: records.totals.embedding!.count } };
  });
  const joins = shotJoins(tracks, clip.shotStarts);
  for (const [from, into] of joins) {
    const kept = clip.tracks.get(into)!;
    const joined = clip.tracks.get(from)!;
    clip.tracks.delete(from);
    // The joined track began after the kept one's last face: appending keeps time order.
    kept.push(...joined);
    mergeTotals(kept.totals, joined.totals);
    thinToCap(kept, clip.maxRecordsPerTrack);
  }
  return joins;
}

/** Adds `from`'s sums to `into` (two tracks of one person joined). */
function mergeTotals(into: TrackTotals, from: TrackTotals): void {
  into.appearances += from.appearances;
  into.sumArea += from.sumArea;
  into.sumScore += from.sumScore;
  for (let i = 0; i < NUM_EMOTIONS; i++) into.sumProbs[i]! += from.sumProbs[i]!;
  for (const [name, b] of Object.entries(from.baseline)) into.baseline[name] = addWeighted(into.baseline[name], b.sum, 1, b.count);
  if (from.embedding) into.embedding = addWeighted(into.embedding, from.embedding.sum, 1, from.embedding.count);
  if (from.groupingEmbedding) into.groupingEmbedding = addWeighted(into.groupingEmbedding, from.groupingEmbedding.sum, 1, from.groupingEmbedding.count);
  into.stride = Math.max(into.stride, from.stride);
}

/**
 * Runs FaceVoting (§3.4) over the tracks recorded so far; only a track with enough evidence
 * (DEFAULT_TRACK_EVIDENCE) can be the main track. No frame, no face or only thin tracks → winnerId null.
 */
export function voteOnClip(clip: ClipAnalysis, config: Partial<FaceVotingConfig> = {}): FaceVotingOutput {
  const tracks = [...clip.tracks].map(([id, records]) => ({ id, totals: records.totals }));
  if (clip.sampledFrames === 0) return faceVoting([], { frameCount: 1, width: clip.width, height: clip.height }, config);
  return faceVoting(tracks, { frameCount: clip.sampledFrames, width: clip.width, height: clip.height }, config, DEFAULT_TRACK_EVIDENCE);
}

/**
 * Seconds of the clip a track covers: its appearances times the mean interval between sampled
 * frames (0 for a clip of fewer than two frames, or an unknown track).
 */
export function trackSeconds(clip: ClipAnalysis, trackId: number): number {
  const n = clip.frameTimes.length;
  const totals = clip.tracks.get(trackId)?.totals;
  if (!totals || n < 2) return 0;
  return (totals.appearances * (clip.frameTimes[n - 1]! - clip.frameTimes[0]!)) / (n - 1);
}

/**
 * Mean of the per-frame emotion probabilities of a track (the `frameAverage` prediction): exact
 * over every face of a clip's track (its totals), the mean of the given records otherwise.
 */
export function averageProbs(records: readonly FaceRecord[] & { totals?: TrackTotals }): Float64Array {
  const totals = records.totals;
  if (totals && totals.appearances > 0) return totals.sumProbs.map((x) => x / totals.appearances);
  return records.length === 0 ? new Float64Array(NUM_EMOTIONS) : meanVector(records.map((r) => r.probs));
}

/** Mean per-frame probabilities of each baseline network over a track, by model name (exact from totals, as above). */
export function averageBaselineProbs(records: readonly FaceRecord[] & { totals?: TrackTotals }): Partial<Record<BaselineKey, Float64Array>> {
  const totals = records.totals;
  if (totals) {
    return Object.fromEntries(Object.entries(totals.baseline).map(([name, b]) => [name, b.sum.map((x) => x / b.count)]));
  }
  const names = new Set(records.flatMap((r) => Object.keys(r.baselineProbs ?? {}) as BaselineKey[]));
  const out: Partial<Record<BaselineKey, Float64Array>> = {};
  for (const name of names) {
    const vectors = records.flatMap((r) => (r.baselineProbs?.[name] ? [r.baselineProbs[name]] : []));
    out[name] = meanVector(vectors);
  }
  return out;
}

/**
 * The face's typical size where its embeddings were taken: the median shorter box side (video
 * pixels) of the records that carry one (of all records when none does); null without records.
 */
export function embeddedFaceSide(records: readonly FaceRecord[]): number | null {
  const embedded = records.filter((r) => r.embedding);
  return medianFaceSide(embedded.length > 0 ? embedded : records);
}

/** The median shorter box side (video pixels) of `records`; null without records. */
export function medianFaceSide(records: readonly FaceRecord[]): number | null {
  const sides = records.map((r) => Math.min(r.box.w, r.box.h));
  return sides.length > 0 ? quantile(sides, 0.5) : null;
}

/**
 * Mean face embedding of a track (exact over every face of a clip's track, from its totals; the
 * mean of the given records' embeddings otherwise); null when no embedding ran on it. `field`:
 * which embedding (the plain one by default).
 */
export function meanEmbedding(records: readonly FaceRecord[] & { totals?: TrackTotals }, field: EmbeddingField = 'embedding'): Float64Array | null {
  const e = records.totals?.[field];
  if (records.totals) return e && e.count > 0 ? e.sum.map((x) => x / e.count) : null;
  const vectors = records.flatMap((r) => (r[field] ? [r[field]] : []));
  return vectors.length > 0 ? meanVector(vectors) : null;
}

/** Who a folder clip's person is: the mean grouping embedding (mirror-averaged), else the mean plain one; null without either. */
export function personEmbedding(records: readonly FaceRecord[] & { totals?: TrackTotals }): Float64Array | null {
  return meanEmbedding(records, 'groupingEmbedding') ?? meanEmbedding(records);
}

/**
 * How far the given records' face embeddings scatter around their mean: the root mean squared
 * distance; null when none carries one. A measurement of `npm run grouping` only (short clips, whose
 * records are all kept): it did not tell heavily compressed clips from clean ones well enough to gate
 * grouping on it (docs/calibration.md), so the app's track totals keep no squares for it.
 */
export function embeddingSpread(records: readonly FaceRecord[], field: EmbeddingField = 'embedding'): number | null {
  const vectors = records.flatMap((r) => (r[field] ? [r[field]] : []));
  if (vectors.length === 0) return null;
  const mean = meanVector(vectors);
  return Math.sqrt(vectors.reduce((s, v) => s + euclidean(v, mean) ** 2, 0) / vectors.length);
}
