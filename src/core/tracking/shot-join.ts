/**
 * Re-joining a person's tracks across cuts. At a cut the tracker starts every face afresh
 * (tracker.ts `newShot`): position and size cannot tell which face a face was before it. Once the
 * clip is over, a track that began after a cut continues the track (or the tracks already joined)
 * whose mean face embedding is nearest, when that one ended before the cut and lies within
 * `maxDistance`. A track that began inside one shot with the other one seen in that shot is never
 * joined: ordinary tracking already said they are two faces (the paper's behaviour).
 * Greedy in time order (a handful of tracks): our own, as the time constraint is not one that
 * ml-hclust's linkage takes.
 */
import { euclidean } from '../vector';

/** What the join reads of a track. */
export interface ShotTrack {
  id: number;
  /** Times of its first and last face (seconds). */
  firstSec: number;
  lastSec: number;
  /** Its mean face embedding and how many embeddings went in; null when none was computed. */
  embedding: { mean: ArrayLike<number>; count: number } | null;
}

/**
 * Largest distance between two tracks' mean face-api embeddings (128-d) for one shot to continue
 * the other. Measured (docs/real-files.md, "Edited footage"): one person's shots at the same framing
 * 0.14–0.31 apart, a 1.3× closer shot 0.14–0.29; two of our actors alternating 0.39–0.57 apart,
 * and two different actors' whole clips ≥ 0.298 (docs/calibration.md). A 2× closer shot of one
 * person lies 0.27–0.59 from the wider one: mostly left as its own track, as before cuts were seen.
 */
export const SHOT_JOIN_MAX_DISTANCE = 0.3;

/** The track each joined track continues (its group's first track), by track ID; tracks left alone are absent. */
export function shotJoins(tracks: readonly ShotTrack[], shotStarts: readonly number[], maxDistance = SHOT_JOIN_MAX_DISTANCE): Map<number, number> {
  const joins = new Map<number, number>();
  if (shotStarts.length === 0) return joins;
  const starts = [...shotStarts].sort((a, b) => a - b);
  /** The latest cut at or before `t`, or -Infinity. */
  const shotOf = (t: number) => starts.filter((s) => s <= t + 1e-9).at(-1) ?? -Infinity;
  const groups: { id: number; lastSec: number; sum: Float64Array | null; count: number }[] = [];
  for (const track of [...tracks].sort((a, b) => a.firstSec - b.firstSec || a.id - b.id)) {
    const shot = shotOf(track.firstSec);
    let best: (typeof groups)[number] | null = null;
    let bestDistance = maxDistance;
    if (track.embedding) {
      for (const group of groups) {
        if (!group.sum || !(group.lastSec < shot)) continue;
        const distance = euclidean(group.sum.map((v) => v / group.count), track.embedding.mean);
        if (distance <= bestDistance) [best, bestDistance] = [group, distance];
      }
    }
    if (best) {
      joins.set(track.id, best.id);
      best.lastSec = Math.max(best.lastSec, track.lastSec);
      addEmbedding(best, track.embedding!);
    } else {
      const group = { id: track.id, lastSec: track.lastSec, sum: null, count: 0 };
      if (track.embedding) addEmbedding(group, track.embedding);
      groups.push(group);
    }
  }
  return joins;
}

/** Adds a track's mean embedding to a group's sum, weighted by how many embeddings made it. */
function addEmbedding(group: { sum: Float64Array | null; count: number }, embedding: { mean: ArrayLike<number>; count: number }): void {
  group.sum ??= new Float64Array(embedding.mean.length);
  for (let i = 0; i < embedding.mean.length; i++) group.sum[i]! += embedding.mean[i]! * embedding.count;
  group.count += embedding.count;
}
