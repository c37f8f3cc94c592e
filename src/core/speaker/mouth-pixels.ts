/**
 * A cheap mouth measure for the frames between analysed ones (issue 29): the landmark net runs only
 * on analysed frames (5 fps), while syllables come at 4–6 per second, so the mouth is also read
 * from the grey pixels of a small region around the lips, placed from the nearest analysed frames'
 * landmarks. Pure: plain arrays in, numbers out (the decode worker and ffmpeg give the pixels).
 */
import type { Box } from '../geometry';
import { checkLandmarks } from '../face-geometry/landmarks';
import type { GrayFrame } from '../gray-image';

/** Outer-lip landmarks (iBUG 48–59). */
const OUTER_LIPS = Array.from({ length: 12 }, (_, i) => 48 + i);
/** The region reaches this share of the lips' width beyond each mouth corner, and of their height above and below. */
const MARGIN_X = 0.15;
const MARGIN_Y = 0.35;

/**
 * The lips' region in frame pixels: the outer lips' bounding box, widened by a margin so an opening
 * mouth stays inside it. `landmarks` are relative to the face box's square crop (as the landmark
 * net gives them: src/models/face-landmarks), so the box places them in the frame.
 */
export function mouthRegion(box: Box, landmarks: ArrayLike<number>): Box {
  checkLandmarks(landmarks, 'mouthRegion');
  const side = Math.max(box.w, box.h);
  const left = box.x + box.w / 2 - side / 2;
  const top = box.y + box.h / 2 - side / 2;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const i of OUTER_LIPS) {
    const x = left + landmarks[2 * i]! * side;
    const y = top + landmarks[2 * i + 1]! * side;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const w = x1 - x0;
  const h = Math.max(y1 - y0, w / 3);
  const cy = (y0 + y1) / 2;
  return { x: x0 - MARGIN_X * w, y: cy - h / 2 - MARGIN_Y * h, w: w * (1 + 2 * MARGIN_X), h: h * (1 + 2 * MARGIN_Y) };
}

/** The box `f` of the way from `a` to `b` (0: `a`, 1: `b`). */
export function interpolateBox(a: Box, b: Box, f: number): Box {
  const mix = (p: number, q: number) => p + (q - p) * f;
  return { x: mix(a.x, b.x), y: mix(a.y, b.y), w: mix(a.w, b.w), h: mix(a.h, b.h) };
}

/** `box` scaled by `scale` (e.g. from video pixels to a smaller analysed frame's). */
export function scaleRegion(box: Box, scale: number): Box {
  return { x: box.x * scale, y: box.y * scale, w: box.w * scale, h: box.h * scale };
}

/** The whole-pixel rows and columns of `region` inside the frame; null when less than 2×2 remains. */
export function pixelRect(frame: GrayFrame, region: Box): Rect | null {
  const x0 = Math.max(0, Math.round(region.x));
  const y0 = Math.max(0, Math.round(region.y));
  const x1 = Math.min(frame.width, Math.round(region.x + region.w));
  const y1 = Math.min(frame.height, Math.round(region.y + region.h));
  return x1 - x0 >= 2 && y1 - y0 >= 2 ? { x0, y0, x1, y1 } : null;
}

/** What the pixels of the lips' region say about the mouth in one frame. */
export interface MouthPixels {
  /** Mean grey level of the region (0–255); an opening mouth shows its dark inside. */
  mean: number;
  /** Mean grey level of the region's central half (width and height): the gap between the lips. */
  centerMean: number;
  /** Spread of the region's row means: the dark gap between the lips makes the vertical profile uneven. */
  profileStd: number;
  /** Mean absolute change from the previous frame in the same region (0 without one). */
  motion: number;
  /**
   * The same change in the region's central half (width and height): the gap between the lips, where
   * opening and closing change the most pixels, without the cheeks and the lips' outer edges, which
   * move with the head and the expression too. The app's measure (docs/speaker.md).
   */
  centerMotion: number;
  /** The same change in a region as large just above it (the nose): the head's own motion, to discount. */
  upperMotion: number;
  /**
   * `centerMotion` after undoing the camera's shift since the previous frame (camera-shift.ts) where
   * the face moved with it: a handheld phone's shake moves every pixel, and that change swamped the lips'.
   */
  steadyMotion: number;
}

/** A rectangle of whole pixels: columns x0 … x1 − 1, rows y0 … y1 − 1. */
type Rect = { x0: number; y0: number; x1: number; y1: number };

/** A whole-pixel shift of the picture: `frame(x, y)` shows what `previous(x + dx, y + dy)` showed. */
export interface Shift {
  dx: number;
  dy: number;
}

/** Mean |frame(x, y) − previous(x + dx, y + dy)| over `rect`, pixels shifted out of the frame left out. */
function shiftedChange(frame: GrayFrame, previous: Uint8Array, rect: Rect, { dx, dy }: Shift): number {
  const { width, height, data } = frame;
  let sum = 0;
  let count = 0;
  for (let y = Math.max(rect.y0, -dy); y < Math.min(rect.y1, height - dy); y++) {
    const row = y * width;
    const shiftedRow = (y + dy) * width + dx;
    for (let x = Math.max(rect.x0, -dx); x < Math.min(rect.x1, width - dx); x++) {
      sum += Math.abs(data[row + x]! - previous[shiftedRow + x]!);
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Mean absolute grey-level change from `previous` to `frame` (same size) inside `region` (its whole
 * pixels inside the frame; the whole frame without one); NaN when under 2×2 pixels of it are inside.
 * The mouth's motion and a cut's change of a face's window (src/core/tracking/cut-carry.ts).
 */
export function meanGreyChange(previous: GrayFrame, frame: GrayFrame, region?: Box): number {
  if (previous.width !== frame.width || previous.height !== frame.height) throw new TypeError('meanGreyChange: frames of different sizes');
  const rect = region ? pixelRect(frame, region) : { x0: 0, y0: 0, x1: frame.width, y1: frame.height };
  return rect ? shiftedChange(frame, previous.data, rect, { dx: 0, dy: 0 }) : NaN;
}

/**
 * True when the face moved with the camera's `shift`: the region above the lips (the nose) matches
 * the previous frame better shifted than not. A face held still while something else moved the
 * estimate (a speaker's shoulders beside it) keeps its own, unshifted change: 0.
 */
function movedWith(frame: GrayFrame, previous: Uint8Array, anchor: Rect, shift: Shift): boolean {
  return (shift.dx !== 0 || shift.dy !== 0) && shiftedChange(frame, previous, anchor, shift) < shiftedChange(frame, previous, anchor, { dx: 0, dy: 0 });
}

/** Sum and absolute change of the pixels of `rect`, and its row means. */
function regionStats(frame: GrayFrame, rect: Rect, previous: Uint8Array | null, rows?: number[]) {
  let sum = 0;
  let change = 0;
  for (let y = rect.y0; y < rect.y1; y++) {
    let row = 0;
    const base = y * frame.width;
    for (let x = rect.x0; x < rect.x1; x++) {
      const v = frame.data[base + x]!;
      row += v;
      if (previous) change += Math.abs(v - previous[base + x]!);
    }
    rows?.push(row / (rect.x1 - rect.x0));
    sum += row;
  }
  const count = (rect.x1 - rect.x0) * (rect.y1 - rect.y0);
  return { mean: sum / count, change: change / count };
}

/** The mouth measures of `region` (frame pixels) in `frame`, `previous` the frame before (same size) for the motion, `shift` the camera's since then. */
export function mouthPixels(frame: GrayFrame, region: Box, previous?: GrayFrame, shift: Shift = { dx: 0, dy: 0 }): MouthPixels | null {
  const rect = pixelRect(frame, region);
  if (!rect) return null;
  const before = previous && previous.width === frame.width && previous.height === frame.height ? previous.data : null;
  const rows: number[] = [];
  const whole = regionStats(frame, rect, before, rows);
  const center = pixelRect(frame, { x: region.x + region.w / 4, y: region.y + region.h / 4, w: region.w / 2, h: region.h / 2 }) ?? rect;
  const upper = pixelRect(frame, { ...region, y: region.y - region.h });
  const profileStd = Math.sqrt(rows.reduce((s, r) => s + (r - whole.mean) ** 2, 0) / rows.length);
  const middle = regionStats(frame, center, before);
  return {
    mean: whole.mean,
    centerMean: middle.mean,
    profileStd,
    motion: before ? whole.change : 0,
    centerMotion: before ? middle.change : 0,
    upperMotion: before && upper ? regionStats(frame, upper, before).change : 0,
    steadyMotion: before && movedWith(frame, before, upper ?? rect, shift) ? shiftedChange(frame, before, center, shift) : middle.change,
  };
}
