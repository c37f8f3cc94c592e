import { describe, expect, it } from 'vitest';
import { createOverlayBuffer, isCatchingUp } from './overlay-buffer';

const entry = (tSec: number) => ({ tSec, faces: [] });

describe('overlay buffer', () => {
  it('returns the analysed frame nearest to and not after the media time', () => {
    const b = createOverlayBuffer();
    [0, 0.2, 0.4, 0.6].forEach((t) => b.push(entry(t)));
    expect(b.at(-0.1)).toBeNull();
    expect(b.at(0.39)!.tSec).toBe(0.2);
    expect(b.at(0.4)!.tSec).toBe(0.4);
    expect(b.at(10)!.tSec).toBe(0.6);
    expect(b.latest()!.tSec).toBe(0.6);
  });

  it('says it is catching up when the nearest frame is over half a second behind, unless analysis is done', () => {
    expect(isCatchingUp(entry(1), 1.4, false)).toBe(false);
    expect(isCatchingUp(entry(1), 1.6, false)).toBe(true);
    expect(isCatchingUp(null, 0.2, false)).toBe(false);
    expect(isCatchingUp(entry(1), 3, true)).toBe(false);
  });

  it('drops entries after an older one (a restarted run) and clears', () => {
    const b = createOverlayBuffer();
    [0, 1, 2].forEach((t) => b.push(entry(t)));
    b.push(entry(0.5));
    expect(b.size).toBe(2);
    b.clear();
    expect(b.latest()).toBeNull();
  });

  it('keeps only the tail a live camera needs', () => {
    const b = createOverlayBuffer();
    for (let t = 0; t < 100; t++) b.push(entry(t * 0.2));
    b.dropBefore(19.8 - 3);
    expect(b.size).toBe(16);
    expect(b.latest()?.tSec).toBeCloseTo(19.8);
    expect(b.at(16)).toBeNull();
    b.dropBefore(100);
    expect(b.size).toBe(0);
  });

  it('relabels the faces of tracks joined across a cut, so the overlay shows the clip’s track IDs', () => {
    const b = createOverlayBuffer();
    const face = (trackId: number) => ({ trackId, box: { x: 0, y: 0, w: 10, h: 10 }, score: 0.9, probs: [] });
    b.push({ tSec: 0, faces: [face(1)] });
    b.push({ tSec: 1, faces: [face(2), face(3)] });
    b.relabel(new Map([[3, 1]]));
    expect(b.at(1)!.faces.map((f) => f.trackId)).toEqual([2, 1]);
    expect(b.lastSeen(1, 2)!.tSec).toBe(1);
  });
});
