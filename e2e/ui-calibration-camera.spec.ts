/**
 * The camera calibrates on request (issue 17, part 5; files and folders: ui-calibration.spec.ts).
 * A fake camera plays a neutral shared clip, made at test time in .cache (never the repo).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import config from '../playwright.config';
import { clip, expect, makeOnce, openApp, scratch, test } from './fixtures';
import { snap } from './ui-helpers';

/** Three seconds of a neutral shared clip as .y4m (the fake capture device loops it). */
function neutralCameraFile(): string {
  return makeOnce(join(scratch, 'ui-calibration-02-01-01.y4m'), (tmp) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('02-01-01_01.mp4'), '-t', '3', '-pix_fmt', 'yuv420p', tmp]));
}

test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [...(config.use?.launchOptions?.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${neutralCameraFile()}`],
  },
});

test.describe('camera', () => {
  test('Calibrate collects neutral seconds, then answers calibrated and says so over the picture', async ({ page, watch }, testInfo) => {
    test.setTimeout(240_000);
    await openApp(page, '?backend=wasm');
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
    const badge = page.getByTestId('calibration-badge');
    await expect(badge).toHaveAttribute('data-phase', 'off');
    await expect(badge).toHaveText('Not calibrated');
    await expect(page.getByTestId('track-overlay')).toHaveAttribute('data-tracks', /\d/, { timeout: 60_000 });
    await page.getByTestId('calibrate').click();
    await expect(badge).toHaveAttribute('data-phase', 'collecting');
    await expect(badge).toHaveAttribute('data-phase', 'on', { timeout: 60_000 });
    await expect(badge).toHaveAttribute('data-clips', /^[1-9]\d*$/);
    // A calibrated answer from the clip models, named in the badge.
    await expect(badge).toHaveAttribute('data-answer', /^[a-z]+$/, { timeout: 60_000 });
    await expect(badge).toContainText(/^Calibrated \(\d+ reference clips?\) · [a-z]+/);
    await snap(page, testInfo, 'camera-calibrated');
    // Stopping the camera ends the session's calibration.
    await page.getByTestId('webcam-toggle').click();
    await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
    await expect(page.getByTestId('calibrate')).toHaveCount(0);
    expect(watch.consoleErrors).toEqual([]);
  });
});
