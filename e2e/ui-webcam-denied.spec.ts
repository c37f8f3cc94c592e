/** A denied camera gives one clear sentence and the app keeps working. */
import config from '../playwright.config';
import { clip, expect, openApp, test } from './fixtures';
import { analyseFile, snap } from './ui-helpers';

// A fake device but no fake "allow" UI: headless Chromium denies the permission request.
test.use({
  launchOptions: { ...config.use?.launchOptions, args: [...(config.use?.launchOptions?.args ?? []), '--use-fake-device-for-media-stream'] },
});

test('a denied camera says so in words and a file still works afterwards', async ({ page, context }, testInfo) => {
  await context.clearPermissions();
  await openApp(page, '?backend=wasm&fps=5');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('error-banner')).toContainText('Camera access was denied', { timeout: 30_000 });
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('data-state', 'off');
  await snap(page, testInfo, 'webcam-denied');
  await analyseFile(page, clip('02-01-01_01.mp4'));
  await expect(page.locator('[data-testid=vote-inspector] tbody tr')).toHaveCount(1);
});
