/**
 * npm run analyze -- <video> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]
 *
 * Runs the emolens pipeline (the built app, in headless Chromium) on one local video and prints a
 * short summary; `--json` writes the full report. Exit 0 on success (also when no face is found),
 * 1 when the file cannot be analysed (one line on stderr), 2 on bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { analyzeThroughUi, launchForCli } from './lib/browser-app';
import { parseArgs, runCli, writeJsonOption } from './lib/cli-args';
import { FRAME_AVERAGE } from '../src/shared/prediction-keys';
import { namedAlternatives } from '../src/core/calibration/answer-confidence';
import { nobodyInWords } from '../src/pipeline/clip-speaker';

const USAGE = 'usage: npm run analyze -- <video> [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]';

const pct = (p: number) => `${(p * 100).toFixed(0)}%`;

/** Prints the human summary of a report. */
function summarize(report: AnalysisReport): string {
  const lines = [
    `${report.file}: ${report.video.width}×${report.video.height}, ${report.video.durationSec} s, ${report.sampledFrames} frames analysed on ${report.backend}`,
    `tracks: ${report.tracks.length}${report.tracks.map((t) => `  #${t.id} (${t.frames} frames, vote ${t.votes.total.toFixed(3)})`).join('')}`,
    `main track: ${report.mainTrackId === null ? 'none' : `#${report.mainTrackId}`}`,
  ];
  const { trackId, score } = report.speaker;
  lines.push(`speaker: ${trackId === null ? `nobody — ${nobodyInWords(report.speaker)}` : `#${trackId}`} (score ${score.toFixed(2)})`);
  const stated = report.predictions[report.answer ?? FRAME_AVERAGE];
  if (stated && report.uncertainty) {
    const named = namedAlternatives(report.uncertainty.topTwo).map((t) => `${t.label} ${pct(t.p)}`);
    lines.push(`answer: uncertain — ${named.join(' or ')} (${report.uncertainty.reason})`);
  } else if (stated && report.confidence !== null) {
    lines.push(`answer: ${stated.label} (confidence ${pct(report.confidence)}, ${report.answer ?? FRAME_AVERAGE})`);
  }
  for (const [model, p] of Object.entries(report.predictions)) {
    lines.push(`  ${model.padEnd(22)} ${p.label} (${(Math.max(...p.probs) * 100).toFixed(0)}%)`);
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const video = args.positionals[0];
  if (!video || args.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const path = resolve(video);
  if (!existsSync(path)) {
    console.error(`emolens: ${video}: no such file`);
    return 1;
  }
  if (statSync(path).isDirectory()) {
    console.error(`emolens: ${video}: a folder, not a video (a labelled folder is evaluated with: npm run evaluate -- ${video})`);
    return 1;
  }
  const app = await launchForCli(args, USAGE);
  if (!app) return 2;
  try {
    // Live progress only on a terminal: logs and pipes get the result lines alone.
    const tty = process.stderr.isTTY;
    const outcome = await analyzeThroughUi(app, path, tty ? (n) => process.stderr.write(`\ranalysing… ${n} frames`) : undefined);
    if (tty) process.stderr.write('\r\x1b[K');
    if (!outcome.ok) {
      console.error(`emolens: ${outcome.message}`);
      return 1;
    }
    const report = outcome.report as AnalysisReport;
    console.log(summarize(report));
    writeJsonOption(args, report);
    return 0;
  } finally {
    await app.close();
  }
}

runCli('emolens', main);
