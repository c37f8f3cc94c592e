/**
 * npm run bench -- [--json out.json] [--backend wasm|webgpu] [--clips N] [--fps N]
 *
 * Measures the built app in headless Chromium on fixed shared clips and prints JSON: per-stage
 * ms per frame (median, p95), analysed fps and real-time factor, the face-api baseline (Tiny Face
 * Detector + expression net) on the same frames, tf.memory() after each clip, and main-thread long
 * tasks while the UI analyses and plays a clip. A benchmark, never a timed test.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchPageResult } from '../src/bench/bench-main';
import { round1 } from '../src/bench/bench-summary';
import { analyzeThroughUi, launchApp, repoRoot } from './lib/browser-app';
import { numberOption, parseArgs, runCli, stringOption, writeJsonOption } from './lib/cli-args';

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

/**
 * Collects main-thread long tasks (> 50 ms) from page start, and the long animation frames that
 * blocked, with the script that ran longest in each (what to fix next). Each is labelled with the
 * analysis phase and whether the video was playing when it started, from a log of both.
 */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  window.__blockingFrames = [];
  window.__states = [];
  const note = () => {
    const phase = document.querySelector('[data-testid=progress]')?.getAttribute('data-phase') ?? 'idle';
    const video = document.querySelector('video');
    const playing = !!video && !video.paused && !video.ended;
    const last = window.__states[window.__states.length - 1];
    if (last?.phase !== phase || last?.playing !== playing) window.__states.push({ t: performance.now(), phase, playing });
  };
  for (const type of ['play', 'pause', 'ended']) document.addEventListener(type, note, true);
  new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  const at = (t) => {
    let state = { phase: 'idle', playing: false };
    for (const s of window.__states) if (s.t <= t) state = s;
    return { phase: state.phase, playing: state.playing };
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ ms: e.duration, ...at(e.startTime) });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!(e.blockingDuration > 0)) continue;
      const top = [...(e.scripts || [])].sort((a, b) => b.duration - a.duration)[0];
      window.__blockingFrames.push({
        ms: Math.round(e.duration),
        script: top ? top.invoker + ' in ' + (top.sourceURL || '').split('/').pop() : 'rendering',
        ...at(e.startTime),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

interface LongTask {
  ms: number;
  phase: string;
  playing: boolean;
}
type PageWithTasks = { __longTasks: LongTask[]; __blockingFrames: (LongTask & { script: string })[]; __states: unknown[] };

async function measurePipeline(backend: string, files: string[], fps: number) {
  const app = await launchApp({ page: 'bench.html', backend, log: (l) => console.error(l) });
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
  const args = parseArgs(process.argv.slice(2));
  const backend = stringOption(args, 'backend') ?? 'wasm';
  const clipCount = Math.min(BENCH_CLIPS.length, numberOption(args, 'clips') ?? 3);
  const fps = numberOption(args, 'fps') ?? 5;
  const names = BENCH_CLIPS.slice(0, clipCount);
  const files = names.map((n) => join(CLIPS_DIR, n));
  console.error(`bench: ${clipCount} clip(s) at ${fps} fps on ${backend}…`);

  const { result, browserVersion } = await measurePipeline(backend, files, fps);
  console.error('bench: long tasks while the UI analyses a clip…');
  const longTasks = await measureLongTasks(backend, files[0]!, fps);

  const frames = result.clips.reduce((s, c) => s + c.frames, 0);
  const oursSec = result.clips.reduce((s, c) => s + c.oursMs, 0) / 1000;
  const theirsSec = result.clips.reduce((s, c) => s + c.baselineMs, 0) / 1000;
  const videoSec = result.clips.reduce((s, c) => s + c.durationSec, 0);
  const report = {
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
    stages: result.stages,
    baselineStages: result.baselineStages,
    memory: result.clips.map((c) => ({ clip: c.file, numTensors: c.numTensors, bytes: c.numBytes })),
    perClip: result.clips,
    longTasks,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: browserVersion,
    },
    date: new Date().toISOString(),
  };
  process.stdout.write(writeJsonOption(args, report));
  return 0;
}

runCli('bench', main);
