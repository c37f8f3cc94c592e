/** The face landmarks every landmark reader takes: 68 iBUG points as the landmark net gives them, x0, y0, x1, y1, … */

export const LANDMARK_POINTS = 68;
/** Numbers per face: x and y of each point. */
export const LANDMARK_VALUES = 2 * LANDMARK_POINTS;

/** Throws a TypeError naming `reader` unless `points` holds (at least) the numbers of 68 landmarks. */
export function checkLandmarks(points: ArrayLike<number>, reader: string): void {
  if (points.length < LANDMARK_VALUES) throw new TypeError(`${reader}: expected ${LANDMARK_VALUES} numbers (${LANDMARK_POINTS} points), got ${points.length}`);
}
