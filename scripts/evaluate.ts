/**
 * npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]
 *
 * Evaluates every clip of a labelled folder (a `labels.csv` with columns file,label, plus the video
 * files, also in sub-folders; or, without labels.csv, sub-folders named by an emotion:
 * happy/001.mp4) with the full pipeline: the built app in headless Chromium, through the same
 * folder pick the UI offers. Prints progress and a metrics table; `--json` writes the report. A
 * clip that fails is counted as wrong and listed with its reason. A folder of videos labelled
 * neither way gets each clip's answer, alone and calibrated to its person, as the page gives it
 * (nothing scored; `--json` writes the answers). Exit 0 when the run completed, 1 when it could not
 * start (a labels file that names none of its videos, no video), 2 on bad usage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { neverAnsweredNote, type EvaluationReport, type PersonGroup } from '../src/shared/evaluate-folder';
import { answerNote, type FolderAnswersReport } from '../src/shared/folder-answers';
import { folderLabels, folderPlan, isVideoPath, labelsFileIndex } from '../src/shared/folder-labels';
import { exportedJson, launchForCli, type RunningApp } from './lib/browser-app';
import { parseArgs, runCli, writeJsonOption } from './lib/cli-args';
import { filesBelow, folderForBrowser } from './lib/staged-folder';
import { describeTimeLeft, secondsLeft } from '../src/shared/time-left';

const USAGE = 'usage: npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]';

/**
 * Picks the folder in the app (its files with their paths, as "Evaluate a folder…" does), waits for
 * its panel (`evaluation`, or `folder-answers` for an unlabelled folder) to finish, and returns what
 * Export JSON saves.
 */
async function runFolder<R>(app: RunningApp, dir: string, panel: 'evaluation' | 'folder-answers', tty: boolean): Promise<R> {
  const { page } = app;
  await page.getByTestId('folder-dir-input').setInputFiles(dir);
  const status = page.getByTestId(panel);
  await status.waitFor({ timeout: 60_000 });
  const started = performance.now();
  for (;;) {
    const [phase, done, total] = await Promise.all(['data-phase', 'data-done', 'data-total'].map((a) => status.getAttribute(a)));
    const left = secondsLeft(Number(done ?? 0), Number(total ?? 0), (performance.now() - started) / 1000);
    if (tty) process.stderr.write(`\r\x1b[K${panel === 'evaluation' ? 'evaluating' : 'answering'}… ${done ?? 0}/${total ?? '?'} clips${left === null ? '' : ` · ${describeTimeLeft(left)}`}`);
    if (phase === 'done') break;
    await page.waitForTimeout(500);
  }
  if (tty) process.stderr.write('\r\x1b[K');
  return exportedJson<R>(app);
}

/** Each person group's clip count, marked where it is too small to be its own reference. */
function groupSizes(groups: readonly PersonGroup[]): string {
  return groups.map((g) => `${g.clips.length}${g.reference ? '' : ' (alone)'}`).join(', ');
}

/** An unlabelled folder's answers printed to stdout: a row per clip, then the people found. */
function answersTable(report: FolderAnswersReport): string {
  const lines = [`${report.clips.length} clips, no labels: each answered, nothing scored`, `${'clip'.padEnd(32)} ${'alone'.padEnd(11)} ${'calibrated'.padEnd(11)} person`];
  for (const c of report.clips) {
    lines.push(`${c.file.padEnd(32)} ${(c.answer ?? '—').padEnd(11)} ${(c.calibrated ?? '—').padEnd(11)} ${String(c.person ?? '—').padEnd(6)} ${answerNote(c)}`.trimEnd());
  }
  lines.push(`people found by face: ${report.groups.length} (clips ${groupSizes(report.groups)})`);
  return lines.join('\n');
}

/**
 * emolens's own answer first, as the page showed it (each clip alone, and calibrated per person
 * when the folder was grouped): the row a reader looks for among some forty.
 */
function headline(report: EvaluationReport): string[] {
  const line = (what: string, models: EvaluationReport['models'], name: string | undefined) => {
    const m = name === undefined ? undefined : models[name];
    return m ? [`${what}: ${(m.accuracy * 100).toFixed(1)}% right (weighted F1 ${m.weightedF1.toFixed(3)})`] : [];
  };
  return [
    ...line("emolens's answer, each clip alone", report.models, report.ensemble?.name),
    ...(report.calibrated ? line("emolens's answer, calibrated per person", report.calibrated.models, report.calibrated.ensemble?.name) : []),
  ];
}

/** The metrics table printed to stdout. */
function table(report: EvaluationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = (models: EvaluationReport['models']) =>
    Object.entries(models).map(([name, m]) => `${name.padEnd(28)} ${pct(m.accuracy)} ${pct(m.weightedF1)}   ${pct(m.meanAcc)} ± ${(m.stdAcc * 100).toFixed(1)}`);
  const lines = [`${report.clips} clips`, ...headline(report), `${'model'.padEnd(28)} ${'acc'.padStart(7)} ${'wF1'.padStart(7)}   MeanAcc ± Std`, ...rows(report.models)];
  const cal = report.calibrated;
  if (cal) {
    lines.push('', `calibrated per person: ${cal.groups.length} group(s) by face, clips ${groupSizes(cal.groups)}`, ...rows(cal.models));
  }
  for (const f of report.failures) lines.push(`failed (counted as wrong, in no column of the matrix): ${f.file}: ${f.reason}`);
  const neverAnswered = neverAnsweredNote(report.perClip.map((c) => c.label));
  if (neverAnswered) lines.push(neverAnswered);
  if (report.labelsFrom === 'folders') {
    const named = report.labelsDatasets?.length ? `, or its name as ${report.labelsDatasets.join(' and ')} name their clips` : '';
    lines.push(`labels: the folder each clip is in${named} (no labels file)`);
  }
  for (const e of report.labelErrors) lines.push(report.labelsFrom === 'folders' ? e.message : `${report.labelsFrom ?? 'labels.csv'} ${e.message}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const folder = args.positionals[0];
  if (!folder || args.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`emolens: ${folder}: not a folder`);
    return 1;
  }
  // The same check the page makes, before a browser starts: labels.csv, or folders named by an emotion.
  const all = filesBelow(dir);
  const labels = all[labelsFileIndex(all)];
  const others = all.filter((p) => p !== labels).map((p) => `${basename(dir)}/${p}`);
  if (!others.some(isVideoPath)) {
    console.error(`emolens: ${folder}: no video files`);
    return 1;
  }
  // Videos labelled neither way are answered clip by clip, as the page does; a labels file that names none of them is refused.
  const plan = folderPlan(folderLabels(others, labels ? readFileSync(join(dir, labels), 'utf8') : null, labels && basename(labels)), others.filter(isVideoPath).length, others.length);
  if (plan.kind === 'refuse') {
    console.error(`emolens: ${folder}: ${plan.message}`);
    return 1;
  }
  const unlabelled = plan.kind === 'answer';
  const app = await launchForCli(args, USAGE);
  if (!app) return 2;
  const readable = folderForBrowser(dir, all);
  if (readable.staged) console.error(`(${folder} holds symbolic links, which the browser's folder pick skips: its files are read from ${readable.dir})`);
  try {
    const started = Date.now();
    const tty = process.stderr.isTTY;
    const [report, text] = unlabelled
      ? await runFolder<FolderAnswersReport>(app, readable.dir, 'folder-answers', tty).then((r) => [r, answersTable(r)] as const)
      : await runFolder<EvaluationReport>(app, readable.dir, 'evaluation', tty).then((r) => [r, table(r)] as const);
    console.log(text);
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s on ${app.backend})`);
    writeJsonOption(args, report);
    return 0;
  } finally {
    readable.dispose();
    await app.close();
  }
}

runCli('emolens', main);
