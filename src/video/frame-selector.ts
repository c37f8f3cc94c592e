/**
 * Picks which decoded frames to keep for a requested sampling rate. Pure, so the rule is tested in
 * Node: a frame is kept when its timestamp reaches the next slot on a regular grid of 1/fps seconds
 * starting at the first frame. With no rate (or a rate at or above the video's), every frame is kept.
 */

/** Decides frame by frame, in presentation order, whether a frame is kept. */
export interface FrameSelector {
  /** True when the frame at `tSec` is kept; call once per frame in presentation order. */
  keep(tSec: number): boolean;
}

/** Half a microsecond: container timestamps are rounded, so compare with a small tolerance. */
const EPS_SEC = 5e-7;

/**
 * Creates a selector that keeps about `fps` frames per second, or every frame when `fps` is undefined.
 * `toleranceSec`: how far before its slot a frame still fills it. The mouth grid (15 fps) needs a
 * millisecond: a 30 fps frame at 2/30 s is stored as 66 666 µs, just before the slot at 1/15 s.
 */
export function createFrameSelector(fps?: number, toleranceSec = EPS_SEC): FrameSelector {
  if (fps !== undefined && !(fps > 0)) throw new TypeError(`fps must be a positive number, got ${fps}`);
  if (fps === undefined) return { keep: () => true };
  const step = 1 / fps;
  let next: number | undefined;
  return {
    keep(tSec) {
      if (next === undefined) next = tSec;
      if (tSec + toleranceSec < next) return false;
      // Advance past tSec so one frame never fills two slots (e.g. after a gap).
      while (next <= tSec + toleranceSec) next += step;
      return true;
    },
  };
}

/** How many frames a selector keeps for `frameCount` frames evenly spaced at `videoFps`. */
export function expectedSampledFrames(frameCount: number, videoFps: number, fps?: number): number {
  const selector = createFrameSelector(fps);
  let kept = 0;
  for (let i = 0; i < frameCount; i++) if (selector.keep(i / videoFps)) kept++;
  return kept;
}
