import { describe, expect, it } from 'vitest';
import { predictedEntry } from './live-overlay';
import { createOverlayBuffer } from './overlay-buffer';

const face = (trackId: number, x: number) => ({ trackId, box: { x, y: 50, w: 40, h: 40 }, score: 0.9, probs: [1, 0, 0, 0, 0, 0, 0] });

describe('predictedEntry', () => {
  it('moves each track by its own motion and leaves a new track where it was seen', () => {
    const buffer = createOverlayBuffer();
    expect(predictedEntry(buffer, 0)).toBeNull();
    buffer.push({ tSec: 0, faces: [face(1, 100), face(2, 300)] });
    buffer.push({ tSec: 0.1, faces: [face(2, 290)] }); // track 1 missed in this frame
    buffer.push({ tSec: 0.2, faces: [face(1, 120), face(2, 280), face(3, 500)] });
    const entry = predictedEntry(buffer, 0.25)!;
    expect(entry.tSec).toBe(0.2);
    const x = Object.fromEntries(entry.faces.map((f) => [f.trackId, f.box.x]));
    expect(x[1]).toBeCloseTo(125, 9); // 20 px over 0.2 s → +5 px in 0.05 s
    expect(x[2]).toBeCloseTo(275, 9); // −10 px per 0.1 s
    expect(x[3]).toBe(500); // seen once: no motion yet
    // The buffer itself is untouched.
    expect(buffer.latest()!.faces[0]!.box.x).toBe(120);
  });
});
