/** Pure helpers of the person detector: NMS and region pooling over the backbone grid. */
import type { Box } from '../model';

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS: indices of kept items, best score first. */
export function nonMaxSuppression(items: readonly { box: Box; score: number }[], iouThreshold: number, max: number): number[] {
  const order = items.map((_, i) => i).sort((i, j) => items[j]!.score - items[i]!.score);
  const kept: number[] = [];
  for (const i of order) {
    if (kept.length >= max) break;
    if (kept.every((k) => iou(items[k]!.box, items[i]!.box) <= iouThreshold)) kept.push(i);
  }
  return kept;
}

/**
 * Area-weighted average of a `grid`×`grid`×`channels` feature map (row-major, channels last) over
 * `region`, given in the map's own pixel units where the map covers [0, extent)². Each cell weighs
 * by the area it shares with the region; a region smaller than a cell still gets the cell(s) it
 * touches. A region entirely outside gets the nearest cell.
 */
export function poolRegion(map: Float32Array, grid: number, channels: number, extent: number, region: Box): Float32Array {
  const cell = extent / grid;
  const clamp = (v: number) => Math.min(extent, Math.max(0, v));
  let x1 = clamp(region.x);
  let x2 = clamp(region.x + region.w);
  let y1 = clamp(region.y);
  let y2 = clamp(region.y + region.h);
  // Degenerate after clamping: take a tiny region at the nearest point.
  const eps = cell * 1e-3;
  if (x2 - x1 < eps) [x1, x2] = [Math.min(x1, extent - eps), Math.min(x1, extent - eps) + eps];
  if (y2 - y1 < eps) [y1, y2] = [Math.min(y1, extent - eps), Math.min(y1, extent - eps) + eps];
  const out = new Float32Array(channels);
  let total = 0;
  const r0 = Math.floor(y1 / cell);
  const r1 = Math.min(grid - 1, Math.ceil(y2 / cell) - 1);
  const c0 = Math.floor(x1 / cell);
  const c1 = Math.min(grid - 1, Math.ceil(x2 / cell) - 1);
  for (let r = r0; r <= r1; r++) {
    const wy = Math.min(y2, (r + 1) * cell) - Math.max(y1, r * cell);
    for (let c = c0; c <= c1; c++) {
      const wx = Math.min(x2, (c + 1) * cell) - Math.max(x1, c * cell);
      const w = wx * wy;
      if (w <= 0) continue;
      total += w;
      const at = (r * grid + c) * channels;
      for (let k = 0; k < channels; k++) out[k]! += w * map[at + k]!;
    }
  }
  if (total > 0) for (let k = 0; k < channels; k++) out[k]! /= total;
  return out;
}
