/**
 * Issue 17 (part 5): person calibration in the UI. A folder with clips of two actors, picked with
 * "Evaluate a folder…" and labelled by its sub-folders' names (no labels.csv), is grouped by face
 * into one group per actor and evaluated again per person (the evaluate JSON's `calibrated` block); a single short clip says it was analysed uncalibrated. The camera's calibration is in
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

/** The folder names people give emotions (synonyms, capitals), by our labels. */
const FOLDER_OF: Record<string, string> = { neutrality: 'Neutral', sadness: 'sad', happiness: '03_happy', surprise: 'surprised' };
/** A clip in a folder that names no emotion, a note and a Mac's metadata file: none is a clip of the evaluation. */
const UNSORTED = 'unsorted/01-01-05_01.mp4';

/**
 * The folder as datasets are often laid out, without labels.csv: each clip in a folder named by its
 * emotion (grouping sees faces only; nothing names the actor). Real copies: the browser's folder
 * pick skips symbolic links.
 */
function makeFolder(dir: string): string {
  const truth = sharedLabels();
  for (const name of CLIPS) {
    mkdirSync(join(dir, FOLDER_OF[truth.get(name)!]!), { recursive: true });
    copyFileSync(clip(name), join(dir, FOLDER_OF[truth.get(name)!]!, name));
  }
  mkdirSync(join(dir, 'unsorted'), { recursive: true });
  copyFileSync(clip('01-01-05_01.mp4'), join(dir, UNSORTED));
  writeFileSync(join(dir, 'README.txt'), 'clips sorted by emotion\n');
  // What a Mac leaves beside a clip on a USB stick: named like a video, 4 KB of metadata.
  writeFileSync(join(dir, 'sad', `._${CLIPS[2]}`), Buffer.alloc(4096, 0));
  return dir;
}

/** Groups as sorted lists of their clips, and whether each is a reference (a folder's order is the browser's). */
const asPeople = (groups: { clips: string[]; reference: boolean }[]) => groups.map((g) => `${[...g.clips].sort().join(' ')}${g.reference ? '' : ' (alone)'}`).sort();
/** One group per actor, of their four clips, each a reference. */
const ONE_GROUP_EACH = ACTORS.map((a) => CLIPS.filter((c) => c.startsWith(`${a}-`)).sort().join(' '));

test('a folder of two actors is grouped by face, one group each, and evaluated again per person', async ({ page, watch }, testInfo) => {
  test.setTimeout(600_000);
  await openApp(page, '?backend=wasm&fps=2');
  // The toolbar shows the rate the query set (it showed its first choice, 5 fps, while analysing at 2).
  await expect(page.getByTestId('sampling-select')).toHaveValue('2');
  await expect(page.getByTestId('sampling-select').locator('option:checked')).toHaveText('2 fps');
  await page.getByTestId('folder-dir-input').setInputFiles(makeFolder(testInfo.outputPath('folder')));
  const evaluation = page.getByTestId('evaluation');
  // The labels are the folders': the page says so, and names the clip it left out.
  await expect(page.getByTestId('labels-from')).toHaveAttribute('data-source', 'folders');
  await expect(page.getByTestId('label-errors')).toContainText('1 clip(s) left out');
  await expect(page.getByTestId('label-errors')).toContainText('01-01-05_01.mp4: no folder above it is named by an emotion');
  // Once two clips are done the title says how long the rest will take, and stops saying it when done.
  await expect(page.getByTestId('time-left')).toHaveText(/^ · (under a minute|about \d+ min) left$/, { timeout: 300_000 });
  await expect(evaluation).toHaveAttribute('data-phase', 'done', { timeout: 540_000 });
  await expect(evaluation).toHaveAttribute('data-done', String(CLIPS.length));
  await expect(page.getByTestId('time-left')).toHaveCount(0);

  // The groups shown: one per actor, each of that actor's four clips, each a reference (clips in folder order).
  const groups = page.getByTestId('person-group');
  await expect(groups).toHaveCount(ACTORS.length);
  const shown = await groups.evaluateAll((lis) => lis.map((li) => ({ clips: li.getAttribute('data-clips')!.split(' '), reference: li.getAttribute('data-reference') === 'true' })));
  expect(asPeople(shown)).toEqual(ONE_GROUP_EACH);
  await snap(page, testInfo, 'folder-groups');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const path = testInfo.outputPath('evaluate.json');
  await (await download).saveAs(path);
  const report = JSON.parse(readFileSync(path, 'utf8'));
  // Each clip has the label of the folder it is in.
  expect(report.labelsFrom).toBe('folders');
  const truth = sharedLabels();
  expect(Object.fromEntries(report.perClip.map((c: { file: string; label: string }) => [c.file, c.label]))).toEqual(Object.fromEntries(CLIPS.map((n) => [n, truth.get(n)])));
  // The matrix opens on emolens's answer (as the page showed it), not on the frame average.
  expect(report.ensemble?.name).toBe('emolens');
  await expect(page.getByTestId('confusion-matrix')).toHaveAttribute('data-model', report.ensemble.name);
  // `models` stays each clip alone; `calibrated` has the same models plus the person-calibrated ones
  // (`-cal` heads, `…Cal` ensembles), which answer only with a reference, over the same clips, and the groups.
  expect(asPeople(report.calibrated.groups)).toEqual(ONE_GROUP_EACH);
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

test('"Evaluate a folder…" on a folder of one labelled clip evaluates it', async ({ page, watch }, testInfo) => {
  await openApp(page, '?backend=wasm&fps=2');
  const dir = testInfo.outputPath('one');
  mkdirSync(join(dir, 'happy'), { recursive: true });
  copyFileSync(clip('03-01-03_01.mp4'), join(dir, 'happy', 'take.mp4'));
  await page.getByTestId('folder-dir-input').setInputFiles(dir);
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(evaluation).toHaveAttribute('data-done', '1');
  await expect(page.getByTestId('labels-from')).toHaveAttribute('data-source', 'folders');
  expect(watch.consoleErrors).toEqual([]);
});

test('a folder of videos without labels gets each clip answered, alone and calibrated to its person, and exports them', async ({ page, watch }, testInfo) => {
  test.setTimeout(300_000);
  await openApp(page, '?backend=wasm&fps=2');
  // Actor 01's four clips (a person with a reference), actor 02's one (too few), a note and a file that is no video.
  const dir = testInfo.outputPath('unlabelled');
  const mine = ['01', '02', '03', '04'].map((e) => `01-01-${e}_01.mp4`);
  mkdirSync(join(dir, 'day2'), { recursive: true });
  for (const name of mine) copyFileSync(clip(name), join(dir, name));
  copyFileSync(clip('02-01-03_01.mp4'), join(dir, 'day2', 'guest.mp4'));
  writeFileSync(join(dir, 'notes.txt'), 'my clips\n');
  writeFileSync(join(dir, 'day2', 'broken.mp4'), 'not a video\n');
  await page.getByTestId('folder-dir-input').setInputFiles(dir);
  const panel = page.getByTestId('folder-answers');
  await expect(panel).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('evaluation')).toHaveCount(0);
  const rows = page.getByTestId('answer-row');
  await expect(rows).toHaveCount(6);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ file: tr.getAttribute('data-file')!, answer: tr.getAttribute('data-answer'), calibrated: tr.getAttribute('data-calibrated'), person: tr.getAttribute('data-person') })));
  const byFile = new Map(shown.map((r) => [r.file, r]));
  expect([...byFile.keys()].sort()).toEqual([...mine, 'broken.mp4', 'guest.mp4'].sort());
  // Every clip with a face has an answer alone and calibrated; the broken one neither, and says why.
  for (const name of [...mine, 'guest.mp4']) {
    expect(byFile.get(name)!.answer, name).toMatch(/^[a-z]+$/);
    expect(byFile.get(name)!.calibrated, name).toMatch(/^[a-z]+$/);
  }
  expect(byFile.get('broken.mp4')).toMatchObject({ answer: '', calibrated: '', person: '' });
  await expect(rows.filter({ hasText: 'broken.mp4' })).toContainText('not a video');
  // Actor 01's clips are one person, the guest another (too few to calibrate: its answer alone stands).
  const person = byFile.get(mine[0]!)!.person;
  expect(mine.map((n) => byFile.get(n)!.person)).toEqual(mine.map(() => person));
  expect(byFile.get('guest.mp4')!.person).not.toBe(person);
  expect(byFile.get('guest.mp4')!.calibrated).toBe(byFile.get('guest.mp4')!.answer);
  await expect(page.getByTestId('person-group')).toHaveCount(2);
  await snap(page, testInfo, 'folder-answers');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toMatch(/^file,person,answer,calibrated_answer,familiar,failure,/);
  expect(csv).toHaveLength(7);
  const guest = csv.find((l) => l.startsWith('guest.mp4,'))!.split(',');
  expect(guest.slice(2, 4)).toEqual([byFile.get('guest.mp4')!.answer, byFile.get('guest.mp4')!.calibrated]);

  // A clip's name opens it in the player, analysed as a single file: its answer is the row's, and the
  // table stays. (Not the folder's last clip, whose predictions the page still shows before it opens.)
  const picked = mine[1]!;
  const progress = page.getByTestId('progress');
  await page.getByTestId('open-folder-clip').and(page.locator(`[data-file="${picked}"]`)).click();
  await expect(progress).toHaveAttribute('data-source', 'file');
  await expect(progress).toHaveAttribute('data-file', picked);
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(page.locator('.prediction[data-answer="true"]')).toHaveAttribute('data-label', byFile.get(picked)!.answer!);
  await expect(page.getByTestId('track-overlay')).toBeVisible();
  await expect(panel).toHaveAttribute('data-phase', 'done');
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId('open-folder-clip').and(page.locator(`[data-file="${picked}"]`))).toHaveAttribute('aria-current', 'true');
  await expect(panel).toContainText(`${picked} open below`);
  await snap(page, testInfo, 'folder-clip-open');
  // Another video dropped afterwards is a new input: the folder's table goes.
  await page.getByTestId('file-input').setInputFiles(clip('01-01-05_01.mp4'));
  await expect(panel).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});
