/**
 * The decode worker's methods (called by the analysis worker over src/shared/rpc-wire.ts). `decode`
 * is a run: it streams `opened`, then the sampled frames, and replies when the file ends (or with
 * the file's named error); cancelling it stops the decoding. A run decodes only the frames it was
 * granted: `ahead` at the start, one more per `pull` notice (sent each time the analysis worker
 * takes a frame), so at most `ahead` decoded frames wait for inference. `probe` only opens a file.
 */
import type { GrayFrame } from '../core/gray-image';
import type { FramePixels, Rotation, VideoInfo } from './video-info';

/** What a decode run streams. */
export type DecodeEvent =
  | { type: 'opened'; info: VideoInfo }
  | {
      type: 'frame';
      frameIndex: number;
      tSec: number;
      bitmap: ImageBitmap;
      pixels?: FramePixels;
      /** With `mouthFps`: the grey frames on that grid since the previous sampled frame, this one last (src/pipeline/mouth-trace.ts). */
      mouthFrames?: GrayFrame[];
      /** Decode worker's time on this frame: decoding it and the skipped frames before it, its bitmap and pixels. */
      decodeMs: number;
    };

/** Arguments of a decode run. */
export interface DecodeArgs {
  file: Blob;
  /** Sampling rate (undefined: every frame) and longest side of the analysed frames. */
  fps?: number;
  maxSide?: number;
  /** Grey frames per second for the speaker's mouth measure (absent: none). */
  mouthFps?: number;
  /** Also send each frame's RGB pixels (for backends that read pixels on the CPU: WASM). */
  pixels: boolean;
  /** Frames decoded before the first is taken. */
  ahead: number;
  /** A clockwise turn beyond the file's own orientation (VideoInfo.turn): `opened` and the frames include it. */
  turn?: Rotation;
}

/** The decode worker's methods. */
export interface DecodeApi {
  probe: { args: { file: Blob }; reply: VideoInfo };
  decode: { args: DecodeArgs; reply: null; event: DecodeEvent; notice: { type: 'pull' } };
}
