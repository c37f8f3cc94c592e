/** The page's half of the per-frame loop: tracked frames recorded into the clip, and the rolling window. */
import { describe, expect, it } from 'vitest';
import { createClipAnalysis, type FaceRecord } from './clip-analysis';
import { recordFrame, type TrackedFrame } from './tracked-frame';

function face(tSec: number, x: number): FaceRecord {
  return {
    frameIndex: Math.round(tSec * 5),
    tSec,
    box: { x, y: 10, w: 40, h: 40 },
    score: 0.9,
    probs: Float32Array.from([1, 0, 0, 0, 0, 0, 0]),
    faceFeature: new Float32Array(4),
    contextFeature: new Float32Array(4),
    personBox: null,
  };
}

function tracked(tSec: number, ids: number[]): TrackedFrame {
  return {
    frameIndex: Math.round(tSec * 5),
    tSec,
    faces: ids.map((id) => face(tSec, id * 100)),
    trackIds: ids,
    persons: [],
    bitmap: null,
  };
}

const PICTURE = { width: 640, height: 480 } as ImageBitmap;

describe('recordFrame', () => {
  it('adds each face to its track and reports the boxes with their track IDs', () => {
    const clip = createClipAnalysis(640, 360);
    const update = recordFrame(clip, tracked(0, [1, 2]), PICTURE, 1);
    recordFrame(clip, tracked(0.2, [2]), PICTURE, 2);
    expect(clip.sampledFrames).toBe(2);
    expect(clip.tracks.get(1)).toHaveLength(1);
    expect(clip.tracks.get(2)).toHaveLength(2);
    expect(update.faces.map((f) => [f.trackId, f.box.x])).toEqual([
      [1, 100],
      [2, 200],
    ]);
    expect(update.analysed).toBe(1);
  });

  it('keeps only the last historySec seconds on live sessions', () => {
    const clip = createClipAnalysis(640, 360);
    for (let t = 0; t <= 10; t++) recordFrame(clip, tracked(t, t < 5 ? [1] : [2]), PICTURE, t + 1, 3);
    expect(clip.frameTimes).toEqual([7, 8, 9, 10]);
    expect([...clip.tracks.keys()]).toEqual([2]);
  });
});
