/**
 * A decoded frame's RGB pixels, read where the frame is decoded (the decode worker) so that the
 * analysis worker, whose thread WASM inference keeps busy, only copies them into a tensor. The
 * values are exactly those `tf.browser.fromPixels(bitmap)` computes in a worker on a backend
 * without a FromPixels kernel (WASM): the bitmap drawn 1:1 on a 2D OffscreenCanvas, read back with
 * getImageData, alpha dropped, each channel an int32.
 */
import type { FramePixels } from '../shared/video-info';
import { grayFromRgb } from '../core/gray-image';
import { yuv420ToRgbScaled } from './yuv-to-rgb';

export type { FramePixels };

/** Drops the alpha channel of `width`×`height` RGBA bytes into an int32 RGB array (`into`, if given: a reused one). */
export function rgbaToRgbInt32(rgba: ArrayLike<number>, width: number, height: number, into?: Int32Array): Int32Array {
  const count = width * height;
  if (rgba.length < count * 4) throw new TypeError(`rgba holds ${rgba.length} values, fewer than ${count * 4} for ${width}×${height}`);
  if (into && into.length !== count * 3) throw new TypeError(`into holds ${into.length} values, not ${count * 3} for ${width}×${height}`);
  const rgb = into ?? new Int32Array(count * 3);
  for (let i = 0, o = 0, end = count * 4; i < end; i += 4) {
    rgb[o++] = rgba[i]!;
    rgb[o++] = rgba[i + 1]!;
    rgb[o++] = rgba[i + 2]!;
  }
  return rgb;
}

/** Reads bitmaps' pixels through one reused canvas (as tfjs reuses its own). */
export type PixelReader = (bitmap: ImageBitmap) => FramePixels;

/** Reads a bitmap's RGBA bytes through one reused canvas (as tfjs reuses its own). */
function createRgbaReader(): (bitmap: ImageBitmap) => ImageData {
  let context: OffscreenCanvasRenderingContext2D | null = null;
  return (bitmap) => {
    // The same canvas set-up as tfjs' fromPixels in a worker, so the pixels are the same.
    context ??= new OffscreenCanvas(1, 1).getContext('2d');
    if (!context) throw new Error('OffscreenCanvas has no 2D context here');
    const { width, height } = bitmap;
    context.canvas.width = width;
    context.canvas.height = height;
    context.drawImage(bitmap, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };
}

/** Creates a PixelReader; needs OffscreenCanvas (any worker or page in Chromium). */
export function createPixelReader(): PixelReader {
  const read = createRgbaReader();
  return (bitmap) => {
    const { data, width, height } = read(bitmap);
    return { data: rgbaToRgbInt32(data, width, height), width, height };
  };
}

/** Reads bitmaps' grey levels (src/core/speaker/mouth-pixels.ts `grayFromRgb`, the mouth measure's input) through one reused canvas. */
export function createGrayReader(): (bitmap: ImageBitmap) => { data: Uint8Array; width: number; height: number } {
  const read = createRgbaReader();
  return (bitmap) => {
    const { data, width, height } = read(bitmap);
    return { data: grayFromRgb(data, width, height, 4), width, height };
  };
}

/**
 * A camera `VideoFrame`'s pixels without a canvas: `copyTo` converts it to RGBA (sRGB) straight from
 * the frame's own planes. On Chromium's 640×480 fake camera (I420) the values equal those of drawing
 * the frame on a canvas (fromPixels' path) to the last byte, and in a worker, with a page drawing
 * at display rate and the machine at load 8, it took 7.5 ms where the canvas path (a bitmap of the
 * frame, drawn and read back) took 48 ms and a bitmap of the frame alone 24 ms. Null where `copyTo`
 * cannot convert to RGBA (older browsers) or the visible picture is scaled for display: the caller
 * then reads a bitmap as before. `buffer` gives the array to write into (a reused one: see array-pool.ts).
 */
export async function readVideoFrameRgba(
  frame: VideoFrame,
  buffer: (length: number) => Uint8ClampedArray<ArrayBuffer> = (length) => new Uint8ClampedArray(length),
): Promise<ImageData | null> {
  const rect = frame.visibleRect;
  if (!rect || rect.width !== frame.displayWidth || rect.height !== frame.displayHeight) return null;
  const { width, height } = rect;
  const options: VideoFrameCopyToOptions = { format: 'RGBA', colorSpace: 'srgb' };
  try {
    const rgba = buffer(frame.allocationSize(options));
    if (rgba.length !== width * height * 4) return null;
    await frame.copyTo(rgba, options);
    return new ImageData(rgba, width, height);
  } catch {
    return null;
  }
}

/**
 * A camera `VideoFrame` the browser scales lazily (its visible picture larger than its display
 * size: a 1080p-only camera cropped and scaled to the asked 640×480), as RGB int32 at its display
 * size: its visible 4:2:0 planes copied as they are and shrunk in one pass (yuv-to-rgb.ts). Null for
 * other formats or a picture not scaled down: the caller reads a bitmap as before. `yuvBuffer` and
 * `rgbBuffer` give the arrays to write into (reused ones: see array-pool.ts).
 */
export async function readScaledVideoFrameRgb(
  frame: VideoFrame,
  yuvBuffer: (length: number) => Uint8Array<ArrayBuffer> = (length) => new Uint8Array(length),
  rgbBuffer: (length: number) => Int32Array<ArrayBuffer> = (length) => new Int32Array(length),
): Promise<{ yuv: Uint8Array<ArrayBuffer>; pixels: { data: Int32Array<ArrayBuffer>; width: number; height: number } } | null> {
  const rect = frame.visibleRect;
  const format = frame.format;
  const { displayWidth: width, displayHeight: height } = frame;
  if (!rect || (format !== 'I420' && format !== 'NV12') || width > rect.width || height > rect.height) return null;
  try {
    const visible = { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    const yuv = yuvBuffer(frame.allocationSize({ rect: visible }));
    const layout = await frame.copyTo(yuv, { rect: visible });
    const matrix = frame.colorSpace.matrix === 'bt709' ? 'bt709' : 'bt601';
    const picture = { data: yuv, layout, format, width: rect.width, height: rect.height, matrix, fullRange: frame.colorSpace.fullRange ?? false } as const;
    const rgb = rgbBuffer(width * height * 3);
    yuv420ToRgbScaled(picture, width, height, rgb);
    return { yuv, pixels: { data: rgb, width, height } };
  } catch {
    return null;
  }
}
