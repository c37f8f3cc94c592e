/**
 * Node-only: decode a video into raw RGB frames with ffmpeg (for CLI tools and tests).
 * `ffprobe` gives the display size; `ffmpeg -vf fps=…,scale=… -f rawvideo -pix_fmt rgb24` streams frames.
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { promisify } from 'node:util';
import { createFrameSelector } from '../video/frame-selector';
import { grayFromRgb, type GrayFrame } from '../core/gray-image';
import { MOUTH_TRACE } from '../core/speaker/speaker-constants';

const execFileP = promisify(execFile);

/** One decoded frame: RGB, row-major, 3 bytes per pixel. */
export interface RawFrame {
  /** 0-based index among the frames yielded. */
  index: number;
  /** Presentation time in seconds: index / fps with the fps filter, the frame's own time with `frames: 'app'`. */
  tSec: number;
  /** Index among all frames of the video (known with `frames: 'app'` only). */
  sourceIndex?: number;
  width: number;
  height: number;
  data: Uint8Array;
  /**
   * With `mouthFps` (and `frames: 'app'`): the grey frames on a `mouthFps` grid since the previous
   * yielded frame, this one last, as the decode worker sends them with each analysed frame.
   */
  mouthFrames?: GrayFrame[];
}

export interface ReadFramesOptions {
  /** Sampling rate in frames per second. */
  fps: number;
  /** Output width in pixels (height keeps the aspect ratio, rounded to even); default: display size. */
  width?: number;
  /**
   * Which source frames stand for `fps`. 'fps-filter' (default): ffmpeg's fps filter, which keeps
   * frames 2, 8, 14, … of a 29.97 fps clip at 5 fps. 'app': the app's selector (src/video/frame-selector.ts)
   * on the frames' timestamps — 0, 6, 12, …, the frames the browser analyses; `npm run features` uses it.
   * Heads trained on one choice lost up to 25 points on the other (docs/results.md, "Earlier findings").
   */
  frames?: 'fps-filter' | 'app';
  /**
   * With `frames: 'app'`: source frames dropped before the selector starts, i.e. the app's frames of
   * the clip as if it began `phase` frames later (phase 3 keeps 3, 9, 15, …). Training copies at
   * other phases were meant to keep the temporal heads from following one sampling phase; they did not
   * help (docs/results.md, "Earlier findings").
   */
  phase?: number;
  /** With `frames: 'app'`: also the grey frames at this rate for the mouth measure (`RawFrame.mouthFrames`). */
  mouthFps?: number;
  /** ffmpeg binary (default `ffmpeg` on PATH). */
  ffmpegPath?: string;
  /** ffprobe binary (default `ffprobe` on PATH). */
  ffprobePath?: string;
}

/** Display size and duration of the first video stream (rotation and sample aspect applied). */
export async function probeVideo(
  path: string,
  ffprobePath = 'ffprobe',
): Promise<{ width: number; height: number; durationSec: number }> {
  const { stdout } = await execFileP(ffprobePath, [
    '-v', 'error', '-select_streams', 'v:0',
    '-show_entries', 'stream=width,height,sample_aspect_ratio:stream_side_data=rotation:format=duration',
    '-of', 'json', path,
  ]);
  const info = JSON.parse(stdout) as {
    streams?: { width?: number; height?: number; sample_aspect_ratio?: string; side_data_list?: { rotation?: number }[] }[];
    format?: { duration?: string };
  };
  const s = info.streams?.[0];
  if (!s?.width || !s.height) throw new Error(`${path}: no video stream`);
  let width = s.width;
  let height = s.height;
  const [num, den] = (s.sample_aspect_ratio ?? '1:1').split(':').map(Number);
  if (num && den && num !== den) width = Math.round((width * num) / den / 2) * 2;
  const rotation = Math.abs(s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0);
  if (rotation === 90 || rotation === 270) [width, height] = [height, width];
  return { width, height, durationSec: Number(info.format?.duration ?? NaN) };
}

/** Presentation times (s) of every frame of the first video stream, in presentation order. */
export async function frameTimes(path: string, ffprobePath = 'ffprobe'): Promise<number[]> {
  const { stdout } = await execFileP(ffprobePath, [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', path,
  ], { maxBuffer: 64 << 20 });
  return stdout.split('\n').map((l) => l.trim().replace(/,$/, '')).filter((l) => l !== '').map(Number);
}

/**
 * Yields frames of `path` sampled at `options.fps`. Stopping the loop early kills ffmpeg.
 * Rejects with an Error carrying ffmpeg's stderr if decoding fails.
 */
export async function* readFramesWithFfmpeg(path: string, options: ReadFramesOptions): AsyncGenerator<RawFrame> {
  if (!(options.fps > 0)) throw new TypeError(`fps: expected a positive number, got ${options.fps}`);
  const probed = await probeVideo(path, options.ffprobePath);
  const width = options.width ? Math.round(options.width / 2) * 2 : probed.width;
  const height = options.width ? Math.round((probed.height * width) / probed.width / 2) * 2 : probed.height;
  const frameBytes = width * height * 3;
  const app = options.frames === 'app';
  const phase = options.phase ?? 0;
  if (!(Number.isInteger(phase) && phase >= 0) || (phase > 0 && !app)) throw new TypeError(`phase: expected an integer ≥ 0 with frames: 'app', got ${phase}`);
  // 'app': decode every frame (passthrough, no duplicates or drops) and keep what the app's selector keeps.
  const times = app ? await frameTimes(path, options.ffprobePath) : [];
  const selector = createFrameSelector(options.fps);
  if (options.mouthFps !== undefined && !app) throw new TypeError(`mouthFps: needs frames: 'app'`);
  const mouth = options.mouthFps === undefined ? null : createMouthFrames(options.mouthFps);
  const filter = app ? ['-vf', `scale=${width}:${height}`, '-fps_mode', 'passthrough'] : ['-vf', `fps=${options.fps},scale=${width}:${height}`];
  const proc = spawn(
    options.ffmpegPath ?? 'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', path, ...filter, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  let source = 0;
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= frameBytes) {
        const data = new Uint8Array(frameBytes);
        data.set(pending.subarray(0, frameBytes));
        pending = pending.subarray(frameBytes);
        if (!app) {
          yield { index, tSec: index / options.fps, width, height, data };
          index++;
          continue;
        }
        const tSec = times[source];
        if (tSec === undefined || !Number.isFinite(tSec)) throw new Error(`${path}: ffprobe gave no timestamp for frame ${source}`);
        if (source >= phase) {
          const kept = selector.keep(tSec);
          const mouthFrames = mouth?.add(tSec, data, width, height, kept);
          if (kept) yield { index: index++, tSec, sourceIndex: source, width, height, data, ...(mouthFrames && { mouthFrames }) };
        }
        source++;
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg failed on ${path} (exit ${code}): ${stderr.trim()}`);
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
}

/**
 * The grey frames between analysed ones: every frame on the `fps` grid (and each analysed frame)
 * is kept until the next analysed frame takes them all (the decode worker's rule: decode-frames.ts).
 */
function createMouthFrames(fps: number) {
  const grid = createFrameSelector(fps, MOUTH_TRACE.gridToleranceSec);
  let pending: GrayFrame[] = [];
  return {
    add(tSec: number, rgb: Uint8Array, width: number, height: number, analysed: boolean): GrayFrame[] | undefined {
      if (grid.keep(tSec) || analysed) pending.push({ tSec, width, height, data: grayFromRgb(rgb, width, height, 3) });
      if (!analysed) return undefined;
      const out = pending;
      pending = [];
      return out;
    },
  };
}

/**
 * Runs ffmpeg with `args` (inputs, filters, codecs) into `output` unless it exists: written under a
 * `.part.mp4` name first, so a run stopped half-way leaves no file that looks made. Returns `output`.
 */
export async function ffmpegOnce(output: string, args: readonly string[], ffmpegPath = 'ffmpeg'): Promise<string> {
  if (existsSync(output)) return output;
  const partial = `${output}.part.mp4`;
  await execFileP(ffmpegPath, ['-v', 'error', '-y', ...args, partial]);
  renameSync(partial, output);
  return output;
}

/**
 * Writes `output`: `input` played over and over until it lasts at least `minDurationSec`, without
 * re-encoding (`-stream_loop` + stream copy: a 10-minute file from an 8-s clip in about a second).
 * Kept when it already exists. Returns `output`.
 */
export async function loopVideo(input: string, output: string, minDurationSec: number, ffmpegPath = 'ffmpeg'): Promise<string> {
  if (existsSync(output)) return output;
  const { durationSec } = await probeVideo(input);
  const loops = Math.ceil(minDurationSec / durationSec);
  return ffmpegOnce(output, ['-stream_loop', String(loops - 1), '-i', input, '-an', '-c', 'copy'], ffmpegPath);
}
