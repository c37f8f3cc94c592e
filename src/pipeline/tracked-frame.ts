/**
 * What crosses from the analysis (worker) to the page: a tracked frame, and the page's half of the
 * per-frame loop that records it into the clip and turns it into what the UI draws. Plain data,
 * no tfjs: the page imports this without loading the networks.
 */
import type { Box } from '../core/geometry';
import type { FramePixels } from '../shared/video-info';
import type { GrayFrame } from '../core/gray-image';
import type { CameraPicture, TrackedFrame } from '../shared/face-record';
import { addFrame, forgetBefore, type ClipAnalysis } from './clip-analysis';

export type { CameraPicture, TrackedFrame };

/** A picture the page draws from: the worker's bitmap, or the camera's VideoFrame the page kept. */
export type ShownPicture = ImageBitmap | VideoFrame;

/** True for a WebCodecs VideoFrame (tested by shape: Node tests have no VideoFrame class). */
export function isVideoFrame(picture: ShownPicture): picture is VideoFrame {
  return 'displayWidth' in picture;
}

/** A shown picture's width in pixels (a VideoFrame has no `width`). */
export function pictureWidth(picture: ShownPicture): number {
  return isVideoFrame(picture) ? picture.displayWidth : picture.width;
}

/** What the UI needs to draw one analysed frame. */
export interface FrameUpdate {
  frameIndex: number;
  tSec: number;
  /** Sampled frames analysed so far, this one included. */
  analysed: number;
  /** Each face's box, detection score, face-api probabilities and, on frames where they ran, the general model's. */
  faces: { trackId: number; box: Box; score: number; probs: Float32Array; general?: Float32Array }[];
  persons: { box: Box; score: number }[];
  /** The clip so far (read-only), for a running FaceVoting while the video is analysed. */
  clip: Readonly<ClipAnalysis>;
  /**
   * The analysed picture, valid only during `onFrame` (closed right after). It may be smaller
   * than the video (large videos are analysed downscaled); boxes are in video pixels.
   */
  picture: ShownPicture;
  /** The worker's ms per stage on this frame (see TrackedFrame.stageMs). */
  stageMs?: Record<string, number>;
}

/**
 * One frame of a FrameSource. `pixels`, when present, are the frame's RGB pixels read ahead (by the
 * decode worker, or from a camera frame); then the bitmap may still be in the making (a promise: it
 * is only needed once the frame is analysed), or null for a camera frame: the page keeps that
 * picture to show. `readyMs`: the analysis worker's own ms making a camera frame's pixels, by
 * stage. `mainTrackId`: a camera picture's main track when the page grabbed it (see `mainFaceOnlyNets`).
 */
export interface SourceFrame {
  frameIndex: number;
  tSec: number;
  bitmap: ImageBitmap | Promise<ImageBitmap> | null;
  pixels?: FramePixels;
  /** A file's grey frames for the mouth measure since the previous frame, this one last (src/pipeline/mouth-trace.ts). */
  mouthFrames?: GrayFrame[];
  readyMs?: Record<string, number>;
  mainTrackId?: number | null;
  /** False: a camera picture that skips the nets only the clip models read (see `PerceptionState.clipNets`). */
  clipNets?: boolean;
}

/** A source of frames: a decoded file, or a live camera. Each frame is closed by the consumer. */
export interface FrameSource {
  next(): Promise<IteratorResult<SourceFrame & { close(): void }>>;
  return(value?: undefined): Promise<unknown>;
}

/** Live pictures (the camera) for the analysis worker, which turns each into a bitmap itself; the receiver closes each picture. */
export interface PictureSource {
  next(): Promise<IteratorResult<{ frameIndex: number; tSec: number; picture: CameraPicture }>>;
  return(value?: undefined): Promise<unknown>;
}

/**
 * The cheap half, where the results are shown: records a tracked frame into `clip` (forgetting
 * faces older than `historySec` on live sessions) and returns what the UI draws, from `picture`
 * (the frame's bitmap, or the picture the page kept when the worker sent none).
 */
export function recordFrame(clip: ClipAnalysis, frame: TrackedFrame, picture: ShownPicture, analysed: number, historySec = Infinity): FrameUpdate {
  addFrame(clip, frame.faces, frame.trackIds, frame.tSec, frame.newShot);
  if (Number.isFinite(historySec)) forgetBefore(clip, frame.tSec - historySec);
  return {
    frameIndex: frame.frameIndex,
    tSec: frame.tSec,
    analysed,
    faces: frame.faces.map((f, j) => ({ trackId: frame.trackIds[j]!, box: f.box, score: f.score, probs: f.probs, ...(f.baselineProbs?.general && { general: f.baselineProbs.general }) })),
    persons: frame.persons,
    clip,
    picture,
    ...(frame.stageMs && { stageMs: frame.stageMs }),
  };
}
