/** The live camera (Chromium's fake device playing one of our clips) is tracked and released. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import config from '../playwright.config';
import { clip, expect, makeOnce, openApp, scratch, test } from './fixtures';
import { analyseFile, snap, startLongAnalysis } from './ui-helpers';

/**
 * Three seconds of a shared clip as .y4m (the fake capture device loops it), with a black band on
 * its left so that the face sits right of centre (at ~0.7 of the width): the mirrored self-view
 * must draw it left of centre.
 */
function fakeCameraFile(): string {
  return makeOnce(join(scratch, 'ui-webcam-01-01-03-right.y4m'), (tmp) =>
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '3', '-vf', 'pad=iw+160:ih:160:0:black', '-pix_fmt', 'yuv420p', tmp]),
  );
}

const baseArgs = config.use?.launchOptions?.args ?? [];
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [...baseArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile()}`],
  },
});

test('the camera shows a tracked face with a rolling emotion and is released when stopped', async ({ page, watch }, testInfo) => {
  // Keep a handle on every stream the page gets, to check that stopping releases the camera.
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    const streams: MediaStream[] = [];
    (window as unknown as { __streams: MediaStream[] }).__streams = streams;
    navigator.mediaDevices.getUserMedia = async (c) => {
      const s = await original(c);
      streams.push(s);
      return s;
    };
  });
  await openApp(page, '?backend=wasm');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
  const overlay = page.getByTestId('track-overlay');
  await expect(overlay).toHaveAttribute('data-tracks', /\d/, { timeout: 60_000 });
  await expect(page.locator('[data-testid=vote-inspector] tbody tr').first()).toBeVisible();
  // The main track carries a rolling emotion (a track seen once at start-up may have none any more).
  await expect(page.locator('[data-testid=vote-inspector] tr[data-winner=true] td').last()).toHaveText(/^[a-z]+$/);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-source', 'webcam');
  await snap(page, testInfo, 'webcam-on');
  // Shown as a mirror shows a face: the picture flipped, and the boxes drawn on the flipped side
  // (the face sits right of centre in the camera's own picture, so left of it here).
  await expect(page.getByTestId('stage-video')).toHaveCSS('transform', 'matrix(-1, 0, 0, 1, 0, 0)');
  await expect(overlay).toHaveAttribute('data-mirrored', 'true');
  await expect(page.getByTestId('stage-mirrored')).toBeVisible();
  // The box's left and right edges where they cross the canvas's middle row (its label sits above it).
  const boxEdges = () =>
    overlay.evaluate((c: HTMLCanvasElement) => {
      const row = c.getContext('2d')!.getImageData(0, Math.round(c.height / 2), c.width, 1).data;
      const xs: number[] = [];
      for (let x = 0; x < c.width; x++) if (row[4 * x + 3]! > 0) xs.push(x);
      return { left: Math.min(...xs) / c.width, right: Math.max(...xs) / c.width };
    });
  const edges = await boxEdges();
  expect((edges.left + edges.right) / 2, 'the box centre, as a share of the width').toBeLessThan(0.45);
  // A click on the box as drawn picks its track.
  const area = (await overlay.boundingBox())!;
  await overlay.click({ position: { x: ((edges.left + edges.right) / 2) * area.width, y: area.height / 2 } });
  await expect(page.getByTestId('track-detail')).toContainText('(selected)');
  // The camera keeps being analysed (no fixed rate) and each analysis is drawn: the app measured both.
  const camera = () => page.evaluate(() => window.emolensDiagnostics!.camera(0));
  await expect.poll(async () => (await camera())?.analysed ?? 0, { timeout: 60_000 }).toBeGreaterThan(2);
  expect((await camera())!.latencyMsP50).toBeGreaterThan(0);

  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  // Every camera track is stopped: the page holds no live video track.
  const states = await page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)),
  );
  expect(states.length).toBeGreaterThan(0);
  expect(states.every((s) => s === 'ended')).toBe(true);
  // The app stays usable: results stay and a file can be opened next.
  await expect(page.locator('[data-testid=vote-inspector] tbody tr').first()).toBeVisible();
  expect(watch.consoleErrors).toEqual([]);
});

test('an unplugged camera: says so, keeps the tracks found, and a file still works', async ({ page }) => {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const s = await original(c);
      (window as unknown as { __stream: MediaStream }).__stream = s;
      return s;
    };
  });
  await openApp(page, '?backend=wasm');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
  const rows = page.locator('[data-testid=vote-inspector] tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  // Unplugging ends the track with an 'ended' event (stop() alone does not fire it).
  await page.evaluate(() => {
    const track = (window as unknown as { __stream: MediaStream }).__stream.getVideoTracks()[0]!;
    track.stop();
    track.dispatchEvent(new Event('ended'));
  });
  await expect(page.getByTestId('error-banner')).toContainText('camera was disconnected');
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  await expect(rows.first()).toBeVisible();
  await analyseFile(page, clip('07-03-01_01.mp4'));
  await expect(rows).toHaveCount(1);
});

test('starting the camera during a file cancels the file cleanly; a file after the camera works', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=10');
  const progress = await startLongAnalysis(page);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'on', { timeout: 60_000 });
  await expect(progress).toHaveAttribute('data-source', 'webcam');
  // No stale file results: the tracks shown come from the camera.
  await expect(page.locator('[data-testid=vote-inspector] tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  await analyseFile(page, clip('07-03-01_01.mp4'));
  await expect(progress).toHaveAttribute('data-tensor-delta', '0');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});
