/**
 * Whether a run waits on its frames: the analysis thread's wait for each next frame, smoothed over
 * frames, with two thresholds so that the answer does not flip from frame to frame. While it waits
 * (an HD file: the decoder needs ~200 ms of the other core per analysed 1080p frame), the general
 * networks run in this thread, in the wait, rather than on the general worker, whose thread would
 * take that core from the decoder (docs/performance.md). Where they run changes no number.
 */

/** Smoothing weight of each new wait, and the mean waits (ms) that start and end "waiting on frames". */
export const FRAME_BOUND = Object.freeze({ weight: 0.25, enterMs: 15, leaveMs: 3 });

/**
 * A meter fed each frame's wait; `add` returns whether the run now waits on its frames. The first
 * wait is the source starting up (opening the file, the decoder's first frames), not its pace: not counted.
 */
export function createFrameBoundMeter(settings: Readonly<typeof FRAME_BOUND> = FRAME_BOUND) {
  let started = false;
  let mean: number | null = null;
  let bound = false;
  return {
    add(waitMs: number): boolean {
      if (!started) {
        started = true;
        return bound;
      }
      mean = mean === null ? waitMs : mean + settings.weight * (waitMs - mean);
      if (bound ? mean < settings.leaveMs : mean > settings.enterMs) bound = !bound;
      return bound;
    },
  };
}
