/**
 * Jump cuts to a closer or wider shot of the same scene — a vlog's punch-in, an interview cut from a
 * wide to a close shot — where the face's size changes by up to 2.5× at once. Its track is broken
 * at the cut as at any (shot-cut.ts), and its look changes too much with the scale for the join by
 * embedding (shot-join.ts: one person 2× closer 0.27–0.59 apart, two people 0.39–0.57). But the
 * picture after such a cut is the picture before it zoomed: warped by the best zoom about the face,
 * it leaves little of the change, where another person at the same framing leaves most of it
 * (docs/real-files.md, "Jump cuts to a closer shot"). Pure: grey frames and boxes in, numbers out.
 */
import type { Box } from '../geometry';
import type { GrayFrame } from '../gray-image';
import { CARRY_MIN_PICTURE_CHANGE } from './cut-carry';

/**
 * Most of the picture's change at a cut that the best zoom may leave for the face after it to go on
 * the face before it. Measured at every cut of the edited videos, for each face seen in the quarter
 * second before it and each after: one person 1.3× and 2× closer or back 0.09–0.39; two people in
 * turn at one framing (look-alikes included) 0.66–0.94.
 */
export const ZOOM_CUT_MAX_SHARE = 0.5;

/** Width of the shrunk pictures compared (a zoom is a coarse change; 96 px keeps it at a few ms a pair). */
const SMALL_WIDTH = 96;

/** The zooms tried, closer shot into wider: 0.8× (a slightly wider shot within the face boxes' noise) to 2.5×. */
const ZOOMS = Array.from({ length: 21 }, (_, i) => 0.8 * (2.5 / 0.8) ** (i / 20));

/** Shifts of the zoom's anchor tried around the faces' centres, in shrunk pixels (detector boxes are off by a few). */
const SHIFT = 4;

/** Least share of the closer shot that must fall inside the wider one for a zoom to be judged. */
const MIN_COVER = 0.5;

interface Small {
  readonly w: number;
  readonly h: number;
  readonly data: Float32Array;
  /** Shrunk pixels per grey-frame pixel. */
  readonly k: number;
}

/** `frame` box-averaged to SMALL_WIDTH pixels across. */
function shrink(frame: GrayFrame): Small {
  const w = Math.min(SMALL_WIDTH, frame.width);
  const h = Math.max(1, Math.round((frame.height * w) / frame.width));
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const [y0, y1] = [Math.floor((y * frame.height) / h), Math.max(Math.floor((y * frame.height) / h) + 1, Math.floor(((y + 1) * frame.height) / h))];
    for (let x = 0; x < w; x++) {
      const [x0, x1] = [Math.floor((x * frame.width) / w), Math.max(Math.floor((x * frame.width) / w) + 1, Math.floor(((x + 1) * frame.width) / w))];
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += frame.data[yy * frame.width + xx]!;
      data[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { w, h, data, k: w / frame.width };
}

/**
 * Mean absolute difference of `near` from `wide` sampled (bilinear) where `near`'s point p lands at
 * `wideAnchor + (p − nearAnchor) / zoom`; Infinity when under MIN_COVER of `near` lands inside.
 */
function warpedDifference(near: Small, wide: Small, zoom: number, nearAnchor: readonly [number, number], wideAnchor: readonly [number, number]): number {
  let [sum, n] = [0, 0];
  for (let y = 0; y < near.h; y++) {
    const yw = wideAnchor[1] + (y - nearAnchor[1]) / zoom;
    const yi = Math.floor(yw);
    if (yi < 0 || yi >= wide.h - 1) continue;
    const fy = yw - yi;
    for (let x = 0; x < near.w; x++) {
      const xw = wideAnchor[0] + (x - nearAnchor[0]) / zoom;
      const xi = Math.floor(xw);
      if (xi < 0 || xi >= wide.w - 1) continue;
      const fx = xw - xi;
      const i = yi * wide.w + xi;
      const top = wide.data[i]! + fx * (wide.data[i + 1]! - wide.data[i]!);
      const bottom = wide.data[i + wide.w]! + fx * (wide.data[i + wide.w + 1]! - wide.data[i + wide.w]!);
      sum += Math.abs(near.data[y * near.w + x]! - (top + fy * (bottom - top)));
      n++;
    }
  }
  return n >= MIN_COVER * near.w * near.h ? sum / n : Infinity;
}

const centre = (box: Box, k: number): [number, number] => [(box.x + box.w / 2) * k, (box.y + box.h / 2) * k];

/**
 * The share of the picture's change from `before` to `after` (same size) left by the best zoom that
 * takes the face `faceBefore` to `faceAfter` (boxes in grey-frame pixels): near 0 when `after` is
 * `before` closer or wider about that face, near 1 when it is another picture. The closer shot (the
 * larger face) is warped into the wider one, zooms and small shifts of the anchor searched coarse
 * to fine. Infinity when the picture changed by under CARRY_MIN_PICTURE_CHANGE grey levels (as a
 * fade's last frames do: no lone jump to explain).
 */
export function zoomShareAtCut(before: GrayFrame, after: GrayFrame, faceBefore: Box, faceAfter: Box): number {
  return shrunkCut(before, after).shareFor(faceBefore, faceAfter);
}

/** The two sides of a cut shrunk once, and their change, for judging any number of face pairs. */
function shrunkCut(before: GrayFrame, after: GrayFrame): { shareFor(faceBefore: Box, faceAfter: Box): number } {
  const [b, a] = [shrink(before), shrink(after)];
  const raw = warpedDifference(a, b, 1, [0, 0], [0, 0]);
  return {
    shareFor(faceBefore, faceAfter) {
      if (!(raw >= CARRY_MIN_PICTURE_CHANGE)) return Infinity;
      const closer = faceAfter.w * faceAfter.h >= faceBefore.w * faceBefore.h;
      const [near, wide] = closer ? [a, b] : [b, a];
      const [nearAnchor, wideAnchor] = closer ? [centre(faceAfter, a.k), centre(faceBefore, b.k)] : [centre(faceBefore, b.k), centre(faceAfter, a.k)];
      const at = (zoom: number, dx: number, dy: number) => warpedDifference(near, wide, zoom, nearAnchor, [wideAnchor[0] + dx, wideAnchor[1] + dy]);
      // Coarse: every zoom, shifts two pixels apart; then the neighbours of the best, pixel by pixel.
      let best = { d: Infinity, zoom: 1, dx: 0, dy: 0 };
      for (const zoom of ZOOMS) {
        for (let dx = -SHIFT; dx <= SHIFT; dx += 2) {
          for (let dy = -SHIFT; dy <= SHIFT; dy += 2) {
            const d = at(zoom, dx, dy);
            if (d < best.d) best = { d, zoom, dx, dy };
          }
        }
      }
      const coarse = best;
      const step = ZOOMS[1]! / ZOOMS[0]!;
      for (const zoom of [coarse.zoom / Math.sqrt(step), coarse.zoom, coarse.zoom * Math.sqrt(step)]) {
        for (let dx = coarse.dx - 1; dx <= coarse.dx + 1; dx++) {
          for (let dy = coarse.dy - 1; dy <= coarse.dy + 1; dy++) {
            const d = at(zoom, dx, dy);
            if (d < best.d) best = { d, zoom, dx, dy };
          }
        }
      }
      return best.d / raw;
    },
  };
}

/** Most face pairs judged at one cut (each ~30 ms in Node): a crowded edited video falls back to the join by embedding. */
export const ZOOM_CUT_MAX_PAIRS = 4;

/**
 * Which faces after a cut (`faces`, boxes in grey-frame pixels) are which tracks before it
 * (`tracks`, their last boxes), taken closer or wider: each face to the track whose zoom leaves the
 * least of the change, one to one, when at most ZOOM_CUT_MAX_SHARE. Face index → track id; empty
 * when the pairs would be more than ZOOM_CUT_MAX_PAIRS.
 */
export function zoomedAcross(before: GrayFrame, after: GrayFrame, tracks: readonly { id: number; box: Box }[], faces: readonly Box[]): Map<number, number> {
  const continued = new Map<number, number>();
  if (tracks.length * faces.length === 0 || tracks.length * faces.length > ZOOM_CUT_MAX_PAIRS) return continued;
  const cut = shrunkCut(before, after);
  const pairs = tracks.flatMap((track) => faces.map((face, j) => ({ id: track.id, j, share: cut.shareFor(track.box, face) })));
  const taken = new Set<number>();
  for (const { id, j, share } of pairs.sort((p, q) => p.share - q.share)) {
    if (share > ZOOM_CUT_MAX_SHARE) break;
    if (continued.has(j) || taken.has(id)) continue;
    continued.set(j, id);
    taken.add(id);
  }
  return continued;
}
