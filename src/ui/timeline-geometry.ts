/**
 * Pixel geometry of the emotion timeline: one SVG `points` string per emotion, decimated to the
 * plot's pixel width, and the axis ticks. Pure (no DOM, no React), so the chart's only per-update
 * work is a few string joins and seven attribute writes — small enough to never block the page
 * while a clip plays, which the recharts chart it replaces did (a 60–150 ms render per update).
 */
import { NUM_EMOTIONS } from '../core/labels';
import type { TimelinePoint } from '../shared/track-view';

/** Space around the plot for the axis labels, in CSS pixels. */
export interface TimelineMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** One axis tick: its position along the axis in SVG pixels and its text. */
export interface TimelineTick {
  px: number;
  label: string;
}

/** Everything the chart draws, in SVG pixels (origin top left). */
export interface TimelineGeometry {
  plot: { left: number; top: number; right: number; bottom: number };
  /** Time at the plot's left and right edges. */
  tMinSec: number;
  tMaxSec: number;
  /** SVG `points` of each emotion's line, paper label order ('' without points). */
  lines: string[];
  xTicks: TimelineTick[];
  yTicks: TimelineTick[];
}

/** Default margins: room for "0.5" on the left and "12s" under the plot. */
export const TIMELINE_MARGIN: Readonly<TimelineMargin> = Object.freeze({ top: 8, right: 14, bottom: 22, left: 32 });
/** The time axis spans at least this long, so the first frames do not stretch over the whole width. */
const MIN_SPAN_SEC = 1;
/** Least room between two time ticks, in pixels. */
const MIN_TICK_GAP_PX = 56;
const TIME_STEPS_SEC = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** The smallest round step (0.1 s … 1 h) that keeps ticks at least `minGapPx` apart. */
export function timeTickStep(spanSec: number, plotWidthPx: number, minGapPx = MIN_TICK_GAP_PX): number {
  const maxTicks = Math.max(1, Math.floor(plotWidthPx / minGapPx));
  return TIME_STEPS_SEC.find((s) => spanSec / s <= maxTicks) ?? TIME_STEPS_SEC.at(-1)!;
}

/** Seconds as an axis label: "0s", "2.5s" (at most two decimals, no trailing zeros). */
export function timeLabel(tSec: number): string {
  return `${Number(tSec.toFixed(2))}s`;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Indices of the points to draw when several share a pixel column: per column the first, the
 * lowest, the highest and the last (the M4 rule), in time order. A line drawn through them looks
 * the same as through all points — peaks are kept — with at most 4 points per column. `xs` must be
 * non-decreasing.
 */
export function decimateColumns(xs: ArrayLike<number>, ys: ArrayLike<number>): number[] {
  const keep: number[] = [];
  let i = 0;
  while (i < xs.length) {
    const column = Math.floor(xs[i]!);
    let lo = i;
    let hi = i;
    let j = i + 1;
    for (; j < xs.length && Math.floor(xs[j]!) === column; j++) {
      if (ys[j]! < ys[lo]!) lo = j;
      if (ys[j]! > ys[hi]!) hi = j;
    }
    const last = j - 1;
    for (const k of [i, lo, hi, last].sort((a, b) => a - b)) if (keep.at(-1) !== k) keep.push(k);
    i = j;
  }
  return keep;
}

/**
 * The chart's geometry for `points` (time-ordered) in a `width`×`height` SVG. Probabilities map
 * 0 → bottom and 1 → top; time maps the first point to the left edge and the last to the right
 * (at least one second wide). A single point is drawn as a 2-px dash.
 */
export function timelineGeometry(
  points: readonly TimelinePoint[],
  width: number,
  height: number,
  margin: TimelineMargin = TIMELINE_MARGIN,
): TimelineGeometry {
  const plot = { left: margin.left, top: margin.top, right: Math.max(margin.left + 1, width - margin.right), bottom: Math.max(margin.top + 1, height - margin.bottom) };
  const tMinSec = points[0]?.tSec ?? 0;
  const tMaxSec = Math.max(points.at(-1)?.tSec ?? 0, tMinSec + MIN_SPAN_SEC);
  const plotW = plot.right - plot.left;
  const plotH = plot.bottom - plot.top;
  const xOf = (t: number) => plot.left + ((t - tMinSec) / (tMaxSec - tMinSec)) * plotW;
  const yOf = (p: number) => plot.bottom - Math.min(1, Math.max(0, p)) * plotH;

  const xs = points.map((p) => xOf(p.tSec));
  const lines: string[] = [];
  for (let e = 0; e < NUM_EMOTIONS; e++) {
    const ys = points.map((p) => yOf(p.probs[e] ?? 0));
    const kept = decimateColumns(xs, ys).map((i) => `${round1(xs[i]!)},${round1(ys[i]!)}`);
    // A lone point becomes a 2-px dash: a zero-length line would not show with butt caps.
    lines.push(kept.length === 1 ? `${kept[0]} ${round1(xs[0]! + 2)},${round1(ys[0]!)}` : kept.join(' '));
  }

  const step = timeTickStep(tMaxSec - tMinSec, plotW);
  const xTicks: TimelineTick[] = [];
  // Integer multiples of the step, so labels read 0.5s, 1s, 1.5s rather than 0.49999s.
  for (let k = Math.ceil(tMinSec / step - 1e-9); k * step <= tMaxSec + 1e-9; k++) {
    const t = k * step;
    xTicks.push({ px: round1(xOf(t)), label: timeLabel(t) });
  }
  const yTicks = [0, 0.5, 1].map((p) => ({ px: round1(yOf(p)), label: String(p) }));
  return { plot, tMinSec, tMaxSec, lines, xTicks, yTicks };
}

/** Index of the point nearest in time to `tSec` (points time-ordered); -1 without points. */
export function nearestPointIndex(points: readonly TimelinePoint[], tSec: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.tSec <= tSec) lo = mid;
    else hi = mid;
  }
  return Math.abs(points[hi]!.tSec - tSec) < Math.abs(points[lo]!.tSec - tSec) ? hi : lo;
}

/** The time under SVG x-coordinate `px` (clamped to the plot). */
export function timeAtPx(geometry: TimelineGeometry, px: number): number {
  const { plot, tMinSec, tMaxSec } = geometry;
  const f = Math.min(1, Math.max(0, (px - plot.left) / (plot.right - plot.left)));
  return tMinSec + f * (tMaxSec - tMinSec);
}
