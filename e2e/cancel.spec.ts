/**
 * The Cancel control, and a very long video. A 10-minute file (603 s) streams (progress moves,
 * the full duration is shown, tensors and heap stay bounded while it runs) and Cancel stops it:
 * the UI says where it stopped, the partial vote stays, tensors return to their level before the
 * run, and a good clip analysed afterwards gives its normal result. A folder canceled mid-way keeps
 * the clips already evaluated.
 */
import type { Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, openApp, sharedData, test } from './fixtures';
import { durationSec, longVideo } from './media';
import { analyseFile } from './ui-helpers';

// Each test starts its own run on a page that may show an earlier one: one page serves both.
test.use({ keepPage: true });

const GOOD = clip('07-03-01_01.mp4');

/** Live tensors (works whether the diagnostics hook answers synchronously or with a promise). */
async function tensors(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.emolensDiagnostics!.memory()).numTensors);
}

/** JS heap in MiB after a forced garbage collection. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** A good clip analysed after the cancel gives its normal, complete result. */
async function goodClipStillWorks(page: Page): Promise<void> {
  await analyseFile(page, GOOD);
  await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(1);
  await expect(page.locator('[data-testid=vote-inspector] tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('vote-inspector')).toHaveAttribute('data-partial', 'false');
  await expect(page.getByTestId('cancel-message')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-tensor-delta', '0');
}

test('a 10-minute video streams with bounded memory, and Cancel stops it cleanly', async ({ page, watch }) => {
  const long = await longVideo();
  await openApp(page, '?backend=wasm&fps=5');
  // A first clip loads every network, so the tensors counted next are the app's resting level.
  await analyseFile(page, GOOD);
  const resting = await tensors(page);

  await page.getByTestId('file-input').setInputFiles(long);
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveAttribute('data-phase', 'decoding', { timeout: 60_000 });
  // The whole duration (ffprobe's, ≥ 10 minutes) is known at once: the file is not read into memory first.
  const duration = durationSec(long);
  expect(duration).toBeGreaterThan(600);
  await expect(page.getByTestId('video-info')).toContainText(` · ${duration.toFixed(1)}`);
  const cancel = page.getByTestId('cancel-analysis');
  await expect(cancel).toBeVisible();

  // Three samples ~6 s apart while it runs: progress advances, tensors and heap stay put.
  const samples: { frames: number; tSec: number; tensors: number; heap: number }[] = [];
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(i === 0 ? 2_000 : 6_000);
    samples.push({
      frames: Number(await progress.getAttribute('data-frames')),
      tSec: Number(await progress.getAttribute('data-last-t')),
      tensors: await tensors(page),
      heap: await heapMiB(page),
    });
  }
  console.log(`long video while running: ${JSON.stringify(samples)}`);
  expect(samples[1]!.frames).toBeGreaterThan(samples[0]!.frames);
  expect(samples[2]!.frames).toBeGreaterThan(samples[1]!.frames);
  expect(samples[2]!.tSec).toBeGreaterThan(samples[0]!.tSec);
  // Only the frame in flight holds tensors beyond the resting level; they do not pile up.
  for (const s of samples) expect(s.tensors - resting).toBeLessThan(100);
  expect(samples[2]!.heap - samples[0]!.heap).toBeLessThan(8);

  await cancel.click();
  await expect(progress).toHaveAttribute('data-phase', 'canceled');
  await expect(cancel).toHaveCount(0);
  await expect(page.getByTestId('cancel-message')).toContainText(new RegExp(`^Analysis canceled at \\d+\\.\\d s of ${duration.toFixed(1)} s\\.`));
  // What was found so far stays, marked partial; no clip-level prediction is claimed.
  await expect(page.getByTestId('vote-inspector')).toHaveAttribute('data-partial', 'true');
  await expect(page.locator('[data-testid=vote-inspector] tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(0);
  // The released video is not left frozen on screen as if it could still play.
  await expect(page.getByTestId('track-overlay')).toHaveCount(0);
  // It has really stopped, and the frame that was in flight gave its tensors back.
  const framesAtCancel = Number(await progress.getAttribute('data-frames'));
  await expect.poll(() => tensors(page), { timeout: 10_000 }).toBe(resting);
  await page.waitForTimeout(1_500);
  expect(Number(await progress.getAttribute('data-frames'))).toBe(framesAtCancel);

  await goodClipStillWorks(page);
  expect(watch.consoleErrors).toEqual([]);
});

/** A folder of three shared clips and their labels.csv. */
function makeFolder(dir: string): string[] {
  const clips = ['02-04-05_01.mp4', '01-01-03_01.mp4', '03-01-02_01.mp4'];
  mkdirSync(dir, { recursive: true });
  const truth = new Map(
    readFileSync(join(sharedData, 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => [c[0]!, c.at(-1)!]),
  );
  for (const name of clips) copyFileSync(clip(name), join(dir, name));
  writeFileSync(join(dir, 'labels.csv'), `file,label\n${clips.map((n) => `${n},${truth.get(n)}`).join('\n')}\n`);
  return [...clips, 'labels.csv'].map((n) => join(dir, n));
}

test('a folder evaluation canceled mid-way keeps the clips already evaluated', async ({ page, watch }, testInfo) => {
  await openApp(page, '?backend=wasm&fps=5');
  await page.getByTestId('folder-input').setInputFiles(makeFolder(testInfo.outputPath('folder')));
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toHaveAttribute('data-done', '1', { timeout: 90_000 });
  const cancel = page.getByTestId('cancel-analysis');
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(evaluation).toHaveAttribute('data-phase', 'canceled');
  const done = Number(await evaluation.getAttribute('data-done'));
  expect(done).toBeGreaterThanOrEqual(1);
  expect(done).toBeLessThan(3);
  await expect(page.getByTestId('evaluation-canceled')).toContainText(`Evaluation canceled after ${done} of 3 clips`);
  // The confusion matrix still holds exactly the clips evaluated before the cancel.
  const counts = await page.getByTestId('confusion-matrix').locator('button.cell').evaluateAll((cells) =>
    cells.map((c) => Number((c as HTMLElement).dataset.count)),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(done);
  // No further clip is evaluated.
  await page.waitForTimeout(3_000);
  await expect(evaluation).toHaveAttribute('data-done', String(done));
  await expect(evaluation).toHaveAttribute('data-phase', 'canceled');

  await goodClipStillWorks(page);
  expect(watch.consoleErrors).toEqual([]);
});
