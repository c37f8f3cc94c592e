/**
 * npm run soak -- [--clips 20] [--heap-snapshots 5,20] [--long-minutes 0] [--webcam-minutes 10]
 *                 [--folder-clips 0] [--backend wasm] [--json out.json]
 *
 * Long-run memory benchmark (not part of the test suite): analyses N shared clips one after
 * another through the UI, then (with --long-minutes) one file that long (a shared clip looped),
 * then runs the webcam (Chromium's fake device fed from a shared clip) for M minutes, sampling
 * tf.memory() (tensors, bytes) and the JS heap after a GC after each clip and every 30 s of the
 * long file and the webcam. --folder-clips evaluates a labelled folder of that many clips (the shared
 * clips linked in emotion folders, repeated when more are asked for) and samples memory as its clips
 * finish: what a folder keeps per clip until it ends. --heap-snapshots takes V8 heap snapshots after those clip numbers and
 * lists what grew from each to the next (and from the last to the end of the long file). Prints
 * JSON; flat numbers mean no leak. Any count may be 0 to skip that part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { loopVideo } from '../src/node/ffmpeg';
import type { AnalysisReport } from '../src/shared/analysis-report';
import { analyzeThroughUi, launchApp, repoRoot, type RunningApp } from './lib/browser-app';
import { amountOption, parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';
import { heapGrowth, heapSummary, type HeapGroup } from './lib/heap-snapshot';

const CLIPS_DIR = join(repoRoot, '../shared/data/javanese/clips');

interface Sample {
  at: string;
  numTensors: number;
  tensorBytes: number;
  jsHeapMiB: number;
  /** ArrayBuffers' contents (typed arrays: features, pixels), outside the JS heap; null where the browser does not report it. */
  arrayBuffersMiB: number | null;
  /** The WASM backend's memory in the analysis worker (only grows: flat means no leak there); null on other backends. */
  wasmMemoryMiB: number | null;
}

/** tf.memory() and the worker's WASM memory through the app's read-only diagnostics hook, and the page's JS heap after a GC. */
async function sample(page: Page, at: string): Promise<Sample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  const mem = await page.evaluate(() => window.emolensDiagnostics!.memory());
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    at,
    numTensors: mem.numTensors,
    tensorBytes: mem.numBytes,
    jsHeapMiB: mib(heap.usedSize),
    arrayBuffersMiB: heap.backingStorageSize === undefined ? null : mib(heap.backingStorageSize),
    wasmMemoryMiB: mem.wasmMemoryBytes === undefined ? null : mib(mem.wasmMemoryBytes),
  };
}

/** Max minus min of a series, so the JSON says at a glance whether it stayed flat. */
function drift(samples: Sample[], key: 'numTensors' | 'tensorBytes' | 'jsHeapMiB' | 'arrayBuffersMiB'): number {
  const v = samples.map((s) => s[key] ?? 0);
  return v.length ? Math.max(...v) - Math.min(...v) : 0;
}

/**
 * Analyses one file `minutes` long (a shared clip looped) and samples memory every 30 s while it
 * runs; the report then says how many records the main track kept against its appearances.
 */
async function longFile(app: RunningApp, minutes: number) {
  const video = await loopVideo(join(CLIPS_DIR, '02-04-05_01.mp4'), join(repoRoot, '.cache', `soak-long-${minutes}min.mp4`), minutes * 60);
  const progress = app.page.getByTestId('progress');
  const samples: (Sample & { frames: number; tSec: number })[] = [];
  const started = Date.now();
  let finished = false;
  const run = analyzeThroughUi(app, video, undefined, minutes * 60 * 60_000).finally(() => (finished = true));
  while (!finished) {
    await Promise.race([run, app.page.waitForTimeout(30_000)]);
    if (finished) break;
    const frames = Number(await progress.getAttribute('data-frames'));
    const tSec = Number(await progress.getAttribute('data-last-t'));
    samples.push({ ...(await sample(app.page, `${Math.round((Date.now() - started) / 1000)} s`)), frames, tSec });
    console.error(`soak: long file ${JSON.stringify(samples.at(-1))}`);
  }
  const outcome = await run;
  if (!outcome.ok) throw new Error(`${video}: ${outcome.message}`);
  const report = outcome.report as AnalysisReport;
  const main = report.tracks.find((t) => t.id === report.mainTrackId);
  return {
    minutes,
    durationSec: report.video.durationSec,
    sampledFrames: report.sampledFrames,
    wallSec: Math.round((Date.now() - started) / 1000),
    mainTrack: main ? { appearances: main.frames, recordsKept: main.boxes.length } : null,
    samples,
    after: await sample(app.page, 'done'),
    tensorDrift: drift(samples, 'numTensors'),
    heapDriftMiB: drift(samples, 'jsHeapMiB'),
  };
}

/** The shared clips' emotion codes (labels.csv's emotion_code) as folder names. */
const EMOTION_FOLDERS: Record<string, string> = { '01': 'neutrality', '02': 'sadness', '03': 'happiness', '04': 'surprise', '05': 'fear', '06': 'anger' };

/**
 * Evaluates a labelled folder of `count` clips (the shared clips hard-linked into emotion folders,
 * repeated under new names when more are asked for) and samples memory each time another tenth of
 * them is done, and after the end: the growth per clip is what the folder keeps until it ends (each
 * clip's main track for the person calibration, its row of answers).
 */
async function folderRun(app: RunningApp, count: number) {
  const root = mkdtempSync(join(tmpdir(), 'emolens-soak-'));
  const dir = join(root, 'soak-folder');
  const pool = readdirSync(CLIPS_DIR).filter((f) => f.endsWith('.mp4')).sort();
  for (let i = 0; i < count; i++) {
    const name = pool[i % pool.length]!;
    const folder = join(dir, EMOTION_FOLDERS[name.slice(6, 8)]!);
    mkdirSync(folder, { recursive: true });
    linkSync(join(CLIPS_DIR, name), join(folder, `${Math.floor(i / pool.length)}-${name}`));
  }
  try {
    const status = app.page.getByTestId('evaluation');
    await app.page.getByTestId('folder-dir-input').setInputFiles(dir);
    await status.waitFor({ timeout: 60_000 });
    const started = Date.now();
    const samples: (Sample & { clipsDone: number })[] = [];
    const step = Math.max(1, Math.round(count / 10));
    for (;;) {
      const [phase, done] = await Promise.all(['data-phase', 'data-done'].map((a) => status.getAttribute(a)));
      if (phase === 'done') break;
      const clipsDone = Number(done ?? 0);
      if (clipsDone >= (samples.at(-1)?.clipsDone ?? 0) + step || (samples.length === 0 && clipsDone > 0)) {
        samples.push({ ...(await sample(app.page, `${Math.round((Date.now() - started) / 1000)} s`)), clipsDone });
        console.error(`soak: folder ${JSON.stringify(samples.at(-1))}`);
      }
      await app.page.waitForTimeout(500);
    }
    const after = await sample(app.page, 'done');
    const [first, last] = [samples[0], samples.at(-1)];
    // Growth per clip between the first and the last sample taken while the clips ran.
    const perClipKiB = (key: 'jsHeapMiB' | 'arrayBuffersMiB') =>
      first && last && last.clipsDone > first.clipsDone ? Math.round((((last[key] ?? 0) - (first[key] ?? 0)) * 1024) / (last.clipsDone - first.clipsDone)) : null;
    return { count, wallSec: Math.round((Date.now() - started) / 1000), samples, after, perClipKiB: { jsHeap: perClipKiB('jsHeapMiB'), arrayBuffers: perClipKiB('arrayBuffersMiB') } };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const backend = stringOption(args, 'backend') ?? 'wasm';
  const clipCount = amountOption(args, 'clips', 20);
  const webcamMinutes = amountOption(args, 'webcam-minutes', 10);
  const longMinutes = amountOption(args, 'long-minutes', 0);
  const folderClips = amountOption(args, 'folder-clips', 0);
  const snapshotAt = new Set((stringOption(args, 'heap-snapshots') ?? '').split(',').filter(Boolean).map(Number));
  // Every 7th shared clip (24 of them, all actors and emotions), repeated when more are asked for.
  const pool = readdirSync(CLIPS_DIR).filter((f) => f.endsWith('.mp4')).sort().filter((_, i) => i % 7 === 0);
  const clips = Array.from({ length: clipCount }, (_, i) => pool[i % pool.length]!);

  const y4mDir = join(repoRoot, '.cache');
  mkdirSync(y4mDir, { recursive: true });
  const camera = join(y4mDir, 'soak-camera.y4m');
  if (!existsSync(camera)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-pix_fmt', 'yuv420p', camera]);
  }
  const app = await launchApp({
    backend,
    fps: 5,
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`],
    log: (l) => console.error(l),
  });
  try {
    const clipSamples: Sample[] = [];
    const snapshots: { afterClip: number; groups: Map<string, HeapGroup> }[] = [];
    for (const [i, name] of clips.entries()) {
      const outcome = await analyzeThroughUi(app, join(CLIPS_DIR, name));
      if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
      clipSamples.push(await sample(app.page, name));
      console.error(`soak: clip ${i + 1}/${clips.length} ${JSON.stringify(clipSamples.at(-1))}`);
      if (snapshotAt.has(i + 1)) snapshots.push({ afterClip: i + 1, groups: await heapSummary(app.page) });
    }
    // What grew between consecutive snapshots (e.g. clips 5 → 20 → 40).
    const heapDiffs = snapshots.slice(1).map((b, i) => ({ fromClip: snapshots[i]!.afterClip, toClip: b.afterClip, ...heapGrowth(snapshots[i]!.groups, b.groups) }));
    const long = longMinutes > 0 ? await longFile(app, longMinutes) : null;
    // With snapshots: what the finished long file holds beyond the last clip (its records, overlay, …).
    const lastSnapshot = snapshots.at(-1);
    const longHeapDiff = long && lastSnapshot ? { fromClip: lastSnapshot.afterClip, ...heapGrowth(lastSnapshot.groups, await heapSummary(app.page)) } : null;
    const folder = folderClips > 0 ? await folderRun(app, folderClips) : null;
    const webcamSamples: Sample[] = [];
    if (webcamMinutes > 0) {
      await app.page.getByTestId('webcam-toggle').click();
      const end = Date.now() + webcamMinutes * 60_000;
      while (Date.now() < end) {
        await app.page.waitForTimeout(30_000);
        webcamSamples.push(await sample(app.page, `${Math.round((webcamMinutes * 60_000 - (end - Date.now())) / 1000)} s`));
        console.error(`soak: webcam ${JSON.stringify(webcamSamples.at(-1))}`);
      }
      await app.page.getByTestId('webcam-toggle').click();
    }
    const report = {
      backend,
      clips: { count: clips.length, samples: clipSamples, tensorDrift: drift(clipSamples, 'numTensors'), heapDriftMiB: drift(clipSamples, 'jsHeapMiB'), heapDiffs },
      long: long && { ...long, heapDiff: longHeapDiff },
      folder,
      webcam: { minutes: webcamMinutes, samples: webcamSamples, tensorDrift: drift(webcamSamples, 'numTensors'), heapDriftMiB: drift(webcamSamples, 'jsHeapMiB') },
      consoleErrors: app.consoleErrors,
      date: new Date().toISOString(),
    };
    process.stdout.write(writeJsonOption(args, report));
    return 0;
  } finally {
    await app.close();
  }
}

runCli('soak', main);
