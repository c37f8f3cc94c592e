/**
 * How open a mouth is, from 68 iBUG landmarks: the mean gap between the inner lips (61↔67, 62↔66,
 * 63↔65) over the distance from the eyes' centre to the chin (8), so it does not change with the
 * face's size in the picture. About 0 for a closed mouth, 0.1–0.3 while speaking.
 */
import { checkLandmarks } from '../face-geometry/landmarks';

/** Inner upper-lip points and the inner lower-lip points facing them. */
const INNER_LIP_PAIRS: readonly (readonly [number, number])[] = [
  [61, 67],
  [62, 66],
  [63, 65],
];
const EYE_POINTS = Array.from({ length: 12 }, (_, i) => 36 + i);
const CHIN = 8;

/** Mouth opening of one face: `points` holds x0, y0, x1, y1, … of 68 landmarks (any unit). */
export function mouthOpening(points: ArrayLike<number>): number {
  checkLandmarks(points, 'mouthOpening');
  const x = (i: number) => points[2 * i]!;
  const y = (i: number) => points[2 * i + 1]!;
  const gap = INNER_LIP_PAIRS.reduce((s, [a, b]) => s + Math.hypot(x(a) - x(b), y(a) - y(b)), 0) / INNER_LIP_PAIRS.length;
  const eyeX = EYE_POINTS.reduce((s, i) => s + x(i), 0) / EYE_POINTS.length;
  const eyeY = EYE_POINTS.reduce((s, i) => s + y(i), 0) / EYE_POINTS.length;
  const faceLength = Math.hypot(x(CHIN) - eyeX, y(CHIN) - eyeY);
  return faceLength > 0 ? gap / faceLength : 0;
}
