/**
 * A camera unlike our footage (issue 28): a fake camera plays a tight face crop of a neutral shared
 * clip (made at test time in .cache). Calibrated, the answer is the general networks divided by the
 * session's reference (`general-cal`), not the trained heads, and the badge says so.
 */
import { expectCalibratedAnswer, faceCropCameraFile, fakeCamera } from './camera-calibration';
import { test } from './fixtures';

test.use(fakeCamera(faceCropCameraFile()));

test.describe('camera', () => {
  test('off our footage the calibrated answer is the general networks calibrated to the person', async ({ page, watch }, testInfo) => {
    test.setTimeout(240_000);
    await expectCalibratedAnswer(page, watch, testInfo, 1, { answeredBy: /^general-cal$/, shot: 'camera-calibrated-unfamiliar' });
  });
});
