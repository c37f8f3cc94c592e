/** Dropping alpha: the layout tf.browser.fromPixels gives (R, G, B per pixel, int32), checked on a frame with known values. */
import { describe, expect, it } from 'vitest';
import { rgbaToRgbInt32 } from './frame-pixels';

describe('rgbaToRgbInt32', () => {
  it('keeps R, G, B of every pixel in order, as int32, and drops alpha', () => {
    // 3×2 frame: pixel p has R = p, G = 100 + p, B = 250 - p, A = 255 (A must vanish).
    const rgba = new Uint8ClampedArray(3 * 2 * 4);
    for (let p = 0; p < 6; p++) rgba.set([p, 100 + p, 250 - p, 255], p * 4);
    const rgb = rgbaToRgbInt32(rgba, 3, 2);
    expect(rgb).toBeInstanceOf(Int32Array);
    expect([...rgb]).toEqual([0, 100, 250, 1, 101, 249, 2, 102, 248, 3, 103, 247, 4, 104, 246, 5, 105, 245]);
  });

  it('writes into a given (reused) array, stale contents overwritten, and rejects one of the wrong length', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]);
    const into = new Int32Array(6).fill(-1);
    expect(rgbaToRgbInt32(rgba, 2, 1, into)).toBe(into);
    expect([...into]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => rgbaToRgbInt32(rgba, 2, 1, new Int32Array(9))).toThrow(TypeError);
  });

  it('rejects a buffer too small for the size', () => {
    expect(() => rgbaToRgbInt32(new Uint8ClampedArray(4 * 5), 3, 2)).toThrow(TypeError);
  });
});
