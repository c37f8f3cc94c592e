import { describe, expect, it } from 'vitest';
import { applyTransform, isUpright, storedSize, uprightTransform, type Rotation } from './orientation';

/** Where the stored picture's four pixel corners land on the upright canvas. */
function corners(rotation: Rotation, flip: boolean, w: number, h: number) {
  const m = uprightTransform({ rotation, flip }, { width: w, height: h });
  return [[0, 0], [w, 0], [w, h], [0, h]].map(([x, y]) => applyTransform(m, x!, y!).map((v) => v + 0));
}

describe('orientation', () => {
  it('swaps the stored sides for quarter turns only', () => {
    expect(storedSize({ width: 360, height: 270 }, 90)).toEqual({ width: 270, height: 360 });
    expect(storedSize({ width: 360, height: 270 }, 270)).toEqual({ width: 270, height: 360 });
    expect(storedSize({ width: 360, height: 270 }, 180)).toEqual({ width: 360, height: 270 });
    expect(isUpright(undefined)).toBe(true);
    expect(isUpright({ rotation: 0, flip: false })).toBe(true);
    expect(isUpright({ rotation: 180, flip: false })).toBe(false);
  });

  it('turns the stored top-left corner clockwise: to the top-right for 90°, bottom-right for 180°, bottom-left for 270°', () => {
    // Stored 270×360 (a sideways 360×270 picture).
    expect(corners(90, false, 270, 360)[0]).toEqual([360, 0]);
    expect(corners(180, false, 360, 270)[0]).toEqual([360, 270]);
    expect(corners(270, false, 270, 360)[0]).toEqual([0, 270]);
    expect(corners(0, false, 360, 270)[0]).toEqual([0, 0]);
  });

  it('covers exactly the upright canvas for every turn, with and without the mirror', () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      for (const flip of [false, true]) {
        const stored = storedSize({ width: 360, height: 270 }, rotation);
        const xs = corners(rotation, flip, stored.width, stored.height);
        expect(Math.min(...xs.map((p) => p[0]!))).toBe(0);
        expect(Math.max(...xs.map((p) => p[0]!))).toBe(360);
        expect(Math.min(...xs.map((p) => p[1]!))).toBe(0);
        expect(Math.max(...xs.map((p) => p[1]!))).toBe(270);
      }
    }
  });

  it('mirrors after turning: the stored top-left goes to the top-left for 90° mirrored', () => {
    expect(corners(90, true, 270, 360)[0]).toEqual([0, 0]);
    expect(corners(0, true, 360, 270)[0]).toEqual([360, 0]);
  });
});
