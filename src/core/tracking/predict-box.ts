/**
 * Where a tracked face is now, between two analyses: constant-velocity extrapolation of the
 * track's last two observations. The live camera draws its boxes at display rate from this, so a
 * box follows a moving face instead of jumping once per analysed frame and trailing it meanwhile.
 */
import type { Box } from '../geometry';

/** A box seen at a time (seconds, the same clock for every argument). */
export interface TimedBox {
  readonly tSec: number;
  readonly box: Box;
}

/** Limits on the extrapolation. */
export interface PredictBoxConfig {
  /**
   * The box is moved at most this far (seconds) past its last observation, or one interval
   * between the two observations if that is longer (one analysis ahead, however slow the
   * analysis); later it stays put, so a face the detector stopped seeing does not drift off.
   */
  readonly maxAheadSec: number;
  /**
   * Two observations further apart than this carry no usable velocity (the track was lost in
   * between, or the analysis stalled): the last box is shown as it is.
   */
  readonly maxGapSec: number;
}

/** Defaults for a camera analysed at 5–30 frames a second. */
export const DEFAULT_PREDICT_BOX_CONFIG: Readonly<PredictBoxConfig> = Object.freeze({ maxAheadSec: 0.25, maxGapSec: 0.5 });

/** Smallest side a predicted box keeps (a shrinking face extrapolated too far must not vanish or flip). */
const MIN_SIDE_PX = 1;

/**
 * The box of a track at `tSec`: `last` moved on by the velocity from `previous` to `last` (every
 * coordinate: position and size), for at most max(`maxAheadSec`, the interval between them) after
 * `last`. Without a usable `previous` (none, not earlier, or more than `maxGapSec` before `last`),
 * or for a time not after `last`, it is `last.box` itself.
 */
export function predictBox(
  previous: TimedBox | undefined,
  last: TimedBox,
  tSec: number,
  config: PredictBoxConfig = DEFAULT_PREDICT_BOX_CONFIG,
): Box {
  const span = previous ? last.tSec - previous.tSec : 0;
  const ahead = Math.min(tSec - last.tSec, Math.max(config.maxAheadSec, span));
  if (!previous || !(span > 0) || span > config.maxGapSec || !(ahead > 0)) return last.box;
  const k = ahead / span;
  const a = previous.box;
  const b = last.box;
  const w = Math.max(MIN_SIDE_PX, b.w + (b.w - a.w) * k);
  const h = Math.max(MIN_SIDE_PX, b.h + (b.h - a.h) * k);
  // Move the centre, so a face that grows (comes closer) stays centred on the same point.
  const cx = b.x + b.w / 2 + (b.x + b.w / 2 - (a.x + a.w / 2)) * k;
  const cy = b.y + b.h / 2 + (b.y + b.h / 2 - (a.y + a.h / 2)) * k;
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}
