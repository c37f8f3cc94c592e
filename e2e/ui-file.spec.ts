/** A dropped clip plays with its tracks drawn over it; vote, track detail, pyramid and predictions fill in. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, openApp, repoRoot, test } from './fixtures';
import { analyseFile, snap, stageFingerprint } from './ui-helpers';

test('a clip plays with its tracks drawn over it while vote, pyramid and predictions fill in', async ({ page, watch }, testInfo) => {
  await openApp(page, '?backend=wasm&fps=5');
  await snap(page, testInfo, 'first-screen-1280');
  const file = clip('01-01-03_01.mp4');
  await page.getByTestId('file-input').setInputFiles(file);

  // Playback never waits for the models: while analysis runs slower than real time the overlay says so.
  const overlay = page.getByTestId('track-overlay');
  await expect(overlay).toHaveAttribute('data-media-time', /[1-9]/, { timeout: 60_000 });
  await snap(page, testInfo, 'playing-1280');
  await expect(page.getByTestId('progress')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });

  // Replayed after analysis, the overlay shows the tracked face and the picture changes between frames.
  // Analysis can finish before the 3.8 s clip has played out; wait for its end so the click replays it.
  await expect(page.getByTestId('play-toggle')).toHaveText('Play', { timeout: 10_000 });
  await page.getByTestId('play-toggle').click();
  await expect(overlay).toHaveAttribute('data-tracks', /\d/, { timeout: 10_000 });
  const first = await stageFingerprint(page);
  const t1 = Number(await overlay.getAttribute('data-media-time'));
  await page.waitForTimeout(600);
  const second = await stageFingerprint(page);
  const t2 = Number(await overlay.getAttribute('data-media-time'));
  expect(t2).toBeGreaterThan(t1);
  expect(second).not.toBe(first);
  await expect(overlay).toHaveAttribute('data-tracks', '1');

  const rows = page.locator('[data-testid=vote-inspector] tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-winner', 'true');
  await expect(page.getByTestId('pyramid-view').locator('.pyr-row')).toHaveCount(4);
  await expect(page.getByTestId('pyramid-view').locator('.pyr-cell')).toHaveCount(15);
  const thumb = page.getByTestId('track-thumbnails').locator('img').first();
  await expect(thumb).toBeVisible();
  expect(await thumb.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(64);
  // The timeline: one line per emotion through every analysed frame; hovering reads the values out.
  const timeline = page.getByTestId('emotion-timeline');
  await expect(timeline.locator('polyline.timeline-line')).toHaveCount(7);
  await expect(timeline.locator('polyline[data-emotion=happiness]')).toHaveAttribute('points', /^\d[\d.]*,[\d.]+( [\d.]+,[\d.]+){4,}$/);
  await timeline.locator('svg.timeline-chart').hover({ position: { x: 120, y: 60 } });
  await expect(page.getByTestId('timeline-readout')).toContainText(/happiness \d\.\d\d/);
  await expect(page.getByTestId('predictions').locator('[data-model=frameAverage]')).toHaveAttribute('data-label', 'happiness');
  // The headline is emolens's answer for a clip alone (one of our actors: familiar), as
  // public/trained/ensemble.json names it, in plain words, with one sentence on why and how well it
  // does on new people; the model's name is in the table, starred.
  const { answer } = JSON.parse(readFileSync(join(repoRoot, 'public/trained/ensemble.json'), 'utf8')) as { answer: { alone: { name: string; unseenAccuracy: number } } };
  await expect(page.getByTestId('headline-prediction').locator('.headline-answer')).toHaveAttribute('data-answer-model', answer.alone.name);
  await expect(page.getByTestId('headline-prediction')).toContainText('emolens thinks:');
  // The bars under the headline say what it says: the answer's probabilities after the same
  // calibration as its confidence (they showed the uncalibrated ones: "sure (96%)" over a 87% bar).
  const confidence = Number(await page.getByTestId('headline-prediction').getAttribute('data-confidence'));
  await expect(page.getByTestId('answer-bars')).toHaveAttribute('data-scaled', 'true');
  await expect(page.getByTestId('answer-bars').locator('.bar-win .bar-value')).toHaveText(`${Math.round(confidence * 100)}%`);
  await expect(page.getByTestId('answer-why')).toContainText(`looks like the clips emolens was trained on`);
  await expect(page.getByTestId('answer-why')).toContainText(`right on ${Math.round(100 * answer.alone.unseenAccuracy)} % of clips`);
  await expect(page.getByTestId('predictions').locator(`[data-model="${answer.alone.name}"]`)).toHaveAttribute('data-answer', 'true');
  // Its row holds the fusion's own probability, and beside it the headline's rescaled one ("fear 50 %"
  // under "fairly sure (71 %)" had read as two answers).
  await expect(page.getByTestId('predictions').locator(`[data-model="${answer.alone.name}"] [data-testid=answer-rescaled]`)).toHaveText(`(${Math.round(confidence * 100)}% rescaled)`);
  // The table opens on the answer, the untrained per-frame models and speech; the trained heads and
  // fusions (thirty-odd rows) wait under a closed "every other model" until asked for.
  const firstRows = page.getByTestId('models-first');
  for (const m of [answer.alone.name, 'frameAverage', 'humanEmotion', 'general', 'speech']) await expect(firstRows.locator(`[data-model="${m}"]`), m).toBeVisible();
  const more = page.getByTestId('models-more');
  await expect(more.locator('[data-model="tp-face-lr"]')).toBeHidden();
  await more.locator('summary').click();
  await expect(more.locator('[data-model="tp-face-lr"]')).toBeVisible();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-tensor-delta', '0');
  // The clip's speech reached the speech model (decoded in the worker alongside the frames): it has a row, and nothing is missing.
  await expect(page.getByTestId('predictions').locator('[data-model=speech]')).toHaveAttribute('data-label', /\w/);
  await expect(page.getByTestId('result-warning')).toHaveCount(0);
  // …and the answer weighed it, so its why says what that model has heard (the voice check cannot tell a language).
  await expect(page.getByTestId('answer-why')).toContainText('The voice was weighed too, by a speech model that has only heard Javanese');

  // Selecting the track from the list shows it as selected.
  await rows.first().getByRole('button').click();
  await expect(page.getByTestId('track-detail')).toContainText('(selected)');
  await snap(page, testInfo, 'done-1280');

  // The CSV export has one row per track.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = await (await download).createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv.trim().split('\n')).toHaveLength(2);
  expect(csv).toContain('01-01-03_01.mp4');

  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, 'done-390');
  expect(watch.consoleErrors).toEqual([]);
});
