/** Dropping a clip on the app: tracks, the vote and the clip emotion appear; no tensor is leaked. */
import type { Page } from '@playwright/test';
import { clip, expect, openApp, test } from './fixtures';
import { analyseFile } from './ui-helpers';

// Each test drops its own clip: one page serves them all (the WebGPU test navigates it to its own query).
test.use({ keepPage: true });

/** The frame-average probabilities shown for the current clip (once drawn: the panel renders after the run's last state). */
async function frameAverage(page: Page): Promise<{ label: string; probs: number[] }> {
  await page.locator('[data-testid=predictions] [data-model=frameAverage]').waitFor();
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid=predictions] [data-model=frameAverage]') as HTMLElement;
    return { label: el.dataset.label ?? '', probs: JSON.parse(el.dataset.probs ?? '[]') as number[] };
  });
}

test('a dropped clip shows one tracked face, its vote and the clip emotion, leaking no tensor', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  await analyseFile(page, clip('01-01-03_01.mp4'), 240_000);
  const rows = page.locator('[data-testid=vote-inspector] tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-winner', 'true');
  await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveAttribute('data-label', 'happiness');
  await expect(page.getByTestId('progress')).toHaveAttribute('data-tensor-delta', '0');

  // A second clip: the old results are replaced, and again nothing is leaked.
  await analyseFile(page, clip('02-01-01_01.mp4'), 240_000);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-tensor-delta', '0');
  expect(watch.consoleErrors).toEqual([]);
});

test('a video without a face says so plainly', async ({ page }) => {
  const { noFaceVideo } = await import('./media');
  await openApp(page, '?backend=wasm');
  await analyseFile(page, noFaceVideo(), 240_000);
  await expect(page.getByTestId('result-warning')).toContainText('No face was found');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('WebGPU gives the same answer as WASM on the same frames (SwiftShader: slow, not wrong)', async ({ page }) => {
  // Headless Chromium here has only SwiftShader's WebGPU: shader compilation alone takes minutes,
  // so this compares a single frame (the first second of a clip at 1 fps), and both runs use only
  // the networks the frame average reads (?nets=face: 3.4 min → about 1 here without CenterNet,
  // the FER net, landmarks and the clip models).
  test.setTimeout(600_000);
  const { firstSecond } = await import('./media');
  const file = firstSecond('01-01-03_01.mp4');
  await openApp(page, '?backend=wasm&fps=1&nets=face');
  await analyseFile(page, file, 240_000);
  const wasm = await frameAverage(page);
  await openApp(page, '?backend=webgpu&fps=1&nets=face');
  await expect(page.getByTestId('backend-badge')).toHaveText(/webgpu/);
  await analyseFile(page, file, 540_000);
  const webgpu = await frameAverage(page);
  expect(webgpu.label).toBe(wasm.label);
  webgpu.probs.forEach((p, i) => expect(p).toBeCloseTo(wasm.probs[i]!, 2));
});
