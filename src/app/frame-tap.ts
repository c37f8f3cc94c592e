/** Lets the app see each frame's bitmap while `analyzeFrames` holds it (for face thumbnails). */
import type { FrameSource } from '../pipeline/analyze-video';

/** A FrameSource that remembers the bitmap it handed out last (valid until the next `next()`). */
export interface TappedSource extends FrameSource {
  readonly current: ImageBitmap | null;
}

/** Wraps `source` so `current` is the bitmap being analysed. */
export function tapFrames(source: FrameSource): TappedSource {
  let current: ImageBitmap | null = null;
  return {
    get current() {
      return current;
    },
    async next() {
      current = null;
      const r = await source.next();
      current = r.done ? null : r.value.bitmap;
      return r;
    },
    return: (value) => {
      current = null;
      return source.return(value);
    },
  };
}
