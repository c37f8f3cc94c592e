/** Analysis frame size: large videos (4K) are analysed downscaled, never rejected. */

/** The size of `width`×`height` scaled to fit `maxSide` (aspect ratio kept, at least 1 px; never upscaled). */
export function fitWithin(width: number, height: number, maxSide = Infinity): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
