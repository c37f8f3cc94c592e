import { describe, expect, it } from 'vitest';
import { shotJoins, SHOT_JOIN_MAX_DISTANCE, type ShotTrack } from './shot-join';

/** A unit-ish embedding: person `p`'s axis, moved `jitter` along another axis (distance from the person's centre). */
function embedding(p: number, jitter = 0, axis = 7): { mean: Float64Array; count: number } {
  const mean = new Float64Array(8);
  mean[p] = 1;
  mean[axis]! += jitter;
  return { mean, count: 3 };
}

const track = (id: number, firstSec: number, lastSec: number, e: ShotTrack['embedding']): ShotTrack => ({ id, firstSec, lastSec, embedding: e });

describe('shotJoins', () => {
  it('alternating shots of two people: each person one track, by the nearest embedding', () => {
    const tracks = [track(1, 0, 0.8, embedding(0)), track(2, 1, 1.8, embedding(1)), track(3, 2, 2.8, embedding(0, 0.1)), track(4, 3, 3.8, embedding(1, 0.1, 6))];
    expect([...shotJoins(tracks, [1, 2, 3])]).toEqual([
      [3, 1],
      [4, 2],
    ]);
  });

  it('never joins without a cut, across a larger distance, or two faces of one shot', () => {
    const a = track(1, 0, 0.8, embedding(0));
    // No cut: two tracks of one embedding stay two (ordinary tracking decided).
    expect(shotJoins([a, track(2, 1, 1.8, embedding(0, 0.05))], []).size).toBe(0);
    // A cut, but the embedding is farther than the limit.
    expect(shotJoins([a, track(2, 1, 1.8, embedding(0, SHOT_JOIN_MAX_DISTANCE + 0.01))], [1]).size).toBe(0);
    // Seen in the same shot as the earlier track (it ended after the cut): not a continuation.
    expect(shotJoins([track(1, 0, 1.4, embedding(0)), track(2, 1.2, 1.8, embedding(0))], [1]).size).toBe(0);
    // No embedding: nothing to join by.
    expect(shotJoins([a, track(2, 1, 1.8, null)], [1]).size).toBe(0);
  });

  it('two faces after a cut cannot both continue one track; a face found late in the shot still can', () => {
    const tracks = [track(1, 0, 0.8, embedding(0)), track(2, 1, 1.8, embedding(0, 0.05)), track(3, 1, 1.8, embedding(0, 0.1))];
    expect([...shotJoins(tracks, [1])]).toEqual([[2, 1]]);
    // The face is found only on the second frame after the cut.
    expect([...shotJoins([track(1, 0, 0.8, embedding(0)), track(2, 1.2, 1.8, embedding(0, 0.05))], [1])]).toEqual([[2, 1]]);
  });
});
