/** Helpers shared by the ui-*.spec.ts tests: analysing a file, reading canvas pixels, screenshots. */
import type { Page, TestInfo } from '@playwright/test';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, makeOnce, scratch } from './fixtures';

/** Picks `file` through the hidden file input and waits until its analysis is done. */
export async function analyseFile(page: Page, file: string, timeout = 120_000, phase: 'done' | 'failed' = 'done'): Promise<void> {
  const progress = page.getByTestId('progress');
  // A run shown before may have had the same file name and be done already: wait for the next run's
  // number (the file is probed before its run begins). With none shown (idle) nothing stale can be read.
  const before = (await progress.count()) > 0 ? Number(await progress.getAttribute('data-run')) : null;
  await page.getByTestId('file-input').setInputFiles(file);
  if (before !== null) await expect(progress).toHaveAttribute('data-run', String(before + 1));
  await expect(progress).toHaveAttribute('data-file', file.split('/').pop()!);
  await expect(progress).toHaveAttribute('data-phase', phase, { timeout });
}

/** Analyses `file` in the page and returns the report its "Export JSON" button downloads. */
export async function analysedReport(page: Page, file: string, timeout = 180_000): Promise<AnalysisReport> {
  await analyseFile(page, file, timeout);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')) as AnalysisReport;
}

/** Drops an 8-second clip and returns `progress` once a few frames are analysed (a run to interrupt). */
export async function startLongAnalysis(page: Page) {
  await page.getByTestId('file-input').setInputFiles(clip('02-04-05_01.mp4'));
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveAttribute('data-phase', 'decoding', { timeout: 60_000 });
  await expect.poll(async () => Number(await progress.getAttribute('data-frames')), { timeout: 60_000 }).toBeGreaterThan(2);
  return progress;
}

/**
 * A cheap fingerprint of what the stage shows: the playing <video> frame with the overlay canvas
 * drawn over it (the page shows them stacked; this composes them the same way).
 */
export async function stageFingerprint(page: Page): Promise<string> {
  return page.getByTestId('track-overlay').evaluate((overlay: HTMLCanvasElement) => {
    const video = overlay.parentElement!.querySelector<HTMLVideoElement>('[data-testid=stage-video]')!;
    const c = document.createElement('canvas');
    c.width = overlay.width;
    c.height = overlay.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(video, 0, 0, c.width, c.height);
    ctx.drawImage(overlay, 0, 0);
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

/**
 * A composite for the voting sliders: the big face on the left leaves after 1.2 s (black after),
 * the half-size face on the right stays the whole clip. Size and detection probability favour the
 * left face, frequency favours the right one.
 */
export function bigFaceLeavesEarly(big = '01-01-03_01.mp4', small = '02-01-01_01.mp4'): string {
  return makeOnce(join(scratch, 'ui-big-face-leaves-early.mp4'), (tmp) =>
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-i', clip(big), '-i', clip(small),
      '-filter_complex',
      '[0:v]trim=duration=1.2,setpts=PTS-STARTPTS,tpad=stop_duration=10:color=black[l];[1:v]scale=180:136,pad=360:270:90:67:black[r];[l][r]hstack=inputs=2:shortest=1[v]',
      '-map', '[v]', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-r', '30', tmp,
    ]),
  );
}
