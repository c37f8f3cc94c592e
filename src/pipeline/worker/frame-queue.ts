/**
 * A FrameSource fed by messages: the camera frames the page posts to the analysis worker, and the
 * decoded frames the decode worker posts to it. Both senders are held back (the page sends the next
 * camera frame only after the previous one was tracked; the decode worker only decodes the frames
 * it was granted), so the queue stays short; frames still queued when the run stops are closed.
 */
import type { FrameSource, SourceFrame } from '../tracked-frame';

/**
 * A queued frame; a camera picture as read by the analysis worker is a CameraFrame plus its index and
 * time. `releasePixels` (camera pictures) gives the pixels' buffer back for reuse once the frame is closed.
 */
export type QueuedFrame = SourceFrame & { releasePixels?: () => void };

/** A camera picture as read by the analysis worker. */
export type CameraFrame = Omit<QueuedFrame, 'frameIndex' | 'tSec'>;

/** Closes a frame's bitmap, now or once it is made, and releases its pixels. */
function closeFrame({ bitmap, releasePixels }: QueuedFrame): void {
  releasePixels?.();
  if (bitmap instanceof Promise) void bitmap.then((b) => b.close(), () => undefined);
  else bitmap?.close();
}
type Item = IteratorResult<QueuedFrame & { close(): void }>;

/** A pushable FrameSource. */
export interface FrameQueue extends FrameSource {
  push(frame: QueuedFrame): void;
  /** No more frames: once the queued ones are taken, the pending and later `next()` calls end. */
  end(): void;
  /** The source broke: once the queued frames are taken, `next()` rejects with `error`. */
  fail(error: Error): void;
}

/** Creates an empty queue. */
export function createFrameQueue(): FrameQueue {
  const frames: QueuedFrame[] = [];
  let waiting: { resolve(item: Item): void; reject(error: Error): void } | null = null;
  let ended = false;
  let failure: Error | null = null;
  const done: Item = { done: true, value: undefined };
  const item = (frame: QueuedFrame): Item => ({ done: false, value: { ...frame, close: () => closeFrame(frame) } });
  const settleWaiting = () => {
    const w = waiting;
    waiting = null;
    if (failure) w?.reject(failure);
    else w?.resolve(done);
  };

  return {
    push(frame) {
      if (ended) {
        closeFrame(frame);
      } else if (waiting) {
        const { resolve } = waiting;
        waiting = null;
        resolve(item(frame));
      } else {
        frames.push(frame);
      }
    },
    end() {
      ended = true;
      settleWaiting();
    },
    fail(error) {
      if (ended) return;
      failure = error;
      ended = true;
      settleWaiting();
    },
    next() {
      const frame = frames.shift();
      if (frame) return Promise.resolve(item(frame));
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve(done);
      return new Promise<Item>((resolve, reject) => (waiting = { resolve, reject }));
    },
    async return() {
      ended = true;
      failure = null;
      for (const frame of frames.splice(0)) closeFrame(frame);
      settleWaiting();
      return done;
    },
  };
}
