/**
 * What the camera's overlay draws at a given moment: the newest analysed faces, each box moved on
 * by its track's motion (constant velocity from the track's last two analyses,
 * src/core/tracking/predict-box.ts). Drawn at display rate, the boxes then follow a moving face
 * between analyses instead of waiting a whole analysis behind it.
 */
import { predictBox, type PredictBoxConfig } from '../core/tracking/predict-box';
import type { OverlayBuffer, OverlayEntry } from './overlay-buffer';

/**
 * The newest entry of `buffer` with every face's box predicted for `tSec` (camera seconds), or
 * null before the first analysis. The entry keeps the newest analysis' time: it is what was seen.
 */
export function predictedEntry(buffer: OverlayBuffer, tSec: number, config?: PredictBoxConfig): OverlayEntry | null {
  const latest = buffer.latest();
  if (!latest) return null;
  return {
    tSec: latest.tSec,
    faces: latest.faces.map((face) => {
      const previous = buffer.lastSeen(face.trackId, latest.tSec) ?? undefined;
      return { ...face, box: predictBox(previous, { tSec: latest.tSec, box: face.box }, tSec, config) };
    }),
  };
}
