/**
 * A camera that only gives 720p or more (a virtual camera, a phone used as a webcam): Chromium crops
 * and scales it to the 640×480 the app asks for, lazily, so each picture is read from its YUV planes
 * and shrunk by the app (docs/performance-camera.md). The face is tracked as on a 640×480 camera.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import config from '../playwright.config';
import { clip, expect, makeOnce, openApp, scratch, test } from './fixtures';

/** One second of a shared clip in a 1280×720 picture (pillarboxed), as .y4m: the fake camera loops it. */
function hdOnlyCameraFile(): string {
  return makeOnce(join(scratch, 'ui-webcam-hd-only-01-01-03.y4m'), (tmp) =>
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip('01-01-03_01.mp4'), '-t', '1', '-vf', 'scale=960:720,pad=1280:720:160:0', '-pix_fmt', 'yuv420p', tmp]),
  );
}

const baseArgs = config.use?.launchOptions?.args ?? [];
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [...baseArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${hdOnlyCameraFile()}`],
  },
});

test('a camera that only gives 720p: its pictures, scaled by the browser, are read by the app and the face is tracked', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('track-overlay')).toHaveAttribute('data-tracks', /\d/, { timeout: 60_000 });
  // The browser hands 640×480 pictures that are 1280×720 underneath (a lazily scaled VideoFrame).
  const picture = await page.evaluate(async () => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid=stage-video]')!;
    const frame = new VideoFrame(video);
    const seen = { display: [frame.displayWidth, frame.displayHeight], visible: [frame.visibleRect!.width, frame.visibleRect!.height] };
    frame.close();
    return seen;
  });
  expect(picture.display).toEqual([640, 480]);
  expect(picture.visible[1]).toBe(720);
  // Each analysed picture came through the scaled read (not a bitmap), and a face stays tracked.
  const camera = () => page.evaluate(() => window.emolensDiagnostics!.camera(0));
  await expect.poll(async () => (await camera())?.analysed ?? 0, { timeout: 60_000 }).toBeGreaterThan(5);
  const summary = (await camera())!;
  expect(summary.stagesMs.scaledCameraPicture?.runs).toBe(summary.stagesMs.cameraPicture?.runs);
  await expect(page.locator('[data-testid=vote-inspector] tr[data-winner=true]')).toHaveCount(1);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  expect(watch.consoleErrors).toEqual([]);
});
