/**
 * Decode ahead by one frame: while the networks work on frame n, frame n+1 is already being
 * decoded and converted to an ImageBitmap (WebCodecs and createImageBitmap run off this thread),
 * so decoding and inference overlap instead of taking turns.
 */
import type { FrameSource } from './tracked-frame';

type Next = ReturnType<FrameSource['next']>;

/** Wraps `source` so that each `next()` starts fetching the frame after it. */
export function prefetchFrames(source: FrameSource): FrameSource {
  let ahead: Next | null = null;
  return {
    next() {
      const current = ahead ?? source.next();
      ahead = current.then((r) => (r.done ? r : source.next()));
      // A failure surfaces from `current` (or from the next call); never as an unhandled rejection.
      ahead.catch(() => undefined);
      return current;
    },
    async return() {
      const pending = ahead;
      ahead = null;
      // The frame fetched ahead was never handed out: close it here.
      const r = await pending?.catch(() => null);
      if (r && !r.done) r.value.close();
      return source.return(undefined);
    },
  };
}
