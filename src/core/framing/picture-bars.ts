/**
 * The picture inside bars: a landscape video reposted in a portrait frame with black (or its own
 * picture blurred) above and below, a portrait video in a landscape frame's side bars, a film's
 * letterbox. Bars carry nothing of the scene, yet they change what the context network sees: it
 * reads the whole frame padded square, so the person shrinks by the bars' share and the scene read
 * unlike every training clip (docs/real-files.md, "Black bars around the picture"). Found on a grey
 * frame: the rows (or columns) at both ends that are dark and flat; in a portrait frame, also a
 * blurred fill above and below (a flat wall beside a person is as flat as a fill: the picture's
 * straight edges tell it). Pure.
 */
import type { Box } from '../geometry';
import type { GrayImage } from '../gray-image';
import { mean } from '../vector';

/** A bar's row or column: no pixel brighter than this (video black is 16, lifted a little by compression) ... */
const MAX_BAR_LEVEL = 40;
/** ... and flat: its mean step to the next pixel along it under this (grey levels). */
const MAX_BAR_DETAIL = 2;
/** Bars are on both ends (the picture centred), each at least this share of the side ... */
const MIN_BAR_SHARE = 0.04;
/** ... within this share of each other ... */
const MAX_BAR_DIFFERENCE_SHARE = 0.06;
/** ... and leave at least this share for the picture. */
const MIN_PICTURE_SHARE = 0.3;

/** A row or column of the frame: its brightest and median grey levels and its detail. */
interface Line {
  brightest: number;
  median: number;
  /** The mean absolute step to the next pixel along it. */
  detail: number;
}

/** Row `i` (`rows`) or column `i` of `g`. */
function lineOf(g: GrayImage, rows: boolean, i: number, histogram = new Uint32Array(256)): Line {
  const { width, height, data } = g;
  const length = rows ? width : height;
  const at = (k: number) => data[rows ? i * width + k : k * width + i]!;
  histogram.fill(0);
  let steps = 0;
  for (let k = 0; k < length; k++) histogram[at(k)]!++;
  for (let k = 0; k + 1 < length; k++) steps += Math.abs(at(k + 1) - at(k));
  let brightest = 255;
  while (brightest > 0 && histogram[brightest] === 0) brightest--;
  let median = 0;
  for (let seen = histogram[0]!; seen < length / 2; seen += histogram[++median]!);
  return { brightest, median, detail: steps / Math.max(1, length - 1) };
}

/** Every row (`rows`) or column of `g`. */
function linesOf(g: GrayImage, rows: boolean): Line[] {
  const histogram = new Uint32Array(256);
  return Array.from({ length: rows ? g.height : g.width }, (_, i) => lineOf(g, rows, i, histogram));
}

/** True when both end rows, or both end columns, are a bar's: only then can the frame have bars (most frames stop here). */
function endsAreBars(g: GrayImage): boolean {
  const both = (rows: boolean, count: number) => isBar(lineOf(g, rows, 0)) && isBar(lineOf(g, rows, count - 1));
  return both(true, g.height) || both(false, g.width);
}

/** A line of a black bar: dark and flat. */
function isBar(l: Line): boolean {
  return l.brightest <= MAX_BAR_LEVEL && l.detail < MAX_BAR_DETAIL;
}

/**
 * Where the picture lies along one side (the range of rows or columns), or null without bars at
 * both ends. The picture must start at once across the whole line next to a bar (within a few
 * lines, a median above a bar's level; at one end at least): a dark room whose background is
 * clipped to black beside a person is dark along most of the line past it, and is no bar.
 */
function pictureAlong(lines: readonly Line[]): { from: number; to: number } | null {
  const n = lines.length;
  let before = 0;
  while (before < n && isBar(lines[before]!)) before++;
  let after = 0;
  while (after < n - before && isBar(lines[n - 1 - after]!)) after++;
  const bars = Math.min(before, after) >= MIN_BAR_SHARE * n && Math.abs(before - after) <= MAX_BAR_DIFFERENCE_SHARE * n;
  if (!bars || n - before - after < MIN_PICTURE_SHARE * n) return null;
  // Within a few lines: compression blurs the bar's edge over a line or two.
  const starts = (from: number, step: number) => [0, 1, 2, 3].some((k) => lines[from + k * step]!.median > MAX_BAR_LEVEL);
  // At one end at least: a picture may end in dark clothes or a dark floor.
  return starts(before, 1) || starts(n - 1 - after, -1) ? { from: before, to: n - after } : null;
}

/**
 * The picture inside black bars above and below, or at the sides, of `g` (its pixels), or inside a
 * blurred fill above and below a portrait frame (`pictureInFill`); null when it has none. `known`:
 * the picture found on an earlier frame of the video, kept while every line outside it is still a
 * bar's (a frame whose picture starts dark at both ends does not lose it) or still a fill's.
 */
export function pictureInBars(g: GrayImage, known?: Box | null): Box | null {
  if (g.width < 2 || g.height < 2) return null;
  if (!endsAreBars(g)) return g.height > g.width ? pictureInFill(g, known) : null;
  if (known && barsHold(g, known)) return known;
  const rows = pictureAlong(linesOf(g, true));
  const columns = pictureAlong(linesOf(g, false));
  if (!rows && !columns) return null;
  const y = rows?.from ?? 0;
  const x = columns?.from ?? 0;
  return { x, y, w: (columns?.to ?? g.width) - x, h: (rows?.to ?? g.height) - y };
}

/** True when every row and column of `g` outside `picture` is a bar's (and `picture` leaves some out). */
function barsHold(g: GrayImage, picture: Box): boolean {
  const outside = (count: number, from: number, to: number) => Array.from({ length: count }, (_, i) => i).filter((i) => i < from || i >= to);
  const rows = outside(g.height, picture.y, picture.y + picture.h);
  const columns = outside(g.width, picture.x, picture.x + picture.w);
  const histogram = new Uint32Array(256);
  return rows.length + columns.length > 0 && rows.every((i) => isBar(lineOf(g, true, i, histogram))) && columns.every((i) => isBar(lineOf(g, false, i, histogram)));
}

/** A fill's rows are this much flatter than the picture's (mean detail outside over median inside) at most ... */
const MAX_FILL_DETAIL_SHARE = 0.5;
/** ... and the picture starts at a straight edge: a step of FILL_EDGE_STEP grey levels or more across this share of the row, at both ends. */
const MIN_FILL_EDGE_SHARE = 0.4;
const FILL_EDGE_STEP = 10;

/**
 * The picture inside a blurred fill above and below it (a phone's editor repeats a landscape clip,
 * enlarged and blurred, to fill a portrait frame), or null. The fill is as flat as a plain wall, so
 * what tells it is the picture's own edges: a straight step across most of a row at both ends,
 * about as far from each end (MAX_BAR_DIFFERENCE_SHARE), with flat rows beyond them. Rows only:
 * a side fill (a portrait clip in a landscape frame) is not looked for — our own clips' columns
 * reach 0.39 of such an edge where a wall meets the picture's side, too near to tell.
 */
function pictureInFill(g: GrayImage, known?: Box | null): Box | null {
  const { width, height, data } = g;
  const detail = linesOf(g, true).map((l) => l.detail);
  // Each row's share of pixels that step FILL_EDGE_STEP or more to the row below.
  const edge: number[] = [];
  for (let y = 0; y < height; y++) {
    let crossing = 0;
    if (y + 1 < height) for (let x = 0; x < width; x++) if (Math.abs(data[(y + 1) * width + x]! - data[y * width + x]!) >= FILL_EDGE_STEP) crossing++;
    edge.push(crossing / width);
  }
  const strongest = (from: number, to: number) => {
    let best = from;
    for (let y = from; y < to; y++) if (edge[y]! > edge[best]!) best = y;
    return best;
  };
  const fits = (top: number, bottom: number) => {
    const inside = detail.slice(top + 1, bottom + 1).sort((a, b) => a - b);
    const outside = [...detail.slice(0, top + 1), ...detail.slice(bottom + 1)];
    const middle = inside[inside.length >> 1]!;
    return mean(outside) <= MAX_FILL_DETAIL_SHARE * middle;
  };
  // The rows the picture starts and ends on: the strongest straight step in each outer part.
  const top = strongest(Math.floor(MIN_BAR_SHARE * height), Math.floor(((1 - MIN_PICTURE_SHARE) / 2) * height));
  const bottom = strongest(Math.ceil(((1 + MIN_PICTURE_SHARE) / 2) * height), Math.floor((1 - MIN_BAR_SHARE) * height));
  const found = { x: 0, y: top + 1, w: width, h: bottom - top };
  const symmetric = Math.abs(top + 1 - (height - 1 - bottom)) <= MAX_BAR_DIFFERENCE_SHARE * height;
  if (Math.min(edge[top]!, edge[bottom]!) >= MIN_FILL_EDGE_SHARE && symmetric && fits(top, bottom)) return found;
  // A frame whose edges blend into the fill (a dark shirt on a dark blur) keeps the picture found before, while the rows beyond it stay flat.
  return known && known.w === width && known.y > 0 && fits(known.y - 1, known.y + known.h - 1) ? known : null;
}
