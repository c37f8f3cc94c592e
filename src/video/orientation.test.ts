import { describe, expect, it } from 'vitest';
import { applyTransform, isUpright, storedSize, turnedInfo, uprightTransform, type Rotation } from './orientation';
import type { VideoInfo } from '../shared/video-info';

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

  it('turns a picture further (no rotation tag) as turning its upright picture would, tag and mirror included', () => {
    const info: VideoInfo = { durationSec: 1, frameCount: 25, fps: 25, width: 360, height: 270, codec: 'avc', codecString: 'avc1' };
    const pixel = [37, 11] as const;
    for (const rotation of [0, 90, 180, 270] as const) {
      for (const flip of [false, true]) {
        for (const turn of [90, 180, 270] as const) {
          const tagged = { ...info, orientation: { rotation, flip } };
          const turned = turnedInfo(tagged, turn);
          const size = (v: VideoInfo) => ({ width: v.width, height: v.height });
          const stored = storedSize(size(tagged), rotation);
          expect(storedSize(size(turned), turned.orientation!.rotation)).toEqual(stored);
          // The stored pixel, made upright by the tag, then turned clockwise by `turn` on the upright picture.
          const upright = applyTransform(uprightTransform({ rotation, flip }, stored), pixel[0], pixel[1]);
          const then = applyTransform(uprightTransform({ rotation: turn, flip: false }, size(tagged)), upright[0], upright[1]);
          expect(applyTransform(uprightTransform(turned.orientation!, stored), pixel[0], pixel[1])).toEqual(then);
          expect(turned.turn).toBe(turn);
        }
      }
    }
    expect(turnedInfo(info, 0)).toBe(info);
    expect(turnedInfo(info, 90)).toMatchObject({ width: 270, height: 360, orientation: { rotation: 90, flip: false } });
  });
});
