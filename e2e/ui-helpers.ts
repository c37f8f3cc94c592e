/** Helpers shared by the ui-*.spec.ts tests: analysing a file, reading canvas pixels, screenshots. */
import type { Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

/** Picks `file` through the hidden file input and waits until its analysis is done. */
export async function analyseFile(page: Page, file: string, timeout = 120_000): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-file', file.split('/').pop()!);
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done', { timeout });
}

/** A cheap fingerprint of the overlay canvas pixels. */
export async function canvasFingerprint(page: Page): Promise<string> {
  return page.getByTestId('track-overlay').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < data.length; i += 16) h = (h * 31 + data[i]!) | 0;
    return `${c.width}x${c.height}:${h}`;
  });
}

/** Saves a full-page screenshot as a test attachment (and in test-results). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
