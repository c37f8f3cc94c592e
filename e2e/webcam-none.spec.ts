/** No camera at all gives a sentence and the app keeps working (unplugged: ui-webcam.spec.ts). */
import config from '../playwright.config';
import { clip, expect, openApp, test } from './fixtures';
import { analyseFile } from './ui-helpers';

const baseArgs = config.use?.launchOptions?.args ?? [];

// The permission is granted, but this headless machine has no capture device at all.
test.use({ launchOptions: { ...config.use?.launchOptions, args: [...baseArgs, '--use-fake-ui-for-media-stream'] } });

test('no camera: says so, and a file still works', async ({ page }) => {
  await openApp(page, '?backend=wasm&fps=5');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('error-banner')).toContainText('No camera was found', { timeout: 30_000 });
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  await analyseFile(page, clip('07-03-01_01.mp4'));
  await expect(page.locator('[data-testid=vote-inspector] tbody tr')).toHaveCount(1);
});

