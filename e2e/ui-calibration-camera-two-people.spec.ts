/**
 * The camera calibrates with two people in view. Only the main face gets the nets the clip models
 * read (`mainFaceOnlyNets`), so the calibration must find the main track's complete records and answer.
 */
import { expectCalibratedAnswer, fakeCamera, twoPeopleCameraFile } from './camera-calibration';
import { test } from './fixtures';

test.use(fakeCamera(twoPeopleCameraFile()));

test.describe('camera, two people', () => {
  test('Calibrate answers for the main person while two are in view', async ({ page, watch }, testInfo) => {
    test.setTimeout(240_000);
    await expectCalibratedAnswer(page, watch, testInfo, 2);
  });
});
