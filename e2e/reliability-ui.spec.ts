/**
 * Bad inputs in the UI: each gets a sentence in `error-banner`, the results already on screen
 * stay, and a good clip still works afterwards. Also: a new file dropped mid-run cancels the old one.
 * (A 4K file's downscaled analysis and its boxes in 4K pixels: real-files.spec.ts.)
 */
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { clip, expect, openApp, test } from './fixtures';
import { analyseFile, startLongAnalysis } from './ui-helpers';
import { audioOnly, damagedXvidAvi, notAVideo, truncatedMp4, zeroByteFile } from './media';

// Each test drops its good clip, then its bad input: one page per query serves them (fixtures.ts keepPage).
test.use({ keepPage: true });

const GOOD = clip('07-03-01_01.mp4');

const dropAndWait = (page: Page, file: string, phase: 'done' | 'failed') => analyseFile(page, file, 180_000, phase);

const cases: [string, () => string, RegExp][] = [
  ['a file that is not a video', notAVideo, /not a video/i],
  ['a truncated MP4 (its index cut off)', () => truncatedMp4(false), /truncated/i],
  // Converted on the device first (FFmpeg cannot read it either): the browser's sentence, and what was on screen stays.
  ['a damaged Xvid AVI', damagedXvidAvi, /cannot decode MPEG-4 Part 2/i],
  ['an audio-only file', audioOnly, /no video track/i],
  ['a zero-byte file', zeroByteFile, /empty/i],
];

for (const [name, make, message] of cases) {
  test(`${name}: a clear message, earlier results kept, and a good clip still works`, async ({ page }) => {
    await openApp(page, '?backend=wasm');
    await dropAndWait(page, GOOD, 'done');
    const bad = make();
    await page.getByTestId('file-input').setInputFiles(bad);
    await expect(page.getByTestId('error-banner')).toContainText(message);
    await expect(page.getByTestId('error-banner')).toContainText(bad.split('/').pop()!);
    // What the user had is still there: the previous clip and its result.
    await expect(page.getByTestId('progress')).toHaveAttribute('data-file', GOOD.split('/').pop()!);
    await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(1);
    await dropAndWait(page, clip('07-02-04_01.mp4'), 'done');
    await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(1);
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  });
}

test('a folder that labels no clip (labels.csv alone) or holds no video: a clear message, earlier results kept', async ({ page }, testInfo) => {
  await openApp(page, '?backend=wasm');
  await dropAndWait(page, GOOD, 'done');
  const csv = testInfo.outputPath('labels.csv');
  writeFileSync(csv, 'file,label\na.mp4,happy\nb.mp4,sad\n');
  // The labels file picked without its clips.
  await page.getByTestId('folder-input').setInputFiles([csv]);
  await expect(page.getByTestId('error-banner')).toContainText('No clip to evaluate: 2 line(s) of the labels file skipped (line 2: a.mp4 is not among the files given.)');
  // No video and no labels (a folder of videos without labels is answered clip by clip: ui-calibration.spec.ts).
  const note = testInfo.outputPath('README.txt');
  writeFileSync(note, 'clips to come\n');
  await page.getByTestId('folder-input').setInputFiles([note]);
  await expect(page.getByTestId('error-banner')).toContainText('No video among this file');
  // What the user had is still there, and no evaluation started.
  await expect(page.getByTestId('progress')).toHaveAttribute('data-file', GOOD.split('/').pop()!);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveCount(1);
  await expect(page.getByTestId('evaluation')).toHaveCount(0);
});

test('an MP4 whose frames run out mid-way: the analysis stops with a message, the app still works', async ({ page }) => {
  // The index is intact, so the file opens and analysis starts; the missing data shows up while
  // decoding, and the run ends with a sentence saying how many frames could be read.
  await openApp(page, '?backend=wasm');
  await dropAndWait(page, truncatedMp4(true), 'failed');
  await expect(page.getByTestId('error-banner')).toContainText(/truncated: only \d+ of its \d+ frames/);
  await dropAndWait(page, GOOD, 'done');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('dropping a new file mid-run cancels the old one cleanly', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=10');
  const progress = await startLongAnalysis(page);
  await dropAndWait(page, GOOD, 'done');
  // Only the new clip's results: one track, its frames, no leak across the cancelled run.
  await expect(page.locator('[data-testid=vote-inspector] tbody tr')).toHaveCount(1);
  await expect(progress).toHaveAttribute('data-tensor-delta', '0');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});
