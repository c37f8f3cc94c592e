/**
 * Which frames the look for a turned picture (find-turn.ts) reads: plain numbers, so the analysis
 * service, which opens the file, needs no network code to ask for them.
 */

/**
 * How many frames are looked at, spread over the file's first `withinSec` (a long faceless file is
 * decoded only that far: decoding reaches a frame through every frame before it), and their longest side.
 */
export const FIND_TURN = Object.freeze({ frames: 4, withinSec: 30, maxSide: 640 });

/** The sampling rate that spreads FIND_TURN.frames over the first FIND_TURN.withinSec of a file of `durationSec` (undefined: every frame). */
export function findTurnFps(durationSec: number): number | undefined {
  const span = Math.min(durationSec, FIND_TURN.withinSec);
  return span > 0 ? FIND_TURN.frames / span : undefined;
}
