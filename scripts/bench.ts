/**
 * npm run bench -- [--json out.json] [--backend wasm|webgpu] [--clips N] [--fps N] [--folder] [--perception name=value,…]
 *                   [--webcam [--webcam-seconds 30] [--scenes oneFace,oneFaceCalibrated,twoFaces,farPerson,nobody,hdOnlyCamera]] [--hd]
 *
 * Measures the built app in headless Chromium on fixed shared clips and prints JSON: per-stage
 * ms per frame (median, p95), analysed fps and real-time factor, the face-api baseline (Tiny Face
 * Detector + expression net) on the same frames, tf.memory() after each clip, and main-thread long
 * tasks while the UI analyses and plays a clip. A benchmark, never a timed test. `--webcam` adds the
 * live camera (scripts/lib/bench-webcam.ts): analysed fps, grab-to-draw latency and long tasks with
 * one face, one face calibrated (Calibrate pressed), two faces, a far person, nobody, and one face on a camera that only gives 1080p (`--scenes`: some
 * of them); `--perception` applies there too; `--clips 0` skips the files. `--folder` analyses the files as a
 * folder's clips (their grouping embedding too: src/app/file-nets.ts). `--hd` also runs 1920×1080 copies of the same
 * clips (scaled to fit, centred on black, made once with ffmpeg in .cache/bench-inputs) and reports
 * their analysed fps against the originals'.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchPageResult } from '../src/bench/bench-main';
import { round1 } from '../src/bench/bench-summary';
import { FOLDER_CLIP_PERCEPTION } from '../src/app/file-nets';
import { analyzeThroughUi, launchApp, repoRoot } from './lib/browser-app';
import { cameraScenes, measureWebcam, type WebcamResult } from './lib/bench-webcam';
import { amountOption, numberOption, parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';
import { LONG_TASK_OBSERVER, type PageWithTasks } from './lib/long-tasks';

const CLIPS_DIR = join(repoRoot, '../shared/data/javanese/clips');
/** Fixed clips: different actors and emotions, 2.5–8 s each. */
const BENCH_CLIPS = [
  '01-01-03_01.mp4',
  '02-04-05_01.mp4',
  '03-02-04_01.mp4',
  '04-01-03_01.mp4',
  '05-03-02_01.mp4',
  '06-02-06_01.mp4',
  '07-04-01_01.mp4',
  '01-02-01_01.mp4',
  '02-01-01_01.mp4',
  '03-03-05_01.mp4',
];

/** `--perception` as the page's query (`perception.name=value`), read by the bench page and the camera alike. */
function perceptionQuery(perception: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(perception).map(([k, v]) => [`perception.${k}`, v]));
}

async function measurePipeline(backend: string, files: string[], fps: number, perception: Record<string, string>) {
  const app = await launchApp({ page: 'bench.html', backend, query: perceptionQuery(perception), log: (l) => console.error(l) });
  try {
    await app.page.locator('#files').setInputFiles(files);
    const result = (await app.page.evaluate((f) => window.emolensBench!(f), fps)) as BenchPageResult;
    return { result, browserVersion: app.browserVersion };
  } finally {
    await app.close();
  }
}

async function measureLongTasks(backend: string, file: string, fps: number) {
  const app = await launchApp({ backend, fps, initScript: LONG_TASK_OBSERVER, log: (l) => console.error(l) });
  try {
    // Count only what happens while a clip is analysed and played, not the page's start-up.
    await app.page.evaluate(() => {
      const w = window as unknown as PageWithTasks;
      w.__longTasks = [];
      w.__blockingFrames = [];
    });
    const outcome = await analyzeThroughUi(app, file);
    if (!outcome.ok) throw new Error(`long-task run failed: ${outcome.message}`);
    const { __longTasks: tasks, __blockingFrames: frames } = await app.page.evaluate(() => {
      const w = window as unknown as PageWithTasks;
      return { __longTasks: w.__longTasks, __blockingFrames: w.__blockingFrames };
    });
    return {
      count: tasks.length,
      maxMs: round1(Math.max(0, ...tasks.map((t) => t.ms))),
      over50ms: tasks.filter((t) => t.ms > 50).length,
      /** Of those, the ones that started while the video played. */
      whilePlaying: tasks.filter((t) => t.playing).length,
      tasks: tasks.map((t) => ({ ...t, ms: round1(t.ms) })),
      blockingFrames: frames.filter((f) => f.ms > 50),
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['webcam', 'hd', 'folder']);
  const backend = stringOption(args, 'backend') ?? 'wasm';
  const clipCount = Math.min(BENCH_CLIPS.length, amountOption(args, 'clips', 3));
  const fps = numberOption(args, 'fps') ?? 5;
  const names = BENCH_CLIPS.slice(0, clipCount);
  const files = names.map((n) => join(CLIPS_DIR, n));
  const loadAtStart = loadavg();
  const log = (line: string) => console.error(line);
  // Perception settings to try against the defaults, e.g. --perception faceInputSizeLargeFaces=224,personIntervalSec=2.
  // `--folder`: the files analysed as a folder's clips are (FOLDER_CLIP_PERCEPTION: the grouping embedding too), before --perception's settings.
  const folder = args.options.get('folder') ? Object.fromEntries(Object.entries(FOLDER_CLIP_PERCEPTION).map(([k, v]) => [k, String(v)])) : {};
  const perception = { ...folder, ...Object.fromEntries((stringOption(args, 'perception') ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string])) };
  const filesPart = clipCount > 0 ? await benchFiles(backend, names, files, fps, perception) : {};
  const hd = args.options.get('hd') && clipCount > 0 ? await benchHd(backend, files, fps, perception, filesPart) : null;
  let webcam: Record<string, WebcamResult> | null = null;
  if (args.options.get('webcam')) {
    const seconds = numberOption(args, 'webcam-seconds') ?? 30;
    const scenes = cameraScenes();
    const only = stringOption(args, 'scenes')?.split(',');
    const camera = { seconds, warmUpSec: 5, log, query: perceptionQuery(perception) };
    const runs: [keyof typeof scenes | 'oneFaceCalibrated', string, () => Promise<WebcamResult>][] = [
      ['oneFace', 'one face', () => measureWebcam(backend, scenes.oneFace, camera)],
      ['oneFaceCalibrated', 'one face, calibrated', () => measureWebcam(backend, scenes.oneFace, { ...camera, calibrated: true })],
      ['twoFaces', 'two faces', () => measureWebcam(backend, scenes.twoFaces, camera)],
      ['farPerson', 'a far person (the small-face search leads)', () => measureWebcam(backend, scenes.farPerson, camera)],
      ['nobody', 'nobody in view', () => measureWebcam(backend, scenes.nobody, { ...camera, expectFaces: false })],
      ['hdOnlyCamera', 'one face, a camera that only gives 1080p', () => measureWebcam(backend, scenes.hdOnlyCamera, camera)],
    ];
    const unknown = only?.filter((name) => !runs.some(([known]) => known === name)) ?? [];
    if (unknown.length > 0) throw new Error(`--scenes: no scene ${unknown.join(', ')} (scenes: ${runs.map(([name]) => name).join(', ')})`);
    webcam = {};
    for (const [name, what, measure] of runs) {
      if (only && !only.includes(name)) continue;
      log(`bench: camera, ${what}, ${seconds} s…`);
      webcam[name] = await measure();
    }
  }
  const report = {
    ...filesPart,
    ...(hd && { hd1080: hd }),
    ...(webcam && { webcam }),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      // The 1-minute load average at the start and the end: other work on the machine stretches every timing.
      loadAverage: { start: loadAtStart[0], end: loadavg()[0] },
    },
    date: new Date().toISOString(),
  };
  process.stdout.write(writeJsonOption(args, report));
  return 0;
}

/** The file part: the pipeline against the face-api baseline on `files`, and long tasks on the first. */
async function benchFiles(backend: string, names: string[], files: string[], fps: number, perception: Record<string, string>) {
  console.error(`bench: ${files.length} clip(s) at ${fps} fps on ${backend}…`);
  const { result, browserVersion } = await measurePipeline(backend, files, fps, perception);
  console.error('bench: long tasks while the UI analyses a clip…');
  const longTasks = await measureLongTasks(backend, files[0]!, fps);

  const frames = result.clips.reduce((s, c) => s + c.frames, 0);
  const oursSec = result.clips.reduce((s, c) => s + c.oursMs, 0) / 1000;
  const theirsSec = result.clips.reduce((s, c) => s + c.baselineMs, 0) / 1000;
  const videoSec = result.clips.reduce((s, c) => s + c.durationSec, 0);
  return {
    backend: result.backend,
    fps,
    clips: names,
    analysedFps: round1(frames / oursSec),
    realTimeFactor: Math.round((videoSec / oursSec) * 100) / 100,
    oursMsPerFrame: round1((oursSec * 1000) / frames),
    baselineFps: round1(frames / theirsSec),
    baselineMsPerFrame: round1((theirsSec * 1000) / frames),
    ratioToBaseline: Math.round((oursSec / theirsSec) * 100) / 100,
    // The speech model's input, per second of video (decoded and measured once per clip, alongside the frames).
    speechMsPerVideoSec: round1(result.clips.reduce((s, c) => s + c.speechMs, 0) / videoSec),
    perception: result.perception,
    stages: result.stages,
    baselineStages: result.baselineStages,
    // Issue 30: GPU→CPU downloads, dispatches and kernels per analysed frame (first clip).
    deviceWorkPerFrame: result.deviceWorkPerFrame,
    memory: result.clips.map((c) => ({ clip: c.file, numTensors: c.numTensors, bytes: c.numBytes })),
    perClip: result.clips,
    longTasks,
    chromium: browserVersion,
  };
}

/** `file` as a 1920×1080 video: scaled to fit (aspect kept) and centred on black, as a camera or an editor makes it. */
function hdCopy(file: string): string {
  const dir = join(repoRoot, '.cache', 'bench-inputs');
  const out = join(dir, `1080p-${file.split('/').pop()}`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', 'scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:black', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'copy', out]);
  return out;
}

/** The same clips at 1920×1080: analysed fps, and its ratio to the originals' (the goal: at least 0.5). */
async function benchHd(backend: string, files: string[], fps: number, perception: Record<string, string>, sd: { analysedFps?: number }) {
  console.error('bench: the same clips at 1920×1080…');
  const { result } = await measurePipeline(backend, files.map(hdCopy), fps, perception);
  const frames = result.clips.reduce((s, c) => s + c.frames, 0);
  const oursSec = result.clips.reduce((s, c) => s + c.oursMs, 0) / 1000;
  const analysedFps = round1(frames / oursSec);
  return {
    analysedFps,
    oursMsPerFrame: round1((oursSec * 1000) / frames),
    againstOriginals: sd.analysedFps ? Math.round((analysedFps / sd.analysedFps) * 100) / 100 : null,
    stages: result.stages,
  };
}

runCli('bench', main);
