/**
 * Grey pictures: one byte of luma a pixel, computed the same way from the browser's RGBA and
 * ffmpeg's rgb24. The mouth trace (src/core/speaker), cuts (src/core/tracking) and the picture inside
 * bars (src/core/framing) read them. Pure.
 */

/** A grey picture: luma, one byte a pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A video frame's grey picture and its time. */
export interface GrayFrame extends GrayImage {
  tSec: number;
}

/**
 * Luma of RGB(A) pixels (`channels` values per pixel, R first): (77 R + 150 G + 29 B) / 256, the
 * BT.601 weights in integers, so the browser (canvas RGBA) and Node (ffmpeg rgb24) compute the same
 * bytes from the same pixels.
 */
export function grayFromRgb(rgb: ArrayLike<number>, width: number, height: number, channels: 3 | 4, into?: Uint8Array): Uint8Array {
  const count = width * height;
  if (rgb.length < count * channels) throw new TypeError(`grayFromRgb: ${rgb.length} values, fewer than ${count * channels} for ${width}×${height}×${channels}`);
  const out = into ?? new Uint8Array(count);
  for (let i = 0, o = 0; o < count; i += channels, o++) out[o] = luma(rgb, i);
  return out;
}

/** The BT.601 luma in integers of the pixel whose R is at `i`. */
const luma = (rgb: ArrayLike<number>, i: number): number => (77 * rgb[i]! + 150 * rgb[i + 1]! + 29 * rgb[i + 2]!) >> 8;

/**
 * grayFromRgb of every `step`-th pixel of every `step`-th row: the picture `step` times smaller, for
 * a measure of the whole picture that needs no more (a change of light, read on every camera picture).
 */
export function grayFromRgbEvery(rgb: ArrayLike<number>, width: number, height: number, channels: 3 | 4, step: number): GrayImage {
  const [w, h] = [Math.ceil(width / step), Math.ceil(height / step)];
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = luma(rgb, (y * step * width + x * step) * channels);
  return { data, width: w, height: h };
}

/** Mean grey level of `image` read on every `step`-th pixel of every `step`-th row (a picture's brightness, cheaply). */
export function meanGray(image: GrayImage, step = 4): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < image.height; y += step) {
    for (let x = 0; x < image.width; x += step) {
      sum += image.data[y * image.width + x]!;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}
