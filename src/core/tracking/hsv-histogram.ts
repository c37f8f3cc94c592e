/** HSV colour histogram of a face crop (§3.3.1): 100-bin H–S 2D histogram then 20-bin V histogram. */
import type { Box } from '../geometry';
import { HS_HUE_BINS, HS_SAT_BINS, HSV_LENGTH, V_BINS } from './constants';

/** A plain pixel buffer: `channels` = 3 (RGB) or 4 (RGBA, alpha ignored), 0–255, row-major. */
export interface PixelBuffer {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
}

/** Converts RGB in 0–255 to HSV with h in [0, 360), s and v in [0, 1]. */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const rn = r / 255;
  const gn = g / 255;
  const bn = b / 255;
  const max = Math.max(rn, gn, bn);
  const d = max - Math.min(rn, gn, bn);
  let h = 0;
  if (d > 0) {
    if (max === rn) h = 60 * (((gn - bn) / d) % 6);
    else if (max === gn) h = 60 * ((bn - rn) / d + 2);
    else h = 60 * ((rn - gn) / d + 4);
    if (h < 0) h += 360;
  }
  return [h, max > 0 ? d / max : 0, max];
}

const bin = (value: number, bins: number): number => Math.min(bins - 1, Math.floor(value * bins));

/**
 * 120-value histogram of `image` (or of `region`, clipped to the image): index h·10 + s for the
 * 10 × 10 H–S bins, then 100 + v for the 20 V bins. Each part is L1-normalised to sum to 1
 * (all zeros for an empty region).
 */
export function computeHsvHistogram(image: PixelBuffer, region?: Box): Float32Array {
  const { data, width, height, channels } = image;
  if (channels !== 3 && channels !== 4) throw new TypeError(`computeHsvHistogram: channels must be 3 or 4, got ${channels}`);
  if (data.length < width * height * channels) {
    throw new TypeError(`computeHsvHistogram: data has ${data.length} values, expected ${width * height * channels}`);
  }
  const x0 = Math.max(0, Math.floor(region?.x ?? 0));
  const y0 = Math.max(0, Math.floor(region?.y ?? 0));
  const x1 = Math.min(width, Math.ceil(region ? region.x + region.w : width));
  const y1 = Math.min(height, Math.ceil(region ? region.y + region.h : height));
  const hist = new Float32Array(HSV_LENGTH);
  const hsBins = HS_HUE_BINS * HS_SAT_BINS;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * width + x) * channels;
      const [h, s, v] = rgbToHsv(data[o]!, data[o + 1]!, data[o + 2]!);
      hist[bin(h / 360, HS_HUE_BINS) * HS_SAT_BINS + bin(s, HS_SAT_BINS)]! += 1;
      hist[hsBins + bin(v, V_BINS)]! += 1;
      count++;
    }
  }
  if (count > 0) for (let i = 0; i < HSV_LENGTH; i++) hist[i]! /= count;
  return hist;
}
