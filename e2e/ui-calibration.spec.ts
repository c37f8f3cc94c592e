/**
 * Issue 17 (part 5): person calibration in the UI. A folder with clips of two actors is grouped by
 * face into one group per actor and evaluated again per person (the evaluate JSON's `calibrated`
 * block); a single short clip says it was analysed uncalibrated. The camera's calibration is in
 * ui-calibration-camera.spec.ts (the live project). Inputs are made from ../shared clips at test
 * time (output folder, never the repo).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clip, expect, openApp, sharedLabels, test } from './fixtures';
import { analyseFile, snap } from './ui-helpers';

// Both tests drop their own input on one page (fixtures.ts keepPage).
test.use({ keepPage: true });

/** Four clips each of actors 01 and 02 (sentence 01, emotions 01–04), listed interleaved. */
const ACTORS = ['01', '02'];
const CLIPS = ['01', '02', '03', '04'].flatMap((e) => ACTORS.map((a) => `${a}-01-${e}_01.mp4`));

/** The folder: the clips and a labels.csv with their true labels (no actor column: grouping sees faces only). */
function makeFolder(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const truth = sharedLabels();
  for (const name of CLIPS) copyFileSync(clip(name), join(dir, name));
  writeFileSync(join(dir, 'labels.csv'), `${['file,label', ...CLIPS.map((n) => `${n},${truth.get(n)}`)].join('\n')}\n`);
  return [...CLIPS, 'labels.csv'].map((n) => join(dir, n));
}

test('a folder of two actors is grouped by face, one group each, and evaluated again per person', async ({ page, watch }, testInfo) => {
  test.setTimeout(600_000);
  await openApp(page, '?backend=wasm&fps=2');
  // The toolbar shows the rate the query set (it showed its first choice, 5 fps, while analysing at 2).
  await expect(page.getByTestId('sampling-select')).toHaveValue('2');
  await expect(page.getByTestId('sampling-select').locator('option:checked')).toHaveText('2 fps');
  await page.getByTestId('folder-input').setInputFiles(makeFolder(testInfo.outputPath('folder')));
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toHaveAttribute('data-phase', 'done', { timeout: 540_000 });
  await expect(evaluation).toHaveAttribute('data-done', String(CLIPS.length));

  // The groups shown: one per actor, each of that actor's four clips, each a reference.
  const groups = page.getByTestId('person-group');
  await expect(groups).toHaveCount(ACTORS.length);
  const shown = await groups.evaluateAll((lis) => lis.map((li) => ({ clips: li.getAttribute('data-clips'), reference: li.getAttribute('data-reference') })));
  const expected = ACTORS.map((a) => ({ clips: CLIPS.filter((c) => c.startsWith(`${a}-`)).join(' '), reference: 'true' }));
  expect(shown).toEqual(expected);
  await snap(page, testInfo, 'folder-groups');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const path = testInfo.outputPath('evaluate.json');
  await (await download).saveAs(path);
  const report = JSON.parse(readFileSync(path, 'utf8'));
  // The matrix opens on emolens's answer (as the page showed it), not on the frame average.
  expect(report.ensemble?.name).toBe('emolens');
  await expect(page.getByTestId('confusion-matrix')).toHaveAttribute('data-model', report.ensemble.name);
  // `models` stays each clip alone; `calibrated` has the same models plus the person-calibrated ones
  // (`-cal` heads, `…Cal` ensembles), which answer only with a reference, over the same clips, and the groups.
  expect(report.calibrated.groups).toEqual(ACTORS.map((a, i) => ({ id: i + 1, clips: CLIPS.filter((c) => c.startsWith(`${a}-`)), reference: true })));
  const aloneKeys = Object.keys(report.models);
  const calibratedKeys = Object.keys(report.calibrated.models);
  expect(calibratedKeys).toEqual(expect.arrayContaining(aloneKeys));
  const onlyCalibrated = calibratedKeys.filter((k) => !aloneKeys.includes(k));
  expect(onlyCalibrated.length).toBeGreaterThan(0);
  expect(onlyCalibrated.every((k) => /(-cal|Cal)$/.test(k))).toBe(true);
  for (const m of Object.values(report.calibrated.models) as { confusion: number[][] }[]) {
    expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(CLIPS.length);
  }
  // The frame average reads no reference: alone and calibrated agree on it.
  expect(report.calibrated.models.frameAverage).toEqual(report.models.frameAverage);

  // The calibrated view opens on the calibrated answer (ensemble.json's answer with a reference, as the page shows it).
  await page.getByTestId('calibration-view').selectOption('calibrated');
  await expect(page.getByTestId('confusion-matrix')).toHaveAttribute('data-view', 'calibrated');
  expect(report.calibrated.ensemble.name).toBe('emolens');
  expect(report.calibrated.ensemble.members[0]).toMatch(/Cal$|-cal$/);
  await expect(page.getByTestId('confusion-matrix')).toHaveAttribute('data-model', report.calibrated.ensemble.name);
  const accuracy = report.calibrated.models[report.calibrated.ensemble.name].accuracy;
  await expect(page.getByTestId('metric-accuracy')).toHaveText(`${Math.round(accuracy * 100)}%`);
  expect(watch.consoleErrors).toEqual([]);
});

test('a single short clip is analysed uncalibrated and the panel says so', async ({ page, watch }) => {
  await openApp(page, '?backend=wasm&fps=2');
  await analyseFile(page, clip('01-01-03_01.mp4'));
  const note = page.getByTestId('calibration-note');
  await expect(note).toHaveAttribute('data-calibrated', 'false');
  await expect(note).toHaveText(/^Analysed uncalibrated: /);
  expect(watch.consoleErrors).toEqual([]);
});
