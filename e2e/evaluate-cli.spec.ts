/**
 * `npm run evaluate` on a small labelled folder made from shared clips (symlinks, nothing copied
 * into the repo), laid out as a spreadsheet user's: labels.csv with semicolons and an `emotion`
 * column, and two clips of one file name in two sub-folders. A well-formed report whose metrics
 * match a count by hand, with bad labels.csv lines reported by line number and the rest still
 * evaluated.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { EvaluationReport } from '../src/shared/evaluate-folder';
import type { FolderAnswersReport } from '../src/shared/folder-answers';
import { EMOTION_LABELS, parseEmotionLabel } from '../src/core/labels';
import { TSX } from './analyze-runner';
import { clip, expect, repoRoot, scratch, test } from './fixtures';

const execFileP = promisify(execFile);
/** [shared clip, its path in the folder, its label in labels.csv]. */
const CLIPS: [string, string, string][] = [
  ['07-01-01_01.mp4', 'day1/take.mp4', 'neutrality'],
  ['07-01-03_01.mp4', 'day2/take.mp4', 'happiness'], // the same file name in another folder: a clip of its own
  ['07-02-04_01.mp4', 'day2/07-02-04_01.mp4', 'surprise'],
  ['07-03-02_01.mp4', 'day2/07-03-02_01.mp4', 'sad'], // a synonym, accepted
];
/** Clip names in the report: the file name, with its folder where another file has that name. */
const NAMES = ['day1/take.mp4', 'day2/take.mp4', '07-02-04_01.mp4', '07-03-02_01.mp4'];

test('evaluate: metrics match a hand count; bad labels.csv lines are reported, not fatal', async () => {
  test.setTimeout(600_000);
  const dir = join(scratch, 'eval-folder');
  rmSync(dir, { recursive: true, force: true });
  for (const [file, path] of CLIPS) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(clip(file), join(dir, path));
  }
  // What a spreadsheet set to a decimal comma saves as CSV.
  const csv = [
    'File;Emotion;Actor',
    ...CLIPS.map(([, path, l]) => `${path};${l};07`),
    '07-04-01_01.mp4;bored;07', // line 6: unknown label
    'missing.mp4;anger;07', // line 7: no such file
    'this line is broken', // line 8
  ];
  writeFileSync(join(dir, 'labels.csv'), `${csv.join('\n')}\n`);
  const out = join(scratch, 'eval.json');
  const { stdout } = await execFileP(TSX, ['scripts/evaluate.ts', dir, '--backend', 'wasm', '--json', out], {
    cwd: repoRoot,
    timeout: 540_000,
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as EvaluationReport;

  expect(report.labels).toEqual([...EMOTION_LABELS]);
  expect(report.clips).toBe(4);
  expect(report.labelErrors.map((e) => e.line).sort()).toEqual([6, 7, 8]);
  expect(report.labelsFrom).toBe('labels.csv');
  expect(report.perClip.map((c) => [c.file, c.label])).toEqual(NAMES.map((n, i) => [n, parseEmotionLabel(CLIPS[i]![2])]));
  // The two clips named take.mp4 are the two videos (a neutral face, a happy one), not one twice.
  const take = (n: string) => report.perClip.find((c) => c.file === n)!.predicted.frameAverage;
  expect(take('day1/take.mp4')).not.toBe(take('day2/take.mp4'));
  const fa = report.models.frameAverage!;
  // By hand: accuracy = clips whose frameAverage label equals the truth, over all clips.
  const right = report.perClip.filter((c) => c.predicted.frameAverage === c.label).length;
  expect(fa.accuracy).toBeCloseTo(right / 4, 10);
  // The confusion matrix counts every clip once, in its true row and predicted column.
  expect(fa.confusion.flat().reduce((a, b) => a + b, 0)).toBe(4);
  for (const c of report.perClip) {
    const row = EMOTION_LABELS.indexOf(c.label);
    const col = EMOTION_LABELS.indexOf(c.predicted.frameAverage!);
    expect(fa.confusion[row]![col]).toBeGreaterThan(0);
  }
  // Four classes have one clip each (per-class accuracy 1 or 0); anger, disgust and fear have
  // none and are left out of MeanAcc ± Std instead of counting as 0 %.
  const perClass = report.perClip.map((c) => (c.predicted.frameAverage === c.label ? 1 : 0));
  const mean = perClass.reduce((a: number, b) => a + b, 0) / perClass.length;
  const std = Math.sqrt(perClass.reduce((a: number, b) => a + (b - mean) ** 2, 0) / perClass.length);
  expect(fa.meanAcc).toBeCloseTo(mean, 10);
  expect(fa.stdAcc).toBeCloseTo(std, 10);
  // Both per-frame baselines and emolens's ensemble were measured in the same run.
  expect(Object.keys(report.models)).toEqual(expect.arrayContaining(['frameAverage', 'humanEmotion', 'average', 'audioVisual', 'bestSelectionAudioVisual']));
  // emolens's answer is scored as the page showed it (the `emolens` row): the one ensemble.json names
  // for a clip alone (chosen by the nested protocol, not on this folder), or `general` on a clip
  // unlike the training footage.
  const shipped = JSON.parse(readFileSync(join(repoRoot, 'public/trained/ensemble.json'), 'utf8')) as { answer: { alone: { name: string } } };
  expect(report.ensemble).toEqual({ name: 'emolens', members: [shipped.answer.alone.name, 'general'] });
  expect(report.ensemble!.members.every((m) => m in report.models)).toBe(true);
  expect('emolens' in report.models).toBe(true);
  for (const c of report.perClip.filter((c) => c.predicted.emolens !== undefined)) {
    // Each answered clip says how familiar it was, and that decides which of the two answered it.
    expect(c.familiarity, c.file).toBeTruthy();
    expect(c.predicted.emolens, c.file).toBe(c.familiarity!.familiar ? c.predicted[shipped.answer.alone.name] : c.predicted.general);
  }
  expect(stdout).toContain('frameAverage');
  // The answer's own line comes first, with the emolens row's numbers.
  const emolens = report.models.emolens!;
  expect(stdout.split('\n')[1]).toBe(`emolens's answer, each clip alone: ${(emolens.accuracy * 100).toFixed(1)}% right (weighted F1 ${emolens.weightedF1.toFixed(3)})`);
  expect(stdout).toContain('labels.csv line 6');
  expect(stdout).toContain('labels.csv line 7: missing.mp4 is not among the files given');
});

test('evaluate on videos without labels: each clip answered, nothing scored, exit 0', async () => {
  test.setTimeout(300_000);
  const dir = join(scratch, 'unlabelled-folder');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['07-01-03_01.mp4', '07-02-04_01.mp4']) symlinkSync(clip(file), join(dir, file));
  writeFileSync(join(dir, 'notes.txt'), 'to sort\n');
  const out = join(scratch, 'answers.json');
  const { stdout } = await execFileP(TSX, ['scripts/evaluate.ts', dir, '--backend', 'wasm', '--json', out], { cwd: repoRoot, timeout: 280_000 });
  const report = JSON.parse(readFileSync(out, 'utf8')) as FolderAnswersReport;
  expect(report.clips.map((c) => c.file)).toEqual(['07-01-03_01.mp4', '07-02-04_01.mp4']);
  for (const c of report.clips) {
    expect(c.failure, c.file).toBeNull();
    expect(EMOTION_LABELS, c.file).toContain(c.answer);
    // Too few clips of one person to calibrate: the answer alone stands.
    expect(c.calibrated, c.file).toBe(c.answer);
  }
  expect(stdout.split('\n')[0]).toBe('2 clips, no labels: each answered, nothing scored');
  expect(stdout).toMatch(new RegExp(`^07-01-03_01\\.mp4 +${report.clips[0]!.answer} +${report.clips[0]!.calibrated} `, 'm'));
});

test("evaluate on a dataset as downloaded: RAVDESS's and CREMA-D's file names are the labels", async () => {
  test.setTimeout(300_000);
  const dir = join(scratch, 'dataset-folder');
  rmSync(dir, { recursive: true, force: true });
  // [shared clip, its name as the dataset writes it]: RAVDESS's third number, CREMA-D's third part.
  const named: [string, string][] = [
    ['07-01-03_01.mp4', 'Actor_07/01-01-03-01-01-01-07.mp4'], // happy
    ['07-03-02_01.mp4', 'VideoFlash/1007_IEO_SAD_HI.mp4'], // sad
    ['07-02-06_01.mp4', 'Actor_07/01-01-07-01-01-01-07.mp4'], // disgust: a class emolens never answers
    ['07-01-01_01.mp4', 'Actor_07/01-01-02-01-01-01-07.mp4'], // calm: not one of the seven, left out
  ];
  for (const [file, path] of named) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(clip(file), join(dir, path));
  }
  const out = join(scratch, 'dataset-eval.json');
  const { stdout } = await execFileP(TSX, ['scripts/evaluate.ts', dir, '--backend', 'wasm', '--json', out], { cwd: repoRoot, timeout: 280_000 });
  const report = JSON.parse(readFileSync(out, 'utf8')) as EvaluationReport;
  expect(report.labelsFrom).toBe('folders');
  expect([...report.labelsDatasets!].sort()).toEqual(['CREMA-D', 'RAVDESS']);
  expect(Object.fromEntries(report.perClip.map((c) => [c.file, c.label]))).toEqual({ '01-01-03-01-01-01-07.mp4': 'happiness', '1007_IEO_SAD_HI.mp4': 'sadness', '01-01-07-01-01-01-07.mp4': 'disgust' });
  expect(report.labelErrors.map((e) => e.message)).toEqual(['01-01-02-01-01-01-07.mp4: its RAVDESS name says calm, not one of the seven emotions; left out.']);
  // The disgust clip counts as wrong, and the folder is told why.
  expect(report.perClip.find((c) => c.label === 'disgust')!.predicted.emolens).not.toBe('disgust');
  expect(stdout).toContain("1 clip is labelled disgust, which emolens's answer never gives");
  expect(stdout).toMatch(/labels: the folder each clip is in, or its name as (RAVDESS and CREMA-D|CREMA-D and RAVDESS) name their clips \(no labels file\)/);
});
