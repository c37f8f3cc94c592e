/**
 * The benchmark page (bench.html, built with the app): runs the full perception pipeline exactly as
 * the app does (in the analysis worker, through its client) and the usual alternative (face-api's
 * Tiny Face Detector + expression net on every frame, in this page) on the same sampled frames of
 * the same clips, on the same backend, and returns plain numbers. Driven by `npm run bench`
 * (scripts/bench.ts); never part of the app's UI.
 */
import * as tf from '@tensorflow/tfjs';
import { parseBackendName } from '../env/backend-choice';
import { initBackend } from '../env/init-backend';
import { urlWeightSource } from '../models';
import { frameFromBitmap } from '../pipeline/perceive-frame';
import { perceptionFromQuery, type PerceptionConfig } from '../shared/perception-config';
import { loadPerceptionModels, type PerceptionModels } from '../pipeline/perception-models';
import { createStageTimer } from '../pipeline/stage-timer';
import { createAnalysisClient, type AnalysisClient } from '../pipeline/worker/analysis-client';
import { decodeFrames, openVideo } from '../video';
import { round1, summarizeDeviceWork, summarizeStages, type DeviceWorkSummary, type StageStats } from './bench-summary';
import { deviceWorkPerFrame } from './device-work-check';
import { comparePixels, type PixelCheckResult } from './pixel-check';
import { mainTrackFeatures, type MainTrackFeatures } from './feature-check';

/** What one clip measured. */
interface ClipResult {
  file: string;
  frames: number;
  durationSec: number;
  oursMs: number;
  baselineMs: number;
  /** The speech features (audio decode + statistics), which the app runs in the same worker during the analysis. */
  speechMs: number;
  numTensors: number;
  numBytes: number;
}

/** What the page returns to the CLI. */
export interface BenchPageResult {
  backend: string;
  fps: number | null;
  clips: ClipResult[];
  stages: Record<string, StageStats>;
  baselineStages: Record<string, StageStats>;
  /** Perception settings that differ from the app's defaults in this run (from the page's query). */
  perception: Partial<PerceptionConfig>;
  /** What each analysed frame of the first clip asked of the device (downloads, dispatches, kernels). */
  deviceWorkPerFrame: DeviceWorkSummary | null;
}

/** face-api's usual per-frame path: detect every face, then classify each one's expression. */
async function runBaseline(file: File, models: PerceptionModels, fps: number | undefined, timer: ReturnType<typeof createStageTimer>) {
  const video = await openVideo(file);
  try {
    for await (const frame of decodeFrames(video, { fps })) {
      const tensor = frameFromBitmap(frame.bitmap);
      try {
        const faces = await timer.time('faceDetection', () => models.faceDetector.run(tensor));
        await timer.time('faceExpression', () => models.faceEmotion.run({ frame: tensor, boxes: faces.map((f) => f.box) }));
      } finally {
        tensor.dispose();
        frame.close();
      }
    }
  } finally {
    video.dispose();
  }
}

async function bench(client: AnalysisClient, files: File[], fps: number | undefined, perception: Partial<PerceptionConfig>): Promise<BenchPageResult> {
  const status = document.getElementById('status')!;
  const models = await loadPerceptionModels(urlWeightSource('models/'));
  await client.loadModels();
  // Warm-up: the first call of each network sets up kernels (and compiles shaders on WebGPU).
  if (files[0]) {
    await client.analyzeVideo(files[0], { fps: 1, perception });
    await runBaseline(files[0], models, 1, createStageTimer());
  }
  const ours = createStageTimer();
  const theirs = createStageTimer();
  const clips: ClipResult[] = [];
  for (const file of files) {
    status.textContent = `ours: ${file.name}`;
    let t0 = performance.now();
    const { info, clip, timer } = await client.analyzeVideo(file, { fps, perception });
    const oursMs = performance.now() - t0;
    t0 = performance.now();
    await client.speech(file);
    const speechMs = performance.now() - t0;
    for (const [stage, values] of Object.entries(timer.samples())) for (const v of values) ours.add(stage, v);
    status.textContent = `baseline: ${file.name}`;
    t0 = performance.now();
    await runBaseline(file, models, fps, theirs);
    const baselineMs = performance.now() - t0;
    const mem = await client.memory();
    clips.push({
      file: file.name,
      frames: clip.sampledFrames,
      durationSec: info.durationSec,
      oursMs: round1(oursMs),
      baselineMs: round1(baselineMs),
      speechMs: round1(speechMs),
      numTensors: mem.numTensors,
      numBytes: mem.numBytes,
    });
  }
  status.textContent = 'device work per frame';
  const deviceWork = files[0] ? summarizeDeviceWork(await deviceWorkPerFrame(files[0], models, fps, perception)) : null;
  status.textContent = 'done';
  const stages = summarizeStages(ours.samples());
  return { backend: tf.getBackend(), fps: fps ?? null, clips, stages, baselineStages: summarizeStages(theirs.samples()), perception, deviceWorkPerFrame: deviceWork };
}

declare global {
  interface Window {
    /** Runs the benchmark over the files chosen in #files. */
    emolensBench?: (fps: number | null) => Promise<BenchPageResult>;
    /** Compares the pixels of the files in #files through the old and the new decoding path (src/bench/pixel-check.ts). */
    emolensPixelCheck?: (fps: number | null) => Promise<PixelCheckResult[]>;
    /** The speech features the app computes for each file in #files (the worker's WebCodecs audio decoding). */
    emolensSpeech?: () => Promise<{ file: string; features: number[] | null; note: string | null }[]>;
    /** The main track's per-frame features the app computes for each file in #files (src/bench/feature-check.ts). */
    emolensFeatures?: (fps: number) => Promise<MainTrackFeatures[]>;
  }
}

const forced = parseBackendName(new URLSearchParams(location.search).get('backend'));
const client = createAnalysisClient();
// The same backend in the page (baseline) and in the worker (ours); the worker's choice decides.
const ready = client.init(forced).then((status) => initBackend(status.active));
window.emolensBench = async (fps) => {
  await ready;
  const input = document.getElementById('files') as HTMLInputElement;
  return bench(client, [...(input.files ?? [])], fps ?? undefined, perceptionFromQuery(location.search));
};
window.emolensSpeech = async () => {
  await ready;
  const input = document.getElementById('files') as HTMLInputElement;
  const out = [];
  for (const file of input.files ?? []) {
    const { features, note } = await client.speech(file);
    out.push({ file: file.name, features: features && [...features], note });
  }
  return out;
};
window.emolensFeatures = async (fps) => {
  await ready;
  const input = document.getElementById('files') as HTMLInputElement;
  const out: MainTrackFeatures[] = [];
  for (const file of input.files ?? []) out.push(await mainTrackFeatures(client, file, fps));
  return out;
};
window.emolensPixelCheck = async (fps) => {
  await ready;
  const input = document.getElementById('files') as HTMLInputElement;
  const results: PixelCheckResult[] = [];
  for (const file of input.files ?? []) results.push(await comparePixels(file, fps ?? undefined));
  return results;
};
