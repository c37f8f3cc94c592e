/** A labelled folder runs clip by clip; the confusion matrix fills in and is exported. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { clip, expect, openApp, sharedLabels, test } from './fixtures';
import { notAVideo } from './media';
import { snap } from './ui-helpers';

const CLIPS = ['01-01-03_01.mp4', '02-01-01_01.mp4', '03-01-02_01.mp4'];

/** A folder with three shared clips, a broken one and a labels.csv with two bad lines. */
function makeFolder(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const truth = sharedLabels();
  for (const name of CLIPS) copyFileSync(clip(name), join(dir, name));
  copyFileSync(notAVideo(), join(dir, 'broken.mp4'));
  const lines = ['file,label', ...CLIPS.map((n) => `${n},${truth.get(n)}`), 'broken.mp4,happy', 'missing.mp4,sad', 'x.mp4,bored'];
  writeFileSync(join(dir, 'labels.csv'), `${lines.join('\n')}\n`);
  return [...CLIPS, 'broken.mp4', 'labels.csv'].map((n) => join(dir, n));
}

/** What the per-model chart draws: one accuracy and one weighted-F1 bar per model, read from the SVG. */
async function chartBars(page: Page) {
  return page.getByTestId('evaluation-chart').locator('g.eval-bar').evaluateAll((gs) =>
    gs.map((g) => ({
      model: g.getAttribute('data-model')!,
      metric: g.getAttribute('data-metric')!,
      value: Number(g.getAttribute('data-value')),
      width: (g as SVGGElement).getBBox().width,
    })),
  );
}

/**
 * The chart shows every model of the finished evaluation, best first, with the
 * numbers the panel prints for each model and the exported report holds, and chance for the classes present.
 */
async function expectChartMatchesPanel(page: Page, report: { models: Record<string, { accuracy: number; weightedF1: number }>; perClip: { label: string }[] }) {
  const chart = page.getByTestId('evaluation-chart');
  await expect(chart).toHaveAttribute('data-clips', '4');
  const models = await page.getByTestId('model-select').locator('option').allTextContents();
  expect(models.length).toBeGreaterThan(0);
  const bars = await chartBars(page);
  const accuracy = bars.filter((b) => b.metric === 'accuracy');
  const f1 = bars.filter((b) => b.metric === 'weightedF1');
  expect(accuracy.map((b) => b.model).sort()).toEqual([...models].sort());
  expect(f1.map((b) => b.model).sort()).toEqual([...models].sort());
  // Best first: accuracy never rises down the chart.
  const values = accuracy.map((b) => b.value);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  for (const m of models) {
    const acc = accuracy.find((b) => b.model === m)!.value;
    const wf1 = f1.find((b) => b.model === m)!.value;
    expect(acc).toBeCloseTo(report.models[m]!.accuracy * 100, 6);
    expect(wf1).toBeCloseTo(report.models[m]!.weightedF1 * 100, 6);
    await page.getByTestId('model-select').selectOption(m);
    await expect(page.getByTestId('metric-accuracy')).toHaveText(`${Math.round(acc)}%`);
    await expect(page.getByTestId('metric-weighted-f1')).toHaveText((wf1 / 100).toFixed(3));
  }
  // Bar lengths are proportional to the values (same pixels per percent for every drawn bar).
  const scales = bars.filter((b) => b.value > 0).map((b) => b.width / b.value);
  for (const k of scales) expect(k).toBeCloseTo(scales[0]!, 1);
  expect(bars.filter((b) => b.value === 0).every((b) => b.width < 1)).toBe(true);
  const classes = new Set(report.perClip.map((c) => c.label)).size;
  expect(Number(await chart.getAttribute('data-chance'))).toBeCloseTo(100 / classes, 6);
  await expect(chart.locator('.recharts-reference-line line')).toHaveAttribute('stroke-dasharray', '5 4');
}

test('a labelled folder fills the confusion matrix clip by clip and exports the evaluation', async ({ page, watch }, testInfo) => {
  const files = makeFolder(testInfo.outputPath('folder'));
  await openApp(page, '?backend=wasm&fps=5');
  await page.getByTestId('folder-input').setInputFiles(files);
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toHaveAttribute('data-total', '4');
  await expect(evaluation).toHaveAttribute('data-phase', 'running');
  // labels.csv lines that could not be used are listed with their line numbers.
  await expect(page.getByTestId('label-errors')).toContainText('line 6');
  await expect(page.getByTestId('label-errors')).toContainText('line 7');
  await expect(evaluation).toHaveAttribute('data-done', '1', { timeout: 90_000 });
  // While clips still play, recharts stays out of the page (its first render is a long task).
  await expect(page.getByTestId('evaluation-chart-pending')).toBeVisible();
  await expect(page.getByTestId('evaluation-chart')).toHaveCount(0);
  await snap(page, testInfo, 'folder-running');
  await expect(evaluation).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  await expect(evaluation).toHaveAttribute('data-done', '4');

  const counts = await page.getByTestId('confusion-matrix').locator('button.cell').evaluateAll((cells) =>
    cells.map((c) => Number((c as HTMLElement).dataset.count)),
  );
  expect(counts).toHaveLength(49);
  // The broken file was never analysed: counted wrong, but in no column (no emotion was predicted).
  expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
  await expect(page.getByTestId('unanswered-clips')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('evaluation-failures')).toContainText('broken.mp4');
  // The broken clip has no face to group by: the people panel says one clip is in no group.
  await expect(page.getByTestId('ungrouped-clips')).toHaveAttribute('data-count', '1');

  // Clicking a cell lists its clips.
  const cell = page.getByTestId('confusion-matrix').locator('button.cell:not([disabled])').first();
  const n = Number(await cell.getAttribute('data-count'));
  await cell.click();
  await expect(page.getByTestId('cell-clips').locator('li')).toHaveCount(n);
  await snap(page, testInfo, 'folder-done-1280');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const path = testInfo.outputPath('evaluate.json');
  await (await download).saveAs(path);
  const report = JSON.parse(readFileSync(path, 'utf8'));
  expect(report.clips).toBe(4);
  expect(Object.keys(report.models)).toContain('frameAverage');
  expect(report.models.frameAverage.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(3);
  expect(report.models.frameAverage.unanswered.reduce((a: number, b: number) => a + b, 0)).toBe(1);
  expect(report.perClip).toHaveLength(4);
  expect(report.failures.map((f: { file: string }) => f.file)).toEqual(['broken.mp4']);
  expect(report.labelErrors.map((e: { line: number }) => e.line)).toEqual([6, 7]);
  await expectChartMatchesPanel(page, report);

  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, 'folder-done-390');
  expect(watch.consoleErrors).toEqual([]);
});
