import { describe, it, expect } from 'vitest';
import { computeHsvHistogram, rgbToHsv, type PixelBuffer } from './hsv-histogram';
import { HSV_LENGTH } from './constants';

const image = (pixels: number[][], width: number, channels: 3 | 4): PixelBuffer => ({
  data: Uint8ClampedArray.from(pixels.flatMap((p) => (channels === 4 ? [...p, 255] : p))),
  width,
  height: pixels.length / width,
  channels,
});

describe('rgbToHsv', () => {
  it('converts primaries and grey by hand', () => {
    expect(rgbToHsv(255, 0, 0)).toEqual([0, 1, 1]);
    expect(rgbToHsv(0, 255, 0)).toEqual([120, 1, 1]);
    expect(rgbToHsv(0, 0, 255)).toEqual([240, 1, 1]);
    expect(rgbToHsv(255, 0, 255)).toEqual([300, 1, 1]);
    const [h, s, v] = rgbToHsv(128, 128, 128);
    expect([h, s]).toEqual([0, 0]);
    expect(v).toBeCloseTo(128 / 255, 12);
    expect(rgbToHsv(0, 0, 0)).toEqual([0, 0, 0]);
  });
});

describe('computeHsvHistogram', () => {
  it('bins a 2×2 RGBA image by hand', () => {
    // red: h bin 0, s bin 9, v bin 19; green: h 120/36 → bin 3; blue: 240/36 → bin 6; black: (0,0), v bin 0
    const img = image([[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0]], 2, 4);
    const hist = computeHsvHistogram(img);
    expect(hist.length).toBe(HSV_LENGTH);
    expect(hist[0 * 10 + 9]).toBe(0.25);
    expect(hist[3 * 10 + 9]).toBe(0.25);
    expect(hist[6 * 10 + 9]).toBe(0.25);
    expect(hist[0]).toBe(0.25);
    expect(hist[100 + 19]).toBe(0.75);
    expect(hist[100]).toBe(0.25);
    const hs = hist.subarray(0, 100).reduce((a, b) => a + b, 0);
    const v = hist.subarray(100).reduce((a, b) => a + b, 0);
    expect(hs).toBeCloseTo(1, 6);
    expect(v).toBeCloseTo(1, 6);
  });

  it('restricts to a clipped region of an RGB image', () => {
    const img = image([[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0]], 2, 3);
    const hist = computeHsvHistogram(img, { x: 1, y: -5, w: 10, h: 6 }); // column 1, row 0 → green only
    expect(hist[3 * 10 + 9]).toBe(1);
    expect(hist[100 + 19]).toBe(1);
    expect(computeHsvHistogram(img, { x: 5, y: 5, w: 2, h: 2 }).every((x) => x === 0)).toBe(true);
  });

  it('rejects short buffers', () => {
    expect(() => computeHsvHistogram({ data: [1, 2, 3], width: 2, height: 2, channels: 3 })).toThrow(TypeError);
  });
});
