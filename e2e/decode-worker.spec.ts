/**
 * Decoding moved into its own worker, which also reads each frame's pixels ahead of
 * inference. On the bench page, the same files decoded the old way (decodeFrames + fromPixels on
 * the bitmap) and through the decode worker give the same frames and the very same pixels, both
 * the pixels read ahead and the bitmap the page shows; a 4K video too (downscaled to `maxAnalysisSide`).
 */
import { DEFAULT_PERCEPTION_CONFIG } from '../src/shared/perception-config';
import { fitWithin } from '../src/video/frame-size';
import type { PixelCheckResult } from '../src/bench/pixel-check';
import { clip, expect, test } from './fixtures';
import { frameCount, video4k } from './media';

test.describe.configure({ timeout: 300_000 });

async function check(page: import('@playwright/test').Page, files: string[], fps: number | null): Promise<PixelCheckResult[]> {
  await page.goto('./bench.html?backend=wasm');
  await page.locator('#files').setInputFiles(files);
  return page.evaluate((f) => window.emolensPixelCheck!(f), fps);
}

test('every frame of a shared clip: same frames, identical pixels', async ({ page, watch }) => {
  const file = clip('07-03-01_01.mp4');
  const [result] = await check(page, [file], null);
  expect(result!.newFrames).toHaveLength(frameCount(file));
  expect(result!.newFrames).toEqual(result!.oldFrames);
  expect([result!.width, result!.height]).toEqual([360, 270]);
  expect(result!.pixelMismatches).toBe(0);
  expect(result!.bitmapMismatches).toBe(0);
  expect(result!.maxAbsDiff).toBe(0);
  expect(watch.consoleErrors).toEqual([]);
});

test('5 fps on a shared clip and on a 4K video: same frames kept, identical pixels, 4K downscaled', async ({ page, watch }) => {
  const results = await check(page, [clip('02-04-05_01.mp4'), video4k()], 5);
  for (const r of results) {
    expect(r.newFrames.length, r.file).toBeGreaterThan(5);
    expect(r.newFrames, r.file).toEqual(r.oldFrames);
    expect(r.pixelMismatches, r.file).toBe(0);
    expect(r.bitmapMismatches, r.file).toBe(0);
    expect(r.maxAbsDiff, r.file).toBe(0);
  }
  // 29.97 fps sampled at 5 fps keeps frames 0, 6, 12, … (src/video/frame-selector.ts).
  expect(results[0]!.newFrames.slice(0, 4)).toEqual([0, 6, 12, 18]);
  const analysed = fitWithin(3840, 2160, DEFAULT_PERCEPTION_CONFIG.maxAnalysisSide);
  expect([results[1]!.width, results[1]!.height]).toEqual([analysed.width, analysed.height]);
  expect(analysed.width).toBeLessThan(3840);
  expect(watch.consoleErrors).toEqual([]);
});
