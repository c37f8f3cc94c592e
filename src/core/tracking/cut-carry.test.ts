import { describe, expect, it } from 'vitest';
import { meanGreyChange } from '../speaker/mouth-pixels';
import type { GrayFrame } from '../gray-image';
import { unchangedAtCut } from './cut-carry';

/** A 40×30 grey frame filled by `level(x, y)`. */
const frame = (level: (x: number, y: number) => number): GrayFrame => ({
  tSec: 0,
  width: 40,
  height: 30,
  data: Uint8Array.from({ length: 40 * 30 }, (_, i) => level(i % 40, Math.floor(i / 40))),
});

describe('cut-carry', () => {
  const window = { x: 25, y: 15, w: 12, h: 12 };
  const inWindow = (x: number, y: number) => x >= 25 && x < 37 && y >= 15 && y < 27;
  const face = (x: number, y: number) => 100 + ((x * 7 + y * 3) % 40);

  it('measures the mean absolute change inside a region, clipped to the frame, and of the whole frame', () => {
    const a = frame(() => 10);
    const b = frame((x, y) => (inWindow(x, y) ? 10 : 50));
    expect(meanGreyChange(a, b, window)).toBe(0);
    expect(meanGreyChange(a, b)).toBeCloseTo((40 * (40 * 30 - 144)) / (40 * 30), 9);
    expect(meanGreyChange(a, b, { x: -10, y: -10, w: 20, h: 20 })).toBe(40); // the part inside the frame: outside the window
    expect(meanGreyChange(a, b, { x: 50, y: 0, w: 5, h: 5 })).toBeNaN();
    expect(() => meanGreyChange(a, { ...b, width: 30, height: 40 })).toThrow(TypeError);
  });

  it('carries a face whose window stayed while the picture around it cut, not one the cut replaced', () => {
    const before = frame((x, y) => (inWindow(x, y) ? face(x, y) : 20 + x));
    const pictureInPicture = frame((x, y) => (inWindow(x, y) ? face(x, y) + 2 : 200 - 3 * y));
    const realCut = frame((x, y) => (inWindow(x, y) ? 60 + ((x * 5) % 30) : 200 - 3 * y));
    expect(unchangedAtCut(before, pictureInPicture, window)).toBe(true);
    expect(unchangedAtCut(before, realCut, window)).toBe(false);
    // The picture barely changed (the last frames of a fade): nothing is carried.
    expect(unchangedAtCut(before, before, window)).toBe(false);
    expect(unchangedAtCut(before, frame((x, y) => (inWindow(x, y) ? face(x, y) : 24 + x)), window)).toBe(false);
  });
});
