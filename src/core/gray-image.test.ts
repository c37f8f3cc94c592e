import { describe, expect, it } from 'vitest';
import { grayFromRgb, grayFromRgbEvery, meanGray } from './gray-image';

describe('grey pictures', () => {
  it('reads grey levels the same from RGB and RGBA, and every step-th pixel for a smaller picture', () => {
    const rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200];
    const rgba = [255, 0, 0, 9, 0, 255, 0, 9, 0, 0, 255, 9, 200, 200, 200, 9];
    expect([...grayFromRgb(rgb, 2, 2, 3)]).toEqual([76, 149, 28, 200]);
    expect([...grayFromRgb(rgba, 2, 2, 4)]).toEqual([...grayFromRgb(rgb, 2, 2, 3)]);
    expect(() => grayFromRgb(rgb, 3, 3, 3)).toThrow(TypeError);
    // Every other pixel of every other row: the top-left pixel of each 2×2 (a 3×3 picture → 2×2).
    const big = Array.from({ length: 27 }, (_, i) => Math.floor(i / 3) * 20);
    expect(grayFromRgbEvery(big, 3, 3, 3, 2)).toEqual({ width: 2, height: 2, data: Uint8Array.from([0, 40, 120, 160]) });
    expect([...grayFromRgbEvery(rgb, 2, 2, 3, 1).data]).toEqual([...grayFromRgb(rgb, 2, 2, 3)]);
  });

  it("reads a picture's mean level on every step-th pixel", () => {
    const ramp = { width: 8, height: 2, data: Uint8Array.from({ length: 16 }, (_, i) => (i % 8) * 10) };
    expect(meanGray(ramp, 1)).toBe(35);
    expect(meanGray(ramp, 4)).toBe(20); // columns 0 and 4 of row 0
    expect(meanGray({ width: 0, height: 0, data: new Uint8Array(0) })).toBe(0);
  });
});
