/**
 * The camera part of `npm run bench -- --webcam`: the built app on Chromium's fake camera, fed
 * from our clips (one face; two faces side by side, an ffmpeg composite; a far person; nobody), through the UI's own
 * "Start camera" button. After a warm-up it reads the app's camera diagnostics over a measured
 * window: pictures analysed per second and the latency from a picture's grab to the first draw of
 * its boxes, where each picture's time went (the worker's stages, the page's handling), plus the page's main-thread long tasks in that window and the load average around it.
 * With one face it also measures the camera calibrated (Calibrate pressed, its reference made).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CameraSummary } from '../../src/app/camera-stats';
import { launchApp, repoRoot } from './browser-app';
import { LONG_TASK_OBSERVER, type PageWithTasks } from './long-tasks';

const CLIPS_DIR = join(repoRoot, '../shared/data/javanese/clips');
const CACHE = join(repoRoot, '.cache');
/** Seconds of each clip the fake camera loops (a .y4m is raw video: ~14 MB a second at 640×480). */
const CAMERA_CLIP_SEC = 6;

/** What one camera scene measured. */
export interface WebcamResult extends CameraSummary {
  /** Faces in the newest analysed picture at the end (the scene's expected count, if tracking works). */
  facesAtEnd: number;
  longTasks: { count: number; over50ms: number; maxMs: number };
  /** Long animation frames that blocked, by the script that ran longest in each: count and longest (ms). */
  blockingScripts: Record<string, { count: number; maxMs: number }>;
  /** Worker tensors at the start and the end of the window (flat: no leak per picture). */
  numTensors: { start: number; end: number };
  loadAverage: { start: number; end: number };
}

/** ffmpeg makes `name` in .cache once (raw 4:2:0 video, what the fake camera reads). */
function y4m(name: string, args: string[], seconds = CAMERA_CLIP_SEC): string {
  mkdirSync(CACHE, { recursive: true });
  const path = join(CACHE, name);
  if (!existsSync(path)) execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, '-t', String(seconds), '-pix_fmt', 'yuv420p', path]);
  return path;
}

/** The scenes, at a webcam's usual 640×480 (4:3, like the clips), and one camera that only gives 1080p. */
export function cameraScenes(): { oneFace: string; twoFaces: string; nobody: string; farPerson: string; hdOnlyCamera: string } {
  return {
    // A camera with no small mode (a 1080p virtual camera, a phone used as a webcam): the browser
    // crops and scales it to the asked 640×480 lazily, so each picture arrives 1920×1080 underneath.
    // 3 s (a 1080p .y4m is ~90 MB a second), looped.
    hdOnlyCamera: y4m('bench-camera-hd-only.y4m', ['-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-vf', 'scale=1440:1080,pad=1920:1080:240:0'], 3),
    // An empty room: the wall beside the person, no face (the detector's search runs once a second).
    nobody: y4m('bench-camera-nobody.y4m', ['-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-vf', 'crop=80:200:0:0,scale=640:480']),
    // A person far from the camera: the clip at 0.3× on grey, the face ~64 px (~32 at the detector's
    // 320 px), found by the search pass on every frame (real-files.md, "Small faces").
    farPerson: y4m('bench-camera-far-person.y4m', ['-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-vf', 'scale=192:144,pad=640:480:224:168:color=gray']),
    oneFace: y4m('bench-camera-one-face.y4m', ['-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-vf', 'scale=640:480']),
    // Two people side by side, letterboxed: each face is about half as large as the single one.
    twoFaces: y4m('bench-camera-two-faces.y4m', [
      '-i', join(CLIPS_DIR, '02-04-05_01.mp4'), '-i', join(CLIPS_DIR, '01-01-03_01.mp4'),
      '-filter_complex', '[0:v][1:v]hstack=inputs=2:shortest=1,scale=640:240,pad=640:480:0:120[v]', '-map', '[v]',
    ]),
  };
}

/** How one camera scene is measured (see measureWebcam). */
export interface WebcamOptions {
  seconds: number;
  warmUpSec: number;
  log: (line: string) => void;
  /**
   * Press Calibrate after the warm-up and measure once the reference is made (the clip models'
   * networks run on every picture then, and the clip models answer every 2 s).
   */
  calibrated?: boolean;
  /** False for a scene with nobody in it: the warm-up starts once the camera runs, not once a face is tracked. */
  expectFaces?: boolean;
  /** The app page's query (e.g. `perception.searchWindowFaces=0`). */
  query?: Record<string, string>;
}

/** Runs the camera on `scene` and measures `seconds` after `warmUpSec` of tracking. */
export async function measureWebcam(backend: string, scene: string, options: WebcamOptions): Promise<WebcamResult> {
  const { seconds, warmUpSec, log, calibrated = false, expectFaces = true } = options;
  const app = await launchApp({
    backend,
    initScript: LONG_TASK_OBSERVER,
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${scene}`],
    query: options.query,
    log,
  });
  const { page } = app;
  try {
    await page.getByTestId('webcam-toggle').click();
    if (expectFaces) await page.getByTestId('track-overlay').and(page.locator('[data-tracks*="1"], [data-tracks*="2"], [data-tracks*="3"]')).first().waitFor({ timeout: 300_000 });
    else await page.waitForFunction(() => (window.emolensDiagnostics?.camera(0)?.analysed ?? 0) > 0, undefined, { timeout: 300_000 });
    await page.waitForTimeout(warmUpSec * 1000);
    if (calibrated) {
      await page.getByTestId('calibrate').click();
      await page.locator('[data-testid=calibration-badge][data-phase=on]').waitFor({ timeout: 120_000 });
    }
    const load0 = loadavg()[0]!;
    const tensors0 = (await page.evaluate(() => window.emolensDiagnostics!.memory())).numTensors;
    const since = await page.evaluate(() => {
      const w = window as unknown as PageWithTasks;
      w.__longTasks = [];
      w.__blockingFrames = [];
      return performance.now();
    });
    await page.waitForTimeout(seconds * 1000);
    const summary = await page.evaluate((t) => window.emolensDiagnostics!.camera(t), since);
    const { __longTasks: tasks, __blockingFrames: frames } = await page.evaluate(() => {
      const w = window as unknown as PageWithTasks;
      return { __longTasks: w.__longTasks, __blockingFrames: w.__blockingFrames };
    });
    const blockingScripts: WebcamResult['blockingScripts'] = {};
    for (const f of frames) {
      const entry = (blockingScripts[f.script] ??= { count: 0, maxMs: 0 });
      entry.count++;
      entry.maxMs = Math.max(entry.maxMs, f.ms);
    }
    const tensors1 = (await page.evaluate(() => window.emolensDiagnostics!.memory())).numTensors;
    const tracks = (await page.getByTestId('track-overlay').getAttribute('data-tracks')) ?? '';
    await page.getByTestId('webcam-toggle').click();
    if (!summary) throw new Error('the camera did not run (no camera diagnostics)');
    if (app.consoleErrors.length > 0) log(`bench: console errors: ${app.consoleErrors.join(' | ')}`);
    const stages = Object.entries(summary.stagesMs).map(([k, v]) => `${k} ${v.perPicture}`).join(', ');
    log(`bench: ${summary.analysedFps} fps, p50/p95 ${summary.latencyMsP50}/${summary.latencyMsP95} ms, worker ${summary.workerMsP50} ms/picture (p50); ms per picture: ${stages}`);
    return {
      ...summary,
      facesAtEnd: tracks.split(' ').filter(Boolean).length,
      longTasks: {
        count: tasks.length,
        over50ms: tasks.filter((t) => t.ms > 50).length,
        maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.ms)) * 10) / 10,
      },
      blockingScripts,
      numTensors: { start: tensors0, end: tensors1 },
      loadAverage: { start: load0, end: loadavg()[0]! },
    };
  } finally {
    await app.close();
  }
}
