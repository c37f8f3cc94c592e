/**
 * A FrameSource fed by messages: the camera frames the page posts to the analysis worker. The page
 * sends the next frame only after the previous one was tracked, so the queue rarely holds more
 * than one; frames still queued when the run stops are closed.
 */
import type { FrameSource } from '../tracked-frame';

type Frame = { frameIndex: number; tSec: number; bitmap: ImageBitmap };
type Item = IteratorResult<Frame & { close(): void }>;

/** A pushable FrameSource. */
export interface FrameQueue extends FrameSource {
  push(frame: Frame): void;
  /** No more frames: the pending and later `next()` calls end. */
  end(): void;
}

/** Creates an empty queue. */
export function createFrameQueue(): FrameQueue {
  const frames: Frame[] = [];
  let waiting: ((item: Item) => void) | null = null;
  let ended = false;
  const done: Item = { done: true, value: undefined };
  const item = (frame: Frame): Item => ({ done: false, value: { ...frame, close: () => frame.bitmap.close() } });

  return {
    push(frame) {
      if (ended) {
        frame.bitmap.close();
      } else if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve(item(frame));
      } else {
        frames.push(frame);
      }
    },
    end() {
      ended = true;
      waiting?.(done);
      waiting = null;
    },
    next() {
      const frame = frames.shift();
      if (frame) return Promise.resolve(item(frame));
      if (ended) return Promise.resolve(done);
      return new Promise<Item>((resolve) => (waiting = resolve));
    },
    async return() {
      ended = true;
      for (const frame of frames.splice(0)) frame.bitmap.close();
      waiting?.(done);
      waiting = null;
      return done;
    },
  };
}
