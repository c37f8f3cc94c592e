/**
 * How well clip vectors tell known people apart, on no particular scale: two embeddings whose
 * distances live on different scales (face-api's 128-d descriptor, another net's) are compared by
 * these before any cut is chosen for them (docs/calibration.md). For measuring: the app never
 * knows who is who.
 */
import { euclidean, type NumericVector } from '../vector';

/** Separation of known people by their clips' vectors. */
export interface Separation {
  /** Chance that two clips of one person are closer than two clips of different people (ties count half): the ranking's AUC. */
  sameCloserThanDifferent: number;
  /** Share of clips whose nearest other clip is the same person's. */
  nearestIsSamePerson: number;
}

/** Separation of `people[i]`'s clips by `vectors[i]` (null: a clip without a face, left out); null with fewer than two people or no pair of one person. */
export function separation(vectors: readonly (NumericVector | null)[], people: readonly string[], distance = euclidean): Separation | null {
  const kept = vectors.flatMap((v, i) => (v ? [{ v, who: people[i]! }] : []));
  const same: number[] = [];
  const different: number[] = [];
  const nearest = kept.map(() => ({ d: Infinity, who: '' }));
  kept.forEach((a, i) => {
    for (let j = i + 1; j < kept.length; j++) {
      const b = kept[j]!;
      const d = distance(a.v, b.v);
      (a.who === b.who ? same : different).push(d);
      if (d < nearest[i]!.d) nearest[i] = { d, who: b.who };
      if (d < nearest[j]!.d) nearest[j] = { d, who: a.who };
    }
  });
  if (same.length === 0 || different.length === 0) return null;
  // Mann–Whitney count over the sorted differents: for each same-person distance, how many are larger.
  const sorted = [...different].sort((x, y) => x - y);
  const countBelow = (x: number, strict: boolean) => {
    let [lo, hi] = [0, sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! < x : sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const wins = same.reduce((s, d) => s + (sorted.length - countBelow(d, false)) + (countBelow(d, false) - countBelow(d, true)) / 2, 0);
  return {
    sameCloserThanDifferent: wins / (same.length * different.length),
    nearestIsSamePerson: nearest.filter((n, i) => n.who === kept[i]!.who).length / kept.length,
  };
}
