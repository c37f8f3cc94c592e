/**
 * Evidence that moving decoding into the decode worker changed no pixel: decodes a file
 * the way the analysis worker did before (decodeFrames, then tf.browser.fromPixels on the bitmap;
 * here in the page) and through the decode worker, and compares frame by frame the frames kept,
 * the pixels read ahead, and the bitmap the page is shown. Run by e2e/decode-worker.spec.ts on the
 * bench page.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_PERCEPTION_CONFIG } from '../shared/perception-config';
import { createDecodeClient } from '../pipeline/worker/decode-client';
import { decodeFrames, openVideo } from '../video';

/** What one file's comparison found. */
export interface PixelCheckResult {
  file: string;
  width: number;
  height: number;
  /** Frames kept by each path, as frame indices. */
  oldFrames: number[];
  newFrames: number[];
  /** Frames whose decode-worker pixels, or whose shown bitmap, differ from the old path's tensor. */
  pixelMismatches: number;
  bitmapMismatches: number;
  /** Largest absolute difference of any channel over all frames (0 when identical). */
  maxAbsDiff: number;
}

async function pixelsOf(bitmap: ImageBitmap): Promise<Int32Array> {
  const t = tf.browser.fromPixels(bitmap);
  try {
    return (await t.data()) as Int32Array;
  } finally {
    t.dispose();
  }
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Compares the old and the new decoding path on `file` at `fps` (undefined: every frame). */
export async function comparePixels(file: File, fps: number | undefined): Promise<PixelCheckResult> {
  const maxSide = DEFAULT_PERCEPTION_CONFIG.maxAnalysisSide;
  const old: { frameIndex: number; pixels: Int32Array }[] = [];
  const video = await openVideo(file);
  try {
    for await (const frame of decodeFrames(video, { fps, maxSide })) {
      try {
        old.push({ frameIndex: frame.frameIndex, pixels: await pixelsOf(frame.bitmap) });
      } finally {
        frame.close();
      }
    }
  } finally {
    video.dispose();
  }

  const result: PixelCheckResult = { file: file.name, width: 0, height: 0, oldFrames: old.map((f) => f.frameIndex), newFrames: [], pixelMismatches: 0, bitmapMismatches: 0, maxAbsDiff: 0 };
  const decoder = createDecodeClient();
  try {
    const { frames } = await decoder.open(file, { fps, maxSide, pixels: true });
    try {
      for (let i = 0; ; i++) {
        const next = await frames.next();
        if (next.done) break;
        const frame = next.value;
        try {
          result.newFrames.push(frame.frameIndex);
          const bitmap = await frame.bitmap;
          if (!bitmap) throw new Error(`the decode worker sent frame ${frame.frameIndex} without its bitmap`);
          result.width = bitmap.width;
          result.height = bitmap.height;
          const before = old[i]?.pixels ?? new Int32Array(0);
          const ahead = maxDiff(frame.pixels?.data ?? [], before);
          const shown = maxDiff(await pixelsOf(bitmap), before);
          if (ahead !== 0) result.pixelMismatches++;
          if (shown !== 0) result.bitmapMismatches++;
          result.maxAbsDiff = Math.max(result.maxAbsDiff, ahead, shown);
        } finally {
          frame.close();
        }
      }
    } finally {
      await frames.return(undefined);
    }
  } finally {
    decoder.dispose();
  }
  return result;
}
