/**
 * npm run analyze -- <video> [<video> …] [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]
 *
 * Runs the emolens pipeline (the built app, in headless Chromium) on local videos, one after
 * another in one browser, and prints a short summary of each; `--json` writes the full report (a
 * list of them for several videos). Exit 0 on success (also when no face is found), 1 when a file
 * cannot be analysed (one line on stderr each; the others are still analysed), 2 on bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { analyzeThroughUi, launchForCli } from './lib/browser-app';
import { parseArgs, runCli, writeJsonOption } from './lib/cli-args';
import { FRAME_AVERAGE } from '../src/shared/prediction-keys';
import { namedAlternatives } from '../src/core/calibration/answer-confidence';
import { nobodyInWords, speakerScoreInWords } from '../src/pipeline/clip-speaker';

const USAGE = 'usage: npm run analyze -- <video> [<video> …] [--json out.json] [--fps N] [--backend wasm|webgpu|webgl]';

const pct = (p: number) => `${(p * 100).toFixed(0)}%`;

/** Prints the human summary of a report. */
function summarize(report: AnalysisReport, name = report.file): string {
  const lines = [
    `${name}: ${report.video.width}×${report.video.height}, ${report.video.durationSec} s, ${report.sampledFrames} frames analysed on ${report.backend}`,
    `tracks: ${report.tracks.length}${report.tracks.map((t) => `  #${t.id} (${t.frames} frames, vote ${t.votes.total.toFixed(3)})`).join('')}`,
    `main track: ${report.mainTrackId === null ? 'none' : `#${report.mainTrackId}`}`,
  ];
  // Edited footage: where the shots change (a face is followed across a cut by its look alone).
  if (report.cuts.length > 0) lines.splice(2, 0, `cuts: ${report.cuts.length} (at ${report.cuts.map((t) => `${t} s`).join(', ')})`);
  const { trackId } = report.speaker;
  // With no face the voice is not weighed at all (it read "no sound was heard" of clips with sound).
  if (report.tracks.length === 0) lines.push('speaker: nobody — no face was found');
  else lines.push(`speaker: ${trackId === null ? `nobody — ${nobodyInWords(report.speaker)}` : `#${trackId}`} (score ${speakerScoreInWords(report.speaker)})`);
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

/** The page's converting notice cut to a terminal line: what, and how much is done. */
function convertingLine(notice: string): string {
  const done = /(\d+) % done/.exec(notice)?.[1];
  const what = notice.startsWith('Converting the sound') ? 'its sound to AAC' : 'to H.264';
  return `converting ${what} first (this browser cannot decode it)…${done === undefined ? '' : ` ${done} %`}`;
}

/** Why `video` cannot be analysed before a browser starts (no such file, a folder); null when it can. */
function notAVideoPath(video: string): string | null {
  const path = resolve(video);
  if (!existsSync(path)) return `emolens: ${video}: no such file`;
  if (statSync(path).isDirectory()) return `emolens: ${video}: a folder, not a video (a labelled folder is evaluated with: npm run evaluate -- ${video})`;
  return null;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const videos = args.positionals;
  if (videos.length === 0) {
    console.error(USAGE);
    return 2;
  }
  // Several videos run one after another in one browser (the page numbers each run, so two takes
  // of one name in different folders are told apart); a name given twice is summarised by its path.
  const named = (video: string) => (videos.filter((v) => basename(v) === basename(video)).length > 1 ? video : basename(video));
  // One video that is not there is told before a browser starts; of several, each in its turn.
  const alone = videos.length === 1 ? notAVideoPath(videos[0]!) : null;
  if (alone) {
    console.error(alone);
    return 1;
  }
  const app = await launchForCli(args, USAGE);
  if (!app) return 2;
  const results: (AnalysisReport | { file: string; error: string })[] = [];
  try {
    // Live progress only on a terminal: logs and pipes get the result lines alone.
    const tty = process.stderr.isTTY;
    for (const video of videos) {
      const problem = notAVideoPath(video);
      const outcome = problem
        ? { ok: false as const, message: problem.replace(/^emolens: /, '') }
        : await analyzeThroughUi(app, resolve(video), tty ? (p) => process.stderr.write(`\r\x1b[K${'frames' in p ? `analysing… ${p.frames} frames` : convertingLine(p.converting)}`) : undefined);
      if (tty) process.stderr.write('\r\x1b[K');
      if (!outcome.ok) {
        console.error(`emolens: ${outcome.message}`);
        results.push({ file: basename(video), error: outcome.message });
        continue;
      }
      const report = outcome.report as AnalysisReport;
      // A blank line between two videos' summaries.
      console.log(`${results.some((r) => !('error' in r)) ? '\n' : ''}${summarize(report, named(video))}`);
      results.push(report);
    }
    // One video: its report, as always; several: a list of them (a failed one as its file and error).
    writeJsonOption(args, videos.length === 1 ? results[0] : results);
    return results.some((r) => 'error' in r) ? 1 : 0;
  } finally {
    await app.close();
  }
}

runCli('emolens', main);
