/**
 * The analysis worker's side of the decode worker: probe a file, or open it and take its sampled
 * frames as a FrameSource while the decode worker stays `ahead` frames in front (src/shared/decode-protocol.ts).
 */
import { CanceledError, EmolensError } from '../../errors';
import type { VideoInfo } from '../../video';
import type { FrameSource } from '../tracked-frame';
import type { DecodeEvent, DecodeRequest } from '../../shared/decode-protocol';
import { createFrameQueue } from './frame-queue';
import { fromWire, toWire } from './wire-error';

/** Frames decoded ahead of the one being analysed: enough to cover the decode worker's slow frames, few enough to bound memory. */
export const DEFAULT_DECODE_AHEAD = 2;

/** Options of `open`. */
export interface OpenOptions {
  fps?: number;
  maxSide?: number;
  /** Stops decoding; a pending `open` or `next()` rejects with CanceledError. */
  signal?: AbortSignal;
  /** Ask for each frame's RGB pixels as well as its bitmap. */
  pixels: boolean;
  ahead?: number;
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
  worker: Worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'emolens-decode' }),
): DecodeClient {
  let nextId = 1;
  const handlers = new Map<number, (event: DecodeEvent) => void>();
  const send = (request: DecodeRequest) => worker.postMessage(request);

  worker.onmessage = (message: MessageEvent<DecodeEvent>) => {
    const event = message.data;
    const handler = handlers.get(event.id);
    if (handler) handler(event);
    else if (event.type === 'frame') event.bitmap.close();
  };
  worker.onerror = (event) => {
    const error = toWire(new EmolensError(`The decode worker failed (${event.message || 'no details'}).`));
    for (const [id, handler] of [...handlers]) handler({ type: 'failed', id, error });
  };

  return {
    probe(file) {
      const id = nextId++;
      return new Promise<VideoInfo>((resolve, reject) => {
        handlers.set(id, (event) => {
          handlers.delete(id);
          if (event.type === 'opened') resolve(event.info);
          else if (event.type === 'failed') reject(fromWire(event.error));
        });
        send({ type: 'probe', id, file });
      });
    },

    open(file, options) {
      const id = nextId++;
      const queue = createFrameQueue();
      const { signal } = options;
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        handlers.delete(id);
        signal?.removeEventListener('abort', onAbort);
        send({ type: 'stop', id });
      };
      let rejectOpen: (error: Error) => void = () => undefined;
      function onAbort() {
        stop();
        const error = new CanceledError();
        rejectOpen(error);
        queue.fail(error);
      }
      const frames: FrameSource = {
        async next() {
          const taken = await queue.next();
          // One frame taken, one more granted: the decode worker stays `ahead` frames in front.
          if (!taken.done && !stopped) send({ type: 'pull', id });
          return taken;
        },
        async return() {
          stop();
          return queue.return(undefined);
        },
      };
      return new Promise((resolve, reject) => {
        rejectOpen = reject;
        handlers.set(id, (event) => {
          switch (event.type) {
            case 'opened':
              resolve({ info: event.info, frames });
              return;
            case 'frame':
              options.onDecodeMs?.(event.decodeMs);
              queue.push({ frameIndex: event.frameIndex, tSec: event.tSec, bitmap: event.bitmap, pixels: event.pixels });
              return;
            case 'end':
              handlers.delete(id);
              queue.end();
              return;
            case 'failed': {
              const error = fromWire(event.error);
              stop();
              reject(error);
              queue.fail(error);
              return;
            }
          }
        });
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        send({ type: 'start', id, file, fps: options.fps, maxSide: options.maxSide, pixels: options.pixels, ahead: options.ahead ?? DEFAULT_DECODE_AHEAD });
      });
    },

    dispose: () => worker.terminate(),
  };
}
