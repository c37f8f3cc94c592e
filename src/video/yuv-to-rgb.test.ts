import { describe, expect, it } from 'vitest';
import { yuv420ToRgbScaled, type Yuv420Picture } from './yuv-to-rgb';

/** A width×height I420 picture from per-pixel luma and one chroma pair, planes packed without padding. */
function i420(width: number, height: number, luma: (x: number, y: number) => number, cb: number, cr: number): Yuv420Picture {
  const cw = width / 2;
  const ch = height / 2;
  const data = new Uint8Array(width * height + 2 * cw * ch);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = luma(x, y);
  data.fill(cb, width * height, width * height + cw * ch);
  data.fill(cr, width * height + cw * ch);
  const layout = [{ offset: 0, stride: width }, { offset: width * height, stride: cw }, { offset: width * height + cw * ch, stride: cw }];
  return { data, layout, format: 'I420', width, height, matrix: 'bt601', fullRange: false };
}

/** The same picture as NV12 (interleaved chroma). */
function toNv12(p: Yuv420Picture): Yuv420Picture {
  const ySize = p.width * p.height;
  const cSize = ySize / 4;
  const data = new Uint8Array(ySize + 2 * cSize);
  data.set(p.data.subarray(0, ySize));
  for (let i = 0; i < cSize; i++) {
    data[ySize + 2 * i] = p.data[ySize + i]!;
    data[ySize + 2 * i + 1] = p.data[ySize + cSize + i]!;
  }
  return { ...p, data, format: 'NV12', layout: [{ offset: 0, stride: p.width }, { offset: ySize, stride: p.width }] };
}

describe('yuv420ToRgbScaled', () => {
  it('gives BT.601 video-range colours their RGB values (limited range stretched to 0–255)', () => {
    // Y 81, Cb 90, Cr 240: pure red in BT.601 video range; Y 16 / 235 with neutral chroma: black / white.
    const red = yuv420ToRgbScaled(i420(4, 4, () => 81, 90, 240), 2, 2);
    for (let i = 0; i < red.length; i += 3) {
      expect(red[i]).toBeGreaterThanOrEqual(254);
      expect(red[i + 1]).toBeLessThanOrEqual(1);
      expect(red[i + 2]).toBeLessThanOrEqual(1);
    }
    expect([...yuv420ToRgbScaled(i420(2, 2, () => 16, 128, 128), 1, 1)]).toEqual([0, 0, 0]);
    expect([...yuv420ToRgbScaled(i420(2, 2, () => 235, 128, 128), 1, 1)]).toEqual([255, 255, 255]);
    const full = { ...i420(2, 2, () => 128, 128, 128), fullRange: true };
    expect([...yuv420ToRgbScaled(full, 1, 1)]).toEqual([128, 128, 128]);
  });

  it('averages the luma each output pixel covers when shrinking (a 1440×1080 camera picture to 640×480: 2.25×)', () => {
    // Black up to column 9, white after, 20 columns to 4 (5 each): the second output straddles the edge.
    const edge = i420(20, 4, (x) => (x < 9 ? 16 : 235), 128, 128);
    const grey = yuv420ToRgbScaled(edge, 4, 2);
    const firstRow = [0, 1, 2, 3].map((c) => grey[c * 3]!);
    expect(firstRow[0]).toBe(0);
    expect(firstRow[3]).toBe(255);
    expect(firstRow[1]).toBeGreaterThan(0);
    expect(firstRow[1]).toBeLessThan(255);
    expect([...grey.subarray(0, 12)]).toEqual([...grey.subarray(12, 24)]);
  });

  it('reads NV12 as I420, and BT.709 differently from BT.601', () => {
    const picture = i420(8, 6, (x, y) => 40 + 10 * x + 5 * y, 100, 180);
    expect([...yuv420ToRgbScaled(toNv12(picture), 4, 3)]).toEqual([...yuv420ToRgbScaled(picture, 4, 3)]);
    expect([...yuv420ToRgbScaled({ ...picture, matrix: 'bt709' }, 4, 3)]).not.toEqual([...yuv420ToRgbScaled(picture, 4, 3)]);
    expect(() => yuv420ToRgbScaled(picture, 16, 6)).toThrow(RangeError);
  });
});
