/**
 * The camera calibration flow shared by the camera specs (one fake camera file per spec: Playwright
 * sets launch options per worker). Camera files are made at test time in .cache (never the repo).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import config from '../playwright.config';
import { clip, expect, makeOnce, openApp, scratch } from './fixtures';
import { snap } from './ui-helpers';
import { UNFAMILIAR_KINDS } from '../src/node/unfamiliar-footage';

/** Three seconds of a neutral shared clip as .y4m (the fake capture device loops it). */
export function neutralCameraFile(): string {
  return makeOnce(join(scratch, 'ui-calibration-02-01-01.y4m'), (tmp) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('02-01-01_01.mp4'), '-t', '3', '-pix_fmt', 'yuv420p', tmp]));
}

/** Two neutral shared clips side by side, three seconds, as .y4m: two people in view. */
export function twoPeopleCameraFile(): string {
  return makeOnce(join(scratch, 'ui-calibration-two-people.y4m'), (tmp) =>
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('02-01-01_01.mp4'), '-i', clip('01-01-01_01.mp4'), '-filter_complex', '[0:v][1:v]hstack=inputs=2:shortest=1[v]', '-map', '[v]', '-t', '3', '-pix_fmt', 'yuv420p', tmp]),
  );
}

/** Three seconds of the same neutral clip as a tight face crop (issue 28's `face-crop` footage): a camera unlike our footage. */
export function faceCropCameraFile(): string {
  const args = UNFAMILIAR_KINDS.find((k) => k.name === 'face-crop')!.args(null);
  const filter = args[args.indexOf('-vf') + 1]!;
  return makeOnce(join(scratch, 'ui-calibration-face-crop.y4m'), (tmp) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('02-01-01_01.mp4'), '-vf', filter, '-t', '3', '-pix_fmt', 'yuv420p', tmp]));
}

/** Launch options for a browser with a fake camera that loops `file` (a spec's top-level `test.use`: one camera file per spec). */
export function fakeCamera(file: string) {
  return {
    launchOptions: {
      ...config.use?.launchOptions,
      args: [...(config.use?.launchOptions?.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`],
    },
  };
}

/** Starts the camera, waits for `faces` tracked faces, presses Calibrate and expects a calibrated answer named over the picture. */
export async function expectCalibratedAnswer(page: Page, watch: { consoleErrors: string[] }, testInfo: TestInfo, faces: number, { answeredBy = /^[a-zA-Z-]+$/, shot = faces === 1 ? 'camera-calibrated' : 'camera-calibrated-two-people' } = {}) {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
  const badge = page.getByTestId('calibration-badge');
  await expect(badge).toHaveAttribute('data-phase', 'off');
  await expect(badge).toHaveText('Not calibrated');
  await expect(page.getByTestId('track-overlay')).toHaveAttribute('data-tracks', faces === 1 ? /\d/ : /^\d+( \d+)+$/, { timeout: 60_000 });
  await page.getByTestId('calibrate').click();
  await expect(badge).toHaveAttribute('data-phase', 'collecting');
  await expect(badge).toHaveAttribute('data-phase', 'on', { timeout: 60_000 });
  await expect(badge).toHaveAttribute('data-clips', /^[1-9]\d*$/);
  // A calibrated answer from the clip models, named in the badge.
  await expect(badge).toHaveAttribute('data-answer', /^[a-z]+$/, { timeout: 60_000 });
  await expect(badge).toContainText(/^Calibrated \(\d+ reference clips?\) · [a-z]+/);
  // …and which models gave it: the trained heads on footage like ours, the general networks off it.
  await expect(badge).toHaveAttribute('data-answer-model', answeredBy);
  await expect(badge).toHaveAttribute('title', /^Answered by (emolens’s trained models|general-purpose expression networks), calibrated to you/);
  console.log(`camera calibrated answer by ${await badge.getAttribute('data-answer-model')}`);
  await snap(page, testInfo, shot);
  // Stopping the camera ends the session's calibration.
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('calibrate')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
}
