/**
 * What the track panels draw for the shown track: its per-frame emotion timeline and its temporal
 * pyramid, as plain numbers (thinned; no frames or bitmaps). Computed in src/app/track-views.ts,
 * kept in the store, drawn by src/ui.
 */
import type { EmotionLabel } from '../core/labels';

/** One point of the emotion timeline: time and the 7 probabilities (paper order). */
export interface TimelinePoint {
  tSec: number;
  probs: number[];
}

/** One pyramid segment: the frames it covers and min/mean/max of the 7 probabilities. */
export interface PyramidCell {
  level: number;
  index: number;
  frames: number;
  tStart: number;
  tEnd: number;
  min: number[];
  mean: number[];
  max: number[];
  /** Label with the highest mean. */
  top: EmotionLabel;
}

/** The shown track's timeline and pyramid (plain numbers, thinned; no frames or bitmaps). */
export interface TrackView {
  trackId: number;
  frames: number;
  timeline: TimelinePoint[];
  pyramid: PyramidCell[][];
}
