/**
 * Node-only fixtures for model tests: real frames from the shared Javanese clips (read in place,
 * never copied into the repo) and composites made with ffmpeg in the OS temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { readFramesWithFfmpeg, type RawFrame } from './ffmpeg';
import { initNodeBackend } from './backend';
import { frameFromPixels } from '../pipeline/perceive-frame';
import { packageWeightSource } from './file-weight-source';
import { UNFAMILIAR_KINDS } from './unfamiliar-footage';
import { loadPerceptionModels, type PerceptionModels } from '../pipeline/perception-models';
import type { Box, Model } from '../models/model';
import type { WeightSource } from '../models/weight-source';

const execFileP = promisify(execFile);

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder of the shared Javanese clips, next to the repository. */
export const CLIPS_DIR = resolve(REPO_ROOT, '../shared/data/javanese/clips');

/** The app's perception networks on the Node backend, and a fresh temp folder for the videos a test makes with ffmpeg. */
export async function perceptionAndScratch(prefix: string): Promise<{ models: PerceptionModels; dir: string }> {
  await initNodeBackend();
  return { models: await loadPerceptionModels(packageWeightSource()), dir: await mkdtemp(join(tmpdir(), `emolens-${prefix}-`)) };
}

/** Absolute path of a clip by file name (`01-01-01_01.mp4`). */
export function clip(name: string): string {
  return join(CLIPS_DIR, name);
}

/** All frames of a clip at `fps`. */
export async function readFrames(path: string, fps: number, width?: number): Promise<RawFrame[]> {
  const out: RawFrame[] = [];
  for await (const f of readFramesWithFfmpeg(path, { fps, width })) out.push(f);
  return out;
}

/** A raw frame as an int32 H×W×3 tensor (the caller disposes it): the app's own conversion, here for model tests, which may not import the pipeline. */
export const frameToTensor: (f: RawFrame) => tf.Tensor3D = frameFromPixels;

/** Makes a side-by-side composite of two clips (`hstack`, first 3 s) in a fresh temp folder. */
export function makeSideBySide(left: string, right: string): Promise<string> {
  return makeRow([left, right]);
}

/** Makes a row of clips side by side (`hstack`, first 3 s, no sound): people next to each other, in a fresh temp folder. */
export async function makeRow(paths: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emolens-'));
  const out = join(dir, 'row.mp4');
  await execFileP('ffmpeg', [
    '-v', 'error', '-y', ...paths.flatMap((p) => ['-i', p]), '-t', '3',
    '-filter_complex', `${paths.map((_, i) => `[${i}:v]`).join('')}hstack=inputs=${paths.length}[v]`, '-map', '[v]', '-an',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out,
  ]);
  return out;
}

/** The first `seconds` of `path` scaled (stretched if need be) to `width`×`height`, in a fresh temp folder. */
export async function makeScaled(path: string, width: number, height: number, seconds: number, filter = `scale=${width}:${height}`): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emolens-'));
  const out = join(dir, `scaled-${width}x${height}.mp4`);
  await execFileP('ffmpeg', ['-v', 'error', '-y', '-i', path, '-t', String(seconds), '-vf', filter, '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/** The first `seconds` of `path` as an old webcam records it: the `low-res` kind of unfamiliar footage (160×120, crf 36), in a fresh temp folder. */
export async function makeOldWebcam(path: string, seconds: number): Promise<string> {
  const kind = UNFAMILIAR_KINDS.find((k) => k.name === 'low-res')!;
  const out = join(await mkdtemp(join(tmpdir(), 'emolens-')), 'old-webcam.mp4');
  await execFileP('ffmpeg', ['-v', 'error', '-y', '-i', path, '-t', String(seconds), ...kind.args(null), out]);
  return out;
}

/** A wide shot: the clip shrunk by `scale` in the middle of a grey `width`×`height` picture (a person farther from the camera). */
export function makeWideShot(path: string, width: number, height: number, scale: number, seconds: number): Promise<string> {
  return makeScaled(path, width, height, seconds, `scale=trunc(iw*${scale}/2)*2:trunc(ih*${scale}/2)*2,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=gray`);
}

/**
 * `near` scaled by `nearScale` on the left of a grey `width`×`height` picture and `far` by
 * `farScale` on the right, both vertically centred: a person at the camera and one further away.
 */
export async function makeNearAndFar(near: string, far: string, width: number, height: number, nearScale: number, farScale: number, seconds: number): Promise<string> {
  const out = join(await mkdtemp(join(tmpdir(), 'emolens-')), 'near-and-far.mp4');
  const scaled = (scale: number) => `scale=trunc(iw*${scale}/2)*2:trunc(ih*${scale}/2)*2`;
  await execFileP('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=gray:size=${width}x${height}:rate=30`, '-i', near, '-i', far, '-t', String(seconds),
    '-filter_complex', `[1:v]${scaled(nearScale)}[n];[2:v]${scaled(farScale)}[f];[0:v][n]overlay=x=W/20:y=(H-h)/2[a];[a][f]overlay=x=W*0.75-w/2:y=(H-h)/2[v]`,
    '-map', '[v]', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out,
  ]);
  return out;
}

/** Sets up the backend and loads `model`. */
export async function setUp<M extends Model<unknown, unknown, never>>(create: (s: WeightSource) => M): Promise<M> {
  await initNodeBackend();
  const model = create(packageWeightSource());
  await model.load();
  return model;
}

/** Frames of a clip as int32 tensors (dispose with tf.dispose). */
export async function clipTensors(name: string, fps: number): Promise<tf.Tensor3D[]> {
  return (await readFrames(clip(name), fps)).map(frameToTensor);
}

/** Runs `fn` and asserts it leaves no tensor behind; returns its result. */
export async function noLeak<T>(fn: () => Promise<T>): Promise<{ result: T; leaked: number }> {
  const before = tf.memory().numTensors;
  const result = await fn();
  return { result, leaked: tf.memory().numTensors - before };
}

/** `path`'s audio through ffmpeg with `args` (e.g. `-stream_loop -1 … -t 40`, `-af volume=-12dB`), as float WAV in a fresh temp folder. */
export async function makeAudioVariant(path: string, inputArgs: readonly string[], outputArgs: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emolens-'));
  const out = join(dir, 'audio.wav');
  await execFileP('ffmpeg', ['-v', 'error', '-y', ...inputArgs, '-i', path, '-vn', ...outputArgs, '-c:a', 'pcm_f32le', out]);
  return out;
}

/** The largest-score face in each frame of the second half of clip `name` at `fps` (frames without a face are dropped); dispose the frames. */
export async function facesOfClipEnd(name: string, fps: number, detect: (frame: tf.Tensor3D) => Promise<readonly { box: Box }[]>): Promise<{ frame: tf.Tensor3D; box: Box }[]> {
  const frames = await clipTensors(name, fps);
  const half = Math.floor(frames.length / 2);
  tf.dispose(frames.slice(0, half));
  const out: { frame: tf.Tensor3D; box: Box }[] = [];
  for (const frame of frames.slice(half)) {
    const [face] = await detect(frame);
    if (face) out.push({ frame, box: face.box });
    else frame.dispose();
  }
  return out;
}
