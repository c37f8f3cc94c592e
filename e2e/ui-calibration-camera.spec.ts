/**
 * The camera calibrates on request (issue 17, part 5; files and folders: ui-calibration.spec.ts).
 * A fake camera plays a neutral shared clip, made at test time in .cache (never the repo).
 */
import { expectCalibratedAnswer, fakeCamera, neutralCameraFile } from './camera-calibration';
import { test } from './fixtures';

test.use(fakeCamera(neutralCameraFile()));

test.describe('camera', () => {
  test('Calibrate collects neutral seconds, then answers calibrated and says so over the picture', async ({ page, watch }, testInfo) => {
    test.setTimeout(240_000);
    await expectCalibratedAnswer(page, watch, testInfo, 1);
  });
});
