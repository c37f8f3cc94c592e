/**
 * npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]
 *
 * Evaluates every clip of a labelled folder (a `labels.csv` with columns file,label, plus the video
 * files, also in sub-folders; or, without labels.csv, sub-folders named by an emotion:
 * happy/001.mp4) with the full pipeline: the built app in headless Chromium, through the same
 * folder pick the UI offers. Prints progress and a metrics table; `--json` writes the report. A
 * clip that fails is counted as wrong and listed with its reason. Exit 0 when the run completed,
 * 1 when it could not start (no labels, no video), 2 on bad usage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { EvaluationReport } from '../src/shared/evaluate-folder';
import { folderLabels, isVideoPath, labelsFileIndex, unlabelledFolderMessage } from '../src/shared/folder-labels';
import { exportedJson, launchForCli, type RunningApp } from './lib/browser-app';
import { parseArgs, runCli, writeJsonOption } from './lib/cli-args';
import { filesBelow, folderForBrowser } from './lib/staged-folder';

const USAGE = 'usage: npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]';

/** Picks the folder in the app (its files with their paths, as "Evaluate a folder…" does) and waits for the evaluation to finish. */
async function runEvaluation(app: RunningApp, dir: string, tty: boolean): Promise<EvaluationReport> {
  const { page } = app;
  await page.getByTestId('folder-dir-input').setInputFiles(dir);
  const status = page.getByTestId('evaluation');
  await status.waitFor({ timeout: 60_000 });
  for (;;) {
    const [phase, done, total] = await Promise.all(['data-phase', 'data-done', 'data-total'].map((a) => status.getAttribute(a)));
    if (tty) process.stderr.write(`\revaluating… ${done ?? 0}/${total ?? '?'} clips`);
    if (phase === 'done') break;
    await page.waitForTimeout(500);
  }
  if (tty) process.stderr.write('\r\x1b[K');
  return exportedJson<EvaluationReport>(app);
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
    const sizes = cal.groups.map((g) => `${g.clips.length}${g.reference ? '' : ' (alone)'}`).join(', ');
    lines.push('', `calibrated per person: ${cal.groups.length} group(s) by face, clips ${sizes}`, ...rows(cal.models));
  }
  for (const f of report.failures) lines.push(`failed (counted as wrong, in no column of the matrix): ${f.file}: ${f.reason}`);
  if (report.labelsFrom === 'folders') lines.push('labels: the folder each clip is in (no labels.csv)');
  for (const e of report.labelErrors) lines.push(report.labelsFrom === 'folders' ? e.message : `labels.csv ${e.message}`);
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
  const refused = unlabelledFolderMessage(folderLabels(others, labels ? readFileSync(join(dir, labels), 'utf8') : null));
  if (refused) {
    // Unlabelled videos: the page answers them clip by clip; here `analyze` does.
    const hint = labels ? '' : ' For each clip\'s answer without labels: npm run analyze -- <videos…> (or pick the folder in the page).';
    console.error(`emolens: ${folder}: ${refused}${hint}`);
    return 1;
  }
  const app = await launchForCli(args, USAGE);
  if (!app) return 2;
  const readable = folderForBrowser(dir, all);
  if (readable.staged) console.error(`(${folder} holds symbolic links, which the browser's folder pick skips: its files are read from ${readable.dir})`);
  try {
    const started = Date.now();
    const report = await runEvaluation(app, readable.dir, process.stderr.isTTY);
    console.log(table(report));
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s on ${app.backend})`);
    writeJsonOption(args, report);
    return 0;
  } finally {
    readable.dispose();
    await app.close();
  }
}

runCli('emolens', main);
