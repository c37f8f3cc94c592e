import { describe, it, expect } from 'vitest';
import { createTracker } from './tracker';
import type { Detection } from './cost-matrices';
import { HSV_LENGTH } from './constants';

/** A synthetic person: a one-hot histogram bin and a one-hot embedding axis identify it. */
function face(person: number, cx: number, cy: number, size = 40, score = 0.9): Detection {
  const hsv = new Float32Array(HSV_LENGTH);
  hsv[person * 7] = 1;
  hsv[100 + person] = 1;
  const embedding = new Float32Array(8);
  embedding[person] = 1;
  return { box: { x: cx - size / 2, y: cy - size / 2, w: size, h: size }, score, hsv, embedding };
}

describe('createTracker', () => {
  it('keeps identities when two faces cross', () => {
    const tracker = createTracker();
    const ids: number[][] = [];
    for (let f = 0; f <= 10; f++) {
      // A moves left→right, B right→left; they overlap at f = 5.
      const a = face(0, 100 + f * 20, 100);
      const b = face(1, 300 - f * 20, 104);
      // alternate detection order so the tracker cannot rely on it
      const dets = f % 2 === 0 ? [a, b] : [b, a];
      const out = tracker.update(f, f / 25, dets);
      ids.push(f % 2 === 0 ? out.trackIds : [out.trackIds[1]!, out.trackIds[0]!]);
    }
    expect(ids.every(([a, b]) => a === 1 && b === 2)).toBe(true);
    expect(tracker.tracks().map((t) => t.observations.length)).toEqual([11, 11]);
  });

  it('re-finds a face after a short gap and gives an entering face a new id', () => {
    const tracker = createTracker();
    const seen: number[][] = [];
    for (let f = 0; f < 12; f++) {
      const dets = [face(0, 100 + f * 5, 100)];
      if (f < 3 || f > 6) dets.push(face(1, 300, 200)); // B hidden on frames 3–6
      if (f >= 9) dets.push(face(2, 500, 100)); // C enters at frame 9
      seen.push(tracker.update(f, f / 25, dets).trackIds);
    }
    expect(seen[0]).toEqual([1, 2]);
    expect(seen[4]).toEqual([1]);
    expect(seen[7]).toEqual([1, 2]);
    expect(seen[9]).toEqual([1, 2, 3]);
    expect(seen[11]).toEqual([1, 2, 3]);
    const tracks = tracker.tracks();
    expect(tracks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(tracks[1]!.observations.map((o) => o.frameIndex)).toEqual([0, 1, 2, 7, 8, 9, 10, 11]);
  });

  it('starts a new track when a cue is gated (different person at the same place)', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100)]);
    const out = tracker.update(1, 0.04, [face(3, 100, 100)]);
    expect(out.newTrackIds).toEqual([2]);
    expect(out.costs.cues.embedding[0]![0]).toBe(Infinity);
  });

  it('retires tracks unseen for longer than maxUnseenSec, only when configured', () => {
    const webcam = createTracker({ maxUnseenSec: 1 });
    webcam.update(0, 0, [face(0, 100, 100)]);
    webcam.update(1, 0.5, []);
    expect(webcam.tracks()[0]!.retired).toBe(false);
    webcam.update(2, 2, []);
    expect(webcam.tracks()[0]!.retired).toBe(true);
    expect(webcam.update(3, 2.1, [face(0, 100, 100)]).trackIds).toEqual([2]);

    const clip = createTracker();
    clip.update(0, 0, [face(0, 100, 100)]);
    expect(clip.update(1, 100, [face(0, 100, 100)]).trackIds).toEqual([1]);
  });

  it('never repeats ids after reset and validates input', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100)]);
    tracker.reset();
    expect(tracker.tracks()).toEqual([]);
    expect(tracker.update(0, 0, [face(0, 100, 100)]).trackIds).toEqual([2]);
    expect(() => tracker.update(0, 0, [])).toThrow(TypeError);
    expect(() => tracker.update(1, 1, [{ ...face(0, 1, 1), hsv: new Float32Array(3) }])).toThrow(/hsv/);
  });

  it('strict gating keeps identities where the literal eq. 6 total loses them', () => {
    // Two faces 2 face sizes apart swap sides quickly: each detection lands near the other track.
    const run = (matchOnPartialCosts: boolean): number[] => {
      const tracker = createTracker({ matchOnPartialCosts });
      tracker.update(0, 0, [face(0, 100, 100), face(1, 180, 100)]);
      return tracker.update(1, 0.04, [face(0, 170, 100), face(1, 110, 100)]).trackIds;
    };
    expect(run(false)).toEqual([1, 2]);
    // Literal: the swapped pairs total only their finite position/size cues (0.05 each) and win the
    // Hungarian; eq. 8 then rejects them, so both detections start new tracks.
    expect(run(true)).toEqual([3, 4]);
  });
});

describe('createTracker with a bounded history (webcam sessions)', () => {
  it('drops old observations and forgets tracks gone longer than historySec, never reusing IDs', () => {
    const tracker = createTracker({ maxUnseenSec: 1, historySec: 2 });
    const left = () => face(0, 40, 70);
    const right = () => face(1, 220, 70);
    for (let f = 0; f < 10; f++) tracker.update(f, f * 0.5, [left(), right()]);
    // 5 s of two faces; only the last 2 s (5 observations at 2 fps) are kept per track.
    expect(tracker.tracks().map((t) => t.observations.length)).toEqual([5, 5]);
    // The right face leaves; 2 s later it is forgotten altogether.
    for (let f = 10; f < 16; f++) tracker.update(f, f * 0.5, [left()]);
    expect(tracker.tracks().map((t) => t.id)).toEqual([1]);
    // A face coming back there later gets a new ID.
    const { trackIds } = tracker.update(16, 8, [left(), right()]);
    expect(trackIds).toEqual([1, 3]);
  });

  it('matches on the other cues when a frame has no embedding, and keeps the stored ones', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100)]);
    const noEmbedding = (d: Detection): Detection => ({ ...d, embedding: null });
    for (let f = 1; f <= 4; f++) {
      const out = tracker.update(f, f / 5, [noEmbedding(face(0, 100 + f * 4, 100))]);
      expect(out.trackIds).toEqual([1]);
      expect(out.costs.cues.embedding[0]![0]).toBeNaN();
      expect(Number.isFinite(out.costs.total[0]![0])).toBe(true);
    }
    // Without an embedding, another person is still told apart by colour (HSV gate).
    expect(tracker.update(5, 1, [noEmbedding(face(3, 116, 100))]).newTrackIds).toEqual([2]);
    // With one again, the first track's stored embedding still identifies person 0.
    expect(tracker.update(6, 1.2, [face(0, 120, 100)]).trackIds).toEqual([1]);
  });

  it('after a change of light the colour cue is left out until each track is seen again, then counts as before', () => {
    /** Person 0 in other light: the histogram of person 5, the same place and embedding. */
    const inOtherLight = (cx: number): Detection => ({ ...face(0, cx, 100), hsv: face(5, cx, 100).hsv, embedding: null });
    const run = (relit: boolean) => {
      const tracker = createTracker();
      for (let f = 0; f < 3; f++) tracker.update(f, f / 5, [face(0, 100 + 4 * f, 100)]);
      if (relit) tracker.relit();
      return { tracker, out: tracker.update(3, 0.6, [inOtherLight(112)]) };
    };
    // Unannounced, the colour gate reads the same face in other light as another person.
    expect(run(false).out.newTrackIds).toEqual([2]);
    const { tracker, out } = run(true);
    expect(out.trackIds).toEqual([1]);
    expect(out.costs.cues.hsv[0]![0]).toBeNaN();
    // From then on the new colour is the track's: it matches on it, and a third colour is gated again.
    expect(tracker.update(4, 0.8, [inOtherLight(116)]).costs.cues.hsv[0]![0]).toBe(0);
    expect(tracker.update(5, 1, [{ ...inOtherLight(120), hsv: face(3, 120, 100).hsv }]).newTrackIds).toEqual([2]);
  });

  it('counts the tracks seen recently (the ones a lone face may continue)', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100), face(1, 300, 100)]);
    tracker.update(1, 0.6, [face(0, 100, 100)]);
    expect(tracker.recentTrackCount(0.8, 1)).toBe(2);
    expect(tracker.recentTrackCount(1.4, 1)).toBe(1);
    expect(tracker.recentTrackCount(3, 1)).toBe(0);
    expect(tracker.recentTrackBoxes(0.8, 1).map((b) => b.x + b.w / 2)).toEqual([100, 300]);
    expect(tracker.recentTrackBoxes(1.4, 1).map((b) => b.x + b.w / 2)).toEqual([100]);
    expect(tracker.recentTrackBoxes(3, 1)).toEqual([]);
    // A track's own last box, by ID (the camera's main face).
    const [first, second] = tracker.update(2, 0.8, [face(0, 110, 100), face(1, 300, 100)]).trackIds;
    expect(tracker.lastBoxOf(first!)!.x + tracker.lastBoxOf(first!)!.w / 2).toBe(110);
    expect(tracker.lastBoxOf(second!)!.x + tracker.lastBoxOf(second!)!.w / 2).toBe(300);
    expect(tracker.lastBoxOf(99)).toBeNull();
  });

  it('starts every face afresh at a new shot: the same place and the same look do not carry a track over a cut', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100)]);
    expect(tracker.update(1, 0.2, [face(0, 102, 100)]).trackIds).toEqual([1]);
    // A cut: the face at the same place (even the same person) is a new track, and the old one is no longer recent.
    expect(tracker.shotStartSec).toBe(-Infinity);
    const cut = tracker.update(2, 0.4, [face(0, 102, 100)], true);
    expect(tracker.shotStartSec).toBe(0.4);
    expect(cut.trackIds).toEqual([2]);
    expect(cut.candidateTrackIds).toEqual([]);
    expect(tracker.recentTrackBoxes(0.4, 1)).toHaveLength(1);
    // Within the new shot, tracking goes on as usual; the track before the cut is never matched again.
    expect(tracker.update(3, 0.6, [face(0, 104, 100), face(1, 300, 100)]).trackIds).toEqual([2, 3]);
    expect(tracker.update(4, 0.8, [face(0, 100, 100)]).candidateTrackIds).toEqual([2, 3]);
  });

  it('carries the tracks a cut left as they were (picture in picture) through the new shot, and only those', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100), face(1, 300, 100)]);
    expect(tracker.recentTracks(0.2, 0.5).map((t) => t.id)).toEqual([1, 2]);
    // The background cuts; the window with face 0 (track 1) did not change, face 1's place did.
    const cut = tracker.update(1, 0.2, [face(0, 101, 100), face(1, 300, 100)], true, [1]);
    expect(cut.candidateTrackIds).toEqual([1]);
    expect(cut.trackIds).toEqual([1, 3]);
    // Track 1 stays a candidate through the shot (even a frame it is missed), track 2 never again.
    expect(tracker.update(2, 0.4, []).candidateTrackIds).toEqual([1, 3]);
    expect(tracker.update(3, 0.6, [face(0, 100, 100), face(1, 300, 100)]).trackIds).toEqual([1, 3]);
    // The next cut carries nothing: every face afresh.
    expect(tracker.update(4, 0.8, [face(0, 100, 100)], true).trackIds).toEqual([4]);
  });

  it('a face a jump cut took closer goes on the track it continues, whatever its cues say; the rest as at any cut', () => {
    const tracker = createTracker();
    tracker.update(0, 0, [face(0, 100, 100), face(1, 300, 100)]);
    // 2.5× closer and elsewhere: every cue but the colour is far off. Detection 1 continues track 1;
    // detection 0 (person 1 at their old place) is not matched to any track across the cut.
    const cut = tracker.update(1, 0.2, [face(1, 300, 100), face(0, 180, 150, 100)], true, [], new Map([[1, 1]]));
    expect(cut.trackIds).toEqual([3, 1]);
    expect(cut.newTrackIds).toEqual([3]);
    // Within the new shot the continued track matches as usual; track 2 never again.
    expect(tracker.update(2, 0.4, [face(0, 182, 150, 100), face(1, 300, 100)]).trackIds).toEqual([1, 3]);
    // A carried track cannot take a detection given to another track.
    const next = tracker.update(3, 0.6, [face(0, 182, 150, 100)], true, [1], new Map([[0, 3]]));
    expect(next.trackIds).toEqual([3]);
  });
});
