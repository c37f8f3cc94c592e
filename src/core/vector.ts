/** Small numeric helpers shared by the tracker, pyramid, ensembles and metrics. */

/** A read-only numeric vector: number[] or any typed array. */
export type NumericVector = ArrayLike<number>;

/** Throws a TypeError naming `field` unless every vector has length `dim`. */
export function assertSameLength(vectors: readonly NumericVector[], dim: number, field: string): void {
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new TypeError(`${field}[${i}]: expected length ${dim}, got ${v.length}`);
  });
}

/** Euclidean distance between two vectors of equal length. */
export function euclidean(a: NumericVector, b: NumericVector): number {
  if (a.length !== b.length) throw new TypeError(`euclidean: lengths differ (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Element-wise mean of non-empty equal-length vectors. */
export function meanVector(vectors: readonly NumericVector[]): Float64Array {
  const first = vectors[0];
  if (first === undefined) throw new TypeError('meanVector: no vectors');
  assertSameLength(vectors, first.length, 'meanVector');
  const out = new Float64Array(first.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i]! += v[i]!;
  for (let i = 0; i < out.length; i++) out[i]! /= vectors.length;
  return out;
}

/** Index of the largest value (the first one on ties); -1 for an empty vector. */
export function argmax(values: NumericVector): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i]! > values[best]!) best = i;
  return best;
}

/** Arithmetic mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new TypeError('mean: empty list');
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Population standard deviation (ddof = 0, numpy's default) of a non-empty list. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) * (v - m), 0) / values.length);
}

/** The q-quantile (0 ≤ q ≤ 1) of a non-empty list, by linear interpolation between order statistics (numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new TypeError('quantile: empty list');
  if (!(q >= 0 && q <= 1)) throw new TypeError(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
