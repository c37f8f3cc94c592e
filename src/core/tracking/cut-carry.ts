/**
 * Faces a cut leaves as they were: a reaction video's or a stream's window over footage that cuts
 * (picture in picture), a presenter before a changing backdrop. The cut is real for the rest of
 * the picture (shot-cut.ts), but the face's own region did not change at it, so its track (and its
 * mouth trace) goes on across it; every other face starts afresh as at any cut (docs/real-files.md,
 * "Picture in picture"). Pure: grey frames and boxes in, a boolean out.
 */
import type { Box } from '../geometry';
import { meanGreyChange } from '../speaker/mouth-pixels';
import type { GrayFrame } from '../gray-image';

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

/**
 * True when the picture changed at once from `before` to `after` (at least CARRY_MIN_PICTURE_CHANGE)
 * and `region` (a face's last box, in grey-frame pixels) at most CARRY_MAX_CHANGE_SHARE of that.
 */
export function unchangedAtCut(before: GrayFrame, after: GrayFrame, region: Box): boolean {
  const whole = meanGreyChange(before, after);
  return whole >= CARRY_MIN_PICTURE_CHANGE && meanGreyChange(before, after, region) <= CARRY_MAX_CHANGE_SHARE * whole;
}
