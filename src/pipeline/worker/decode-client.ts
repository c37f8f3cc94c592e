/**
 * The analysis worker's side of the decode worker: probe a file, or open it and take its sampled
 * frames as a FrameSource while the decode worker stays `ahead` frames in front (src/shared/decode-protocol.ts).
 * A Cancel (`signal`) rejects a pending `open` or `next()` with CanceledError.
 */
import type { Rotation, VideoInfo } from '../../video';
import type { FrameSource } from '../tracked-frame';
import type { DecodeApi } from '../../shared/decode-protocol';
import { createFrameQueue } from './frame-queue';
import { createRpcClient, type RpcClientPort } from './rpc-client';

/** Frames decoded ahead of the one being analysed: enough to cover the decode worker's slow frames, few enough to bound memory. */
export const DEFAULT_DECODE_AHEAD = 2;

/** Options of `open`. */
export interface OpenOptions {
  fps?: number;
  maxSide?: number;
  /** Grey frames per second for the mouth measure, sent with each sampled frame (absent: none). */
  mouthFps?: number;
  /** Stops decoding; a pending `open` or `next()` rejects with CanceledError. */
  signal?: AbortSignal;
  /** Ask for each frame's RGB pixels as well as its bitmap. */
  pixels: boolean;
  ahead?: number;
  /** A clockwise turn beyond the file's own orientation (VideoInfo.turn). */
  turn?: Rotation;
  /** The decode worker's time on each frame (see DecodeEvent). */
  onDecodeMs?: (ms: number) => void;
}

/** The decode worker, seen from the analysis worker. */
export interface DecodeClient {
  /** Opens `file` only to read its info; throws the named errors of src/video on bad input. */
  probe(file: Blob): Promise<VideoInfo>;
  /** Opens `file` and starts decoding; throws the named errors of src/video on bad input (later ones come from `frames.next()`). */
  open(file: Blob, options: OpenOptions): Promise<{ info: VideoInfo; frames: FrameSource }>;
  /** Ends the decode worker. */
  dispose(): void;
}

/** Starts the decode worker (a module worker bundled by Vite) and returns its client. */
export function createDecodeClient(
  worker: RpcClientPort = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'emolens-decode' }),
): DecodeClient {
  // Frames of a run that is over (stopped, failed) are closed: nobody will take them.
  const rpc = createRpcClient<DecodeApi>(worker, { name: 'decode', onStrayEvent: (event) => event.type === 'frame' && event.bitmap.close() });

  return {
    probe: (file) => rpc.call('probe', { file }),

    open(file, options) {
      const queue = createFrameQueue();
      let opened!: { resolve(value: { info: VideoInfo; frames: FrameSource }): void; reject(error: Error): void };
      const opening = new Promise<{ info: VideoInfo; frames: FrameSource }>((resolve, reject) => (opened = { resolve, reject }));
      const args = { file, fps: options.fps, maxSide: options.maxSide, mouthFps: options.mouthFps, pixels: options.pixels, ahead: options.ahead ?? DEFAULT_DECODE_AHEAD, ...(options.turn && { turn: options.turn }) };
      const run = rpc.start('decode', args, {
        signal: options.signal,
        onEvent(event) {
          if (event.type === 'opened') {
            opened.resolve({ info: event.info, frames });
            return;
          }
          options.onDecodeMs?.(event.decodeMs);
          queue.push({ frameIndex: event.frameIndex, tSec: event.tSec, bitmap: event.bitmap, pixels: event.pixels, ...(event.mouthFrames && { mouthFrames: event.mouthFrames }) });
        },
      });
      const frames: FrameSource = {
        async next() {
          const taken = await queue.next();
          // One frame taken, one more granted: the decode worker stays `ahead` frames in front.
          if (!taken.done) run.notify({ type: 'pull' });
          return taken;
        },
        async return() {
          run.cancel();
          return queue.return(undefined);
        },
      };
      // The end of the file ends the frames; its error (or Cancel) fails `open`, or the next frame after those already decoded.
      run.reply.then(
        () => queue.end(),
        (error: Error) => {
          opened.reject(error);
          queue.fail(error);
        },
      );
      return opening;
    },

    dispose: () => rpc.dispose(),
  };
}
