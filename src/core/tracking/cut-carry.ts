/**
 * Faces a cut leaves as they were: a reaction video's or a stream's window over footage that cuts
 * (picture in picture), a presenter before a changing backdrop. The cut is real for the rest of
 * the picture (shot-cut.ts), but the face's own region did not change at it, so its track (and its
 * mouth trace) goes on across it; every other face starts afresh as at any cut (docs/real-files.md,
 * "Picture in picture"). Pure: grey frames and boxes in, a boolean out.
 */
import type { Box } from '../geometry';
import type { GrayFrame } from '../speaker/mouth-pixels';

/**
 * Most a face's region may change at a cut, as a share of the whole picture's change (mean
 * absolute grey levels), for the face to go on across it. Measured (docs/real-files.md, "Picture
 * in picture"): a window over cutting footage 0.02–0.14; real cuts 0.72–2.63 (two people in turn,
 * jump cuts, the ends of fades).
 */
export const CARRY_MAX_CHANGE_SHARE = 0.25;

/**
 * Least mean absolute change of the whole picture (grey levels) for a face to be carried: a lone
 * cut changes most of it at once; the last frames of a fade, where a fade's change of shot is
 * placed (shot-cut.ts), differ little from each other, and what a fade did to a face is not seen
 * between them — there every face starts afresh, as before.
 */
export const CARRY_MIN_PICTURE_CHANGE = 8;

/** Mean absolute grey-level change from `before` to `after` inside `region` (grey-frame pixels, clipped to the frame; the whole frame without one); NaN for an empty region. */
export function meanGreyChange(before: GrayFrame, after: GrayFrame, region?: Box): number {
  if (before.width !== after.width || before.height !== after.height) throw new TypeError('meanGreyChange: frames of different sizes');
  const x0 = Math.max(0, Math.floor(region?.x ?? 0));
  const y0 = Math.max(0, Math.floor(region?.y ?? 0));
  const x1 = Math.min(before.width, Math.ceil(region ? region.x + region.w : before.width));
  const y1 = Math.min(before.height, Math.ceil(region ? region.y + region.h : before.height));
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let i = y * before.width + x0, end = y * before.width + x1; i < end; i++) sum += Math.abs(before.data[i]! - after.data[i]!);
  }
  const count = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return count > 0 ? sum / count : NaN;
}

/**
 * True when the picture changed at once from `before` to `after` (at least CARRY_MIN_PICTURE_CHANGE)
 * and `region` (a face's last box, in grey-frame pixels) at most CARRY_MAX_CHANGE_SHARE of that.
 */
export function unchangedAtCut(before: GrayFrame, after: GrayFrame, region: Box): boolean {
  const whole = meanGreyChange(before, after);
  return whole >= CARRY_MIN_PICTURE_CHANGE && meanGreyChange(before, after, region) <= CARRY_MAX_CHANGE_SHARE * whole;
}
