/**
 * Messages between the analysis worker and the decode worker it starts. Every message names its
 * decode run (`id`). A run decodes only the frames it was granted: `ahead` at the start, one more
 * per `pull` (sent each time the analysis worker takes a frame), so at most `ahead` decoded frames
 * wait for inference. `probe` only opens a file and answers `opened` or `failed`.
 */
import type { FramePixels, VideoInfo } from './video-info';
import type { WireError } from './wire-error';

/** Analysis worker → decode worker. */
export type DecodeRequest =
  | { type: 'probe'; id: number; file: Blob }
  | {
      type: 'start';
      id: number;
      file: Blob;
      /** Sampling rate (undefined: every frame) and longest side of the analysed frames. */
      fps?: number;
      maxSide?: number;
      /** Also send each frame's RGB pixels (for backends that read pixels on the CPU: WASM). */
      pixels: boolean;
      /** Frames decoded before the first is taken. */
      ahead: number;
    }
  | { type: 'pull'; id: number }
  | { type: 'stop'; id: number };

/** Decode worker → analysis worker. */
export type DecodeEvent =
  | { type: 'opened'; id: number; info: VideoInfo }
  | {
      type: 'frame';
      id: number;
      frameIndex: number;
      tSec: number;
      bitmap: ImageBitmap;
      pixels?: FramePixels;
      /** Decode worker's time on this frame: decoding it and the skipped frames before it, its bitmap and pixels. */
      decodeMs: number;
    }
  | { type: 'end'; id: number }
  | { type: 'failed'; id: number; error: WireError };
