/** A Node frame source over ffmpeg's frames, shaped like the decode worker's (the app's frame choice, RGB pixels, no bitmap). */
import type { FrameSource } from '../pipeline/tracked-frame';
import { readFramesWithFfmpeg } from './ffmpeg';

/** The sampled frames of `path` at `fps` as trackFrames takes them; with `mouthFps`, each with the grey frames a file's get in the app. */
export function ffmpegFrames(path: string, fps: number, options: { mouthFps?: number } = {}): FrameSource {
  const frames = readFramesWithFfmpeg(path, { fps, frames: 'app', ...options });
  return {
    async next() {
      const next = await frames.next();
      if (next.done) return { done: true, value: undefined };
      const f = next.value;
      const pixels = { data: Int32Array.from(f.data), width: f.width, height: f.height };
      return { done: false, value: { frameIndex: f.sourceIndex ?? f.index, tSec: f.tSec, bitmap: null, pixels, ...(f.mouthFrames && { mouthFrames: f.mouthFrames }), close() {} } };
    },
    return: () => frames.return(undefined),
  };
}
