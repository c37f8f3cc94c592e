/**
 * Analyses one video file in the browser: decode sampled frames (WebCodecs), perceive each frame,
 * track faces (§3.3) and record every face per track for voting (§3.4) and the emotion models.
 * Reports each frame through `onFrame` so the UI can draw and vote while it runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Box } from '../core/geometry';
import { createTracker, type TrackerConfig } from '../core/tracking/tracker';
import { decodeFrames, openVideo, type VideoInfo } from '../video';
import { addFrame, createClipAnalysis, forgetBefore, type ClipAnalysis } from './clip-analysis';
import { createPerceptionState, frameFromBitmap, perceiveFrame, type PerceivedFrame } from './perceive-frame';
import { DEFAULT_PERCEPTION_CONFIG, type PerceptionConfig } from './perception-config';
import type { PerceptionModels } from './perception-models';
import { createStageTimer, type StageTimer } from './stage-timer';

/** What the UI needs to draw one analysed frame. */
export interface FrameUpdate {
  frameIndex: number;
  tSec: number;
  /** Sampled frames analysed so far, this one included. */
  analysed: number;
  faces: { trackId: number; box: Box; score: number; probs: Float32Array }[];
  persons: { box: Box; score: number }[];
  /** The clip so far (read-only), for a running FaceVoting while the video is analysed. */
  clip: Readonly<ClipAnalysis>;
  /**
   * The analysed picture, valid only during `onFrame` (closed right after). It may be smaller
   * than the video (large videos are analysed downscaled); boxes are in video pixels.
   */
  bitmap: ImageBitmap;
}

/** Options for `analyzeVideo`. */
export interface AnalyzeOptions {
  /** Sampling rate in frames per second; undefined analyses every frame. */
  fps?: number;
  signal?: AbortSignal;
  tracker?: Partial<TrackerConfig>;
  perception?: Partial<PerceptionConfig>;
  /**
   * Live sessions: keep only the last `historySec` seconds of faces (tracker and clip), so memory
   * stays flat over an hour; undefined keeps the whole clip (the paper's setting).
   */
  historySec?: number;
  onOpened?: (info: VideoInfo) => void;
  onFrame?: (update: FrameUpdate) => void;
}

/** The finished analysis. */
export interface VideoAnalysis {
  info: VideoInfo;
  clip: ClipAnalysis;
  timer: StageTimer;
}

/** A source of frames: a decoded file, or a live camera. Each frame is closed by the consumer. */
export interface FrameSource {
  next(): Promise<IteratorResult<{ frameIndex: number; tSec: number; bitmap: ImageBitmap; close(): void }>>;
  return(value?: undefined): Promise<unknown>;
}

/** Options for `analyzeFrames`. */
export type AnalyzeFramesOptions = Omit<AnalyzeOptions, 'fps' | 'onOpened'>;

/**
 * The per-frame loop shared by files and the webcam: perceive, track, record, report. Stops the
 * source (closing its queued frames) when it leaves early.
 */
export async function analyzeFrames(
  frames: FrameSource,
  size: { width: number; height: number },
  models: PerceptionModels,
  options: AnalyzeFramesOptions = {},
  timer: StageTimer = createStageTimer(),
): Promise<ClipAnalysis> {
  const clip = createClipAnalysis(size.width, size.height);
  const history = options.historySec ?? Infinity;
  const tracker = createTracker({ historySec: history, ...options.tracker });
  const perception = createPerceptionState(options.perception);
  let analysed = 0;
  try {
    for (;;) {
      const next = await timer.time('decode', () => frames.next());
      if (next.done) break;
      const decoded = next.value;
      let tensor: tf.Tensor3D | undefined;
      try {
        tensor = await timer.time('toTensor', () => frameFromBitmap(decoded.bitmap));
        const seen = toVideoPixels(
          await perceiveFrame(models, tensor, decoded.tSec, perception, timer),
          size.width / decoded.bitmap.width,
        );
        const { trackIds } = await timer.time('tracking', () => tracker.update(decoded.frameIndex, decoded.tSec, seen.detections));
        const faces = seen.faces.map((f) => ({ ...f, frameIndex: decoded.frameIndex, tSec: decoded.tSec }));
        addFrame(clip, faces, trackIds, decoded.tSec);
        if (Number.isFinite(history)) forgetBefore(clip, decoded.tSec - history);
        options.onFrame?.({
          frameIndex: decoded.frameIndex,
          tSec: decoded.tSec,
          analysed: ++analysed,
          faces: faces.map((f, j) => ({ trackId: trackIds[j]!, box: f.box, score: f.score, probs: f.probs })),
          persons: seen.persons,
          clip,
          bitmap: decoded.bitmap,
        });
      } finally {
        tensor?.dispose();
        decoded.close();
      }
      options.signal?.throwIfAborted();
    }
    return clip;
  } finally {
    await frames.return(undefined);
  }
}

/** Maps a frame's boxes from analysis pixels back to video pixels (`scale` = video / analysis). */
function toVideoPixels(seen: PerceivedFrame, scale: number): PerceivedFrame {
  if (Math.abs(scale - 1) < 1e-9) return seen;
  const map = (b: Box): Box => ({ x: b.x * scale, y: b.y * scale, w: b.w * scale, h: b.h * scale });
  return {
    faces: seen.faces.map((f) => ({ ...f, box: map(f.box), personBox: f.personBox && map(f.personBox) })),
    detections: seen.detections.map((d) => ({ ...d, box: map(d.box) })),
    persons: seen.persons.map((p) => ({ ...p, box: map(p.box) })),
  };
}

/** Runs the perception pipeline over `file`; throws the named errors of src/video on bad input. */
export async function analyzeVideo(file: Blob, models: PerceptionModels, options: AnalyzeOptions = {}): Promise<VideoAnalysis> {
  const timer = createStageTimer();
  const video = await openVideo(file);
  try {
    const { info } = video;
    options.onOpened?.(info);
    const maxSide = options.perception?.maxAnalysisSide ?? DEFAULT_PERCEPTION_CONFIG.maxAnalysisSide;
    const frames = decodeFrames(video, { fps: options.fps, signal: options.signal, maxSide });
    const clip = await analyzeFrames(frames, info, models, options, timer);
    return { info, clip, timer };
  } finally {
    video.dispose();
  }
}
