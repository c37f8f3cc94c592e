/**
 * npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]
 *
 * Evaluates every clip of a labelled folder (a `labels.csv` with columns file,label, plus the video
 * files, also in sub-folders) with the full pipeline: the built app in headless Chromium, through
 * the same folder drop the UI offers. Prints progress and a metrics table; `--json` writes the
 * report. A clip that fails is counted as wrong and listed with its reason. Exit 0 when the run
 * completed, 1 when it could not start (no labels.csv, no video), 2 on bad usage.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { EvaluationReport } from '../src/shared/evaluate-folder';
import { exportedJson, launchForCli, type RunningApp } from './lib/browser-app';
import { parseArgs, runCli, writeJsonOption } from './lib/cli-args';

const USAGE = 'usage: npm run evaluate -- <folder> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]';
const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.webm', '.mkv']);

/** Every video file below `dir`. */
function videoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return videoFiles(p);
    return VIDEO_EXTENSIONS.has(extname(e.name).toLowerCase()) ? [p] : [];
  });
}

/** Drops the folder's files on the app and waits for the evaluation to finish. */
async function runEvaluation(app: RunningApp, files: string[], tty: boolean): Promise<EvaluationReport> {
  const { page } = app;
  await page.getByTestId('folder-input').setInputFiles(files);
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

/** The metrics table printed to stdout. */
function table(report: EvaluationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = (models: EvaluationReport['models']) =>
    Object.entries(models).map(([name, m]) => `${name.padEnd(28)} ${pct(m.accuracy)} ${pct(m.weightedF1)}   ${pct(m.meanAcc)} ± ${(m.stdAcc * 100).toFixed(1)}`);
  const lines = [`${report.clips} clips`, `${'model'.padEnd(28)} ${'acc'.padStart(7)} ${'wF1'.padStart(7)}   MeanAcc ± Std`, ...rows(report.models)];
  const cal = report.calibrated;
  if (cal) {
    const sizes = cal.groups.map((g) => `${g.clips.length}${g.reference ? '' : ' (alone)'}`).join(', ');
    lines.push('', `calibrated per person: ${cal.groups.length} group(s) by face, clips ${sizes}`, ...rows(cal.models));
  }
  for (const f of report.failures) lines.push(`failed (counted as wrong, in no column of the matrix): ${f.file}: ${f.reason}`);
  for (const e of report.labelErrors) lines.push(`labels.csv line ${e.line}: ${e.message}`);
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
  const labels = join(dir, 'labels.csv');
  if (!existsSync(labels)) {
    console.error(`emolens: ${folder}: no labels.csv (columns file,label)`);
    return 1;
  }
  const videos = videoFiles(dir);
  if (videos.length === 0) {
    console.error(`emolens: ${folder}: no video files`);
    return 1;
  }
  const app = await launchForCli(args, USAGE);
  if (!app) return 2;
  try {
    const started = Date.now();
    const report = await runEvaluation(app, [labels, ...videos], process.stderr.isTTY);
    console.log(table(report));
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s on ${app.backend})`);
    writeJsonOption(args, report);
    return 0;
  } finally {
    await app.close();
  }
}

runCli('emolens', main);
