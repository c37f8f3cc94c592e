import { describe, expect, it } from 'vitest';
import { DEFAULT_PERCEPTION_CONFIG as C, embeddingsDue, faceInputSize, faceInputSizeFor, personDetectionDue, positionsDecide } from './perception-config';

describe('perception config', () => {
  it('uses the small Tiny Face input for small frames only', () => {
    expect(faceInputSize(C, 360, 270)).toBe(320);
    expect(faceInputSize(C, 640, 480)).toBe(320);
    expect(faceInputSize(C, 1280, 720)).toBe(416);
  });

  it('uses the small input only while every previous face is large, and the full one every second', () => {
    const A = { ...C, faceInputSizeLargeFaces: 224 };
    // 640×480 camera: at 224 px a face of 160 px is 56 px (large), one of 120 px is 42 px (small).
    expect(faceInputSizeFor(A, 640, 480, [160], 0, 0.5)).toBe(224);
    expect(faceInputSizeFor(A, 640, 480, [160, 120], 0, 0.5)).toBe(320);
    expect(faceInputSizeFor(A, 640, 480, [], 0, 0.5)).toBe(320); // no face before: look everywhere
    expect(faceInputSizeFor(A, 640, 480, undefined, undefined, 0)).toBe(320); // first frame
    expect(faceInputSizeFor(A, 640, 480, [160], 0, 1)).toBe(320); // a second since the full size ran
    expect(faceInputSizeFor(A, 640, 480, [160], 2, 1)).toBe(320); // a seek back
    expect(faceInputSizeFor(C, 640, 480, [160], 0, 0.5)).toBe(320); // off by default
    expect(faceInputSizeFor(A, 1280, 720, [300], 0, 0.5)).toBe(224); // under the large frames' 416
  });

  it('runs person detection at most every personIntervalSec, and again after a seek back', () => {
    expect(personDetectionDue(C, undefined, 0)).toBe(true);
    expect(personDetectionDue(C, 0, 0.2)).toBe(false);
    expect(personDetectionDue(C, 0, 0.9)).toBe(false);
    expect(personDetectionDue(C, 0, 1)).toBe(true);
    expect(personDetectionDue(C, 1, 0.2)).toBe(true);
    expect(personDetectionDue({ ...C, personIntervalSec: 0 }, 0.2, 0.2)).toBe(true);
  });

  it('computes embeddings when faces must be told apart, else once per embeddingIntervalSec', () => {
    expect(embeddingsDue(C, 1, 1, 0, 0.2)).toBe(false); // one face, one recent track, checked 0.2 s ago
    expect(embeddingsDue(C, 1, 1, 0, 1)).toBe(true); // a second has passed: re-check identity
    expect(embeddingsDue(C, 2, 1, 0, 0.2)).toBe(true); // two faces
    expect(embeddingsDue(C, 1, 0, 0, 0.2)).toBe(true); // no recent track: a new one needs its embedding
    expect(embeddingsDue(C, 1, 2, 0, 0.2)).toBe(true); // which of two tracks is it?
    expect(embeddingsDue(C, 1, 1, undefined, 0.2)).toBe(true);
    expect(embeddingsDue({ ...C, embeddingIntervalSec: 0 }, 1, 1, 0.2, 0.2)).toBe(true); // the paper: every frame
    expect(embeddingsDue(C, 2, 2, 0, 0.2, true)).toBe(true); // files: several faces always
  });

  it('lets faces that cannot be confused skip the embedding between checks when asked (the camera)', () => {
    const A = { ...C, embeddingFreeGate: 2 };
    expect(embeddingsDue(A, 2, 2, 0, 0.2, true)).toBe(false);
    expect(embeddingsDue(A, 2, 2, 0, 0.2, false)).toBe(true); // close together
    expect(embeddingsDue(A, 2, 1, 0, 0.2, true)).toBe(true); // a new face
    expect(embeddingsDue(A, 2, 2, 0, 1, true)).toBe(true); // the once-a-second check
  });

  it('lets position decide only when each face is near exactly one track, a different one each', () => {
    const face = (x: number, y = 100, side = 100) => ({ x, y, w: side, h: side });
    // Two people side by side 220 px apart (2.2 face sizes), each moved 10 px since its track's last box.
    const tracks = [face(60), face(280)];
    expect(positionsDecide([face(70), face(290)], tracks, 2)).toBe(true);
    expect(positionsDecide([face(290), face(70)], tracks, 2)).toBe(true); // the order does not matter
    expect(positionsDecide([face(70), face(290)], tracks, 0)).toBe(false); // off (files)
    // Closer (150 px): the second face is within 2 face sizes of both tracks.
    expect(positionsDecide([face(70), face(210)], [face(60), face(210)], 2)).toBe(false);
    // Both faces near the same track, or a face near none (someone new, someone gone).
    expect(positionsDecide([face(60), face(100)], [face(60), face(500)], 2)).toBe(false);
    expect(positionsDecide([face(60), face(900)], tracks, 2)).toBe(false);
    // As many faces as tracks only.
    expect(positionsDecide([face(60)], tracks, 2)).toBe(false);
    expect(positionsDecide([face(60), face(280)], [face(60)], 2)).toBe(false);
    // Distances are in the track's face sizes: the same layout at half the scale decides the same.
    expect(positionsDecide([face(35, 50, 50), face(145, 50, 50)], [face(30, 50, 50), face(140, 50, 50)], 2)).toBe(true);
  });
});
