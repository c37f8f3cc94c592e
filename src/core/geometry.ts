/** Axis-aligned boxes in pixels and the few measures the tracker and linker need. */

/** A box in pixels: top-left corner (x, y), width w and height h. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A point in pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Area of a box (0 for degenerate boxes). */
export function area(box: Box): number {
  return Math.max(0, box.w) * Math.max(0, box.h);
}

/** Centre point of a box. */
export function center(box: Box): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

/** Area of the intersection of two boxes. */
export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union of two boxes (0 when both are empty). */
export function iou(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Fraction of `inner`'s area that lies inside `outer` (0 when `inner` is empty). */
export function containment(inner: Box, outer: Box): number {
  const a = area(inner);
  return a > 0 ? intersectionArea(inner, outer) / a : 0;
}

/** Euclidean distance between two points. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * True when `box` reaches to within `marginPx` of an edge of a `width` × `height` frame (or past
 * it): a detector's box clipped there holds part of a face, the rest being out of the picture.
 */
export function atFrameEdge(box: Box, width: number, height: number, marginPx = 1): boolean {
  return box.x <= marginPx || box.y <= marginPx || box.x + box.w >= width - marginPx || box.y + box.h >= height - marginPx;
}
