/**
 * How far a handheld camera moved the picture between two grey frames (issue 29: a phone's shake
 * changes every pixel of the lips' region, and that change swamped the lips' own). Found from the
 * frames' row and column means outside the faces' heads, so a head that moves on its own is not
 * taken for the camera. Pure: plain arrays in, numbers out.
 */
import type { Box } from '../geometry';
import { pixelRect, type Shift } from './mouth-pixels';
import type { GrayFrame } from '../gray-image';

/** Largest camera shift searched between two grey frames (their pixels, ≤ 360-px frames): a handheld phone's shake at 15 fps. */
const MAX_SHIFT_PX = 8;
/** A shift is taken only when it matches this much better than none (noise finds small gains). */
const SHIFT_GAIN = 0.8;

/** A frame's column and row means outside the faces (NaN where none is left), what `cameraShift` lays over the previous frame's. */
export interface FrameProfiles {
  width: number;
  height: number;
  columns: Float64Array;
  rows: Float64Array;
}

/** The profiles of `frame` outside `faces` (frame pixels). */
export function frameProfiles(frame: GrayFrame, faces: readonly Box[]): FrameProfiles {
  const { width, height, data } = frame;
  const rects = faces.flatMap((face) => pixelRect(frame, face) ?? []);
  const columns = new Float64Array(width);
  const columnCount = new Float64Array(width);
  const rows = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    const cuts = rects.filter((r) => y >= r.y0 && y < r.y1).sort((a, b) => a.x0 - b.x0);
    let sum = 0;
    let count = 0;
    // The row's stretches outside every face, [from, to).
    let from = 0;
    const stretches: [number, number][] = [];
    for (const r of cuts) {
      if (r.x0 > from) stretches.push([from, r.x0]);
      from = Math.max(from, r.x1);
    }
    if (from < width) stretches.push([from, width]);
    for (const [x0, x1] of stretches) {
      for (let x = x0, i = y * width + x0; x < x1; x++, i++) {
        const v = data[i]!;
        sum += v;
        columns[x]! += v;
        columnCount[x]!++;
      }
      count += x1 - x0;
    }
    rows[y] = count > 0 ? sum / count : NaN;
  }
  for (let x = 0; x < width; x++) columns[x] = columnCount[x]! > 0 ? columns[x]! / columnCount[x]! : NaN;
  return { width, height, columns, rows };
}

/** The offset d (|d| ≤ MAX_SHIFT_PX) that best lays `before` over `now` (now[i] ≈ before[i + d]); 0 unless clearly better than 0. */
function profileShift(now: Float64Array, before: Float64Array): number {
  const mismatch = (d: number) => {
    let sum = 0;
    let count = 0;
    for (let i = Math.max(0, -d); i < Math.min(now.length, now.length - d); i++) {
      const a = now[i]!;
      const b = before[i + d]!;
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      sum += Math.abs(a - b);
      count++;
    }
    return count > now.length / 2 ? sum / count : Infinity;
  };
  const still = mismatch(0);
  let best = { d: 0, m: still };
  for (let d = -MAX_SHIFT_PX; d <= MAX_SHIFT_PX; d++) {
    const m = mismatch(d);
    if (m < best.m) best = { d, m };
  }
  return best.m < still * SHIFT_GAIN ? best.d : 0;
}

/**
 * How far the camera moved the picture since `previous` (a handheld phone's shake), from the
 * frames' row and column profiles outside the faces' heads (`frameProfiles`, the same `faces` for
 * both): a head that nods while the camera stands still moves no profile, so it is not undone (its
 * motion goes with the words). { 0, 0 } for a still camera, or where nothing outside the faces has
 * texture to follow.
 */
export function cameraShift(now: FrameProfiles, previous: FrameProfiles): Shift {
  if (previous.width !== now.width || previous.height !== now.height) return { dx: 0, dy: 0 };
  return { dx: profileShift(now.columns, previous.columns), dy: profileShift(now.rows, previous.rows) };
}
