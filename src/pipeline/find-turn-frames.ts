/**
 * Which frames the look for a turned picture (find-turn.ts) reads: plain numbers, so the analysis
 * service, which opens the file, needs no network code to ask for them.
 */
import { DEFAULT_PERCEPTION_CONFIG, isLargeFace } from '../shared/perception-config';

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

/**
 * Whether the look reads each turn with the detector's search for small faces (a pass at a larger
 * input for faces under `searchFaceMaxSidePx`): not when the upright run's main face is large
 * (`isLargeFace` at `mainSide`, the median of its boxes' shorter sides in the frame's pixels; null:
 * no main face) — the same face
 * turned is as large, and the analysis itself skips the search while a large face is known; the
 * search was half of each read's time on our 360×270 clips, and none of their turns changed without
 * it. Yes when upright gave no main face: a far face stored turned may need it.
 */
export function lookSearches(mainSide: number | null, width: number, height: number): boolean {
  return mainSide === null || !isLargeFace(DEFAULT_PERCEPTION_CONFIG, width, height, mainSide);
}

/**
 * When a run that found faces looks again for a turned picture: upside down (and on some clips
 * sideways) a face is still found by Tiny Face, but BlazeFace's check scores it lower — on 4-s
 * samples of our 42 sentence-01 clips, upright faces 0.81–0.95 (5th percentile 0.86), the same
 * clips stored upside down 0.60–0.82 (90th percentile 0.77) — and a sideways face is found on a
 * few frames only (11–38 % of them; upright, our main tracks 73 % or more: clips that open on black).
 */
export const TURN_DOUBT = Object.freeze({ maxMeanVerify: 0.82, minShare: 0.5 });

/**
 * Whether the main track's faces may be upright only turned: seen on under `minShare` of the
 * `sampledFrames`, or with a mean BlazeFace score under `maxMeanVerify` (faces never checked count
 * as sure). The look that follows (find-turn.ts) compares the turns' scores; upright wins on an
 * upright picture, so doubt costs a look (1–2 s for a short clip on WASM here), never a turn by itself.
 */
export function turnInDoubt(main: readonly { verifyScore?: number }[], sampledFrames: number, appearances = main.length): boolean {
  if (sampledFrames <= 0 || main.length === 0) return false;
  const checked = main.flatMap((f) => (f.verifyScore === undefined ? [] : [f.verifyScore]));
  const meanVerify = checked.length === 0 ? 1 : checked.reduce((a, b) => a + b, 0) / checked.length;
  return appearances < TURN_DOUBT.minShare * sampledFrames || meanVerify < TURN_DOUBT.maxMeanVerify;
}
