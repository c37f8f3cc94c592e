import { execFileSync } from 'node:child_process';
import { clip, expect, openApp, test } from './fixtures';

/** Frame count of a clip's first video stream, as ffprobe counts it by decoding. */
function ffprobeFrames(path: string): number {
  const out = execFileSync('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-count_frames',
    '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', path,
  ]).toString();
  return Number(out.trim());
}

test('the page loads with a backend, no console errors and no foreign requests', async ({ page, watch }) => {
  await openApp(page);
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});

test('?backend=wasm forces WASM', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveText(/wasm/);
  expect(watch.consoleErrors).toEqual([]);
});

test('?backend=webgpu starts WebGPU, or says why it fell back', async ({ page }) => {
  await openApp(page, '?backend=webgpu');
  const badge = await page.getByTestId('backend-badge').textContent();
  if (!badge?.includes('webgpu')) await expect(page.getByTestId('error-banner')).toContainText(/webgpu/i);
});

test('decoding a shared clip in the browser yields as many frames as ffprobe counts', async ({ page, watch }) => {
  const file = clip('01-01-03_01.mp4');
  const expected = ffprobeFrames(file);
  await openApp(page, '?backend=wasm');
  await page.getByTestId('sampling-select').selectOption('all');
  await page.getByTestId('file-input').setInputFiles(file);
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveAttribute('data-phase', 'done');
  await expect(progress).toHaveAttribute('data-frames', String(expected));
  await expect(page.getByTestId('video-info')).toContainText(`${expected} frames`);
  await expect(page.getByTestId('video-info')).toContainText('360×270');
  expect(watch.consoleErrors).toEqual([]);
});

test('a file that is not a video gets a clear message and the app keeps working', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('file-input').setInputFiles({
    name: 'notes.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.from('this is plain text, not a video\n'.repeat(50)),
  });
  await expect(page.getByTestId('error-banner')).toContainText('not a video');
  await page.getByTestId('file-input').setInputFiles(clip('01-01-01_01.mp4'));
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
