/** Links each face to the person box that contains it (§3.3.2), else to the whole frame. */
import { area, containment, type Box } from '../geometry';

/** Ours: a face at least half inside a person box may be linked to it (the paper gives no value). */
export const DEFAULT_MIN_CONTAINMENT = 0.5;

/** The person region chosen for one face. */
export interface PersonLink {
  /** Index into the person boxes, or -1 when the whole frame is used. */
  readonly personIndex: number;
  /** The person region: the chosen person box, or the whole frame. */
  readonly box: Box;
  /** Fraction of the face area inside `box`. */
  readonly containment: number;
}

/**
 * For each face, the person box holding the largest fraction of the face's area (ties → the smaller
 * person box, then the earlier one); when no box holds at least `minContainment`, the whole frame.
 */
export function linkFacesToPersons(
  faces: readonly Box[],
  persons: readonly Box[],
  frame: { readonly width: number; readonly height: number },
  minContainment: number = DEFAULT_MIN_CONTAINMENT,
): PersonLink[] {
  const whole: Box = { x: 0, y: 0, w: frame.width, h: frame.height };
  return faces.map((face) => {
    let best: PersonLink = { personIndex: -1, box: whole, containment: containment(face, whole) };
    let bestScore = -1;
    persons.forEach((person, i) => {
      const c = containment(face, person);
      const better = c > bestScore || (c === bestScore && area(person) < area(best.box));
      if (c >= minContainment && c > 0 && better) {
        best = { personIndex: i, box: person, containment: c };
        bestScore = c;
      }
    });
    return best;
  });
}
