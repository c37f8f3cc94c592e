/**
 * Person calibration of a clip model's input vector: the vector less the mean of the person's
 * reference vectors and, for a scaled model, divided per column by the person's own spread. The
 * spread of a small reference is noisy (a camera reference may be one neutral clip, with no spread
 * at all), so it is shrunk towards the spread within a typical person, measured over the training
 * people: σ² = (n·s² + k·σ_pooled²) / (n + k) for n reference vectors, k = `prior`. Pure.
 */
import { meanVector, type NumericVector } from '../vector';

/** How a scaled model spreads a person's inputs: the training people's within-person spread per column, and its weight in reference vectors. */
export interface PersonScale {
  pooled: readonly number[];
  prior: number;
}

/** Weight of the pooled spread, in reference vectors: a reference of this many clips weighs its own spread as much as the pooled one. Chosen a priori as the fewest clips a reference needs (reference-windows.ts). */
export const PERSON_SCALE_PRIOR = 4;

/** A person's reference statistics: the mean vector and, for scaled models, the per-column spread. */
export interface PersonStats {
  mean: Float64Array;
  spread: Float64Array | null;
}

/** Population variance of column j of `rows` around `mean`. */
function columnVariances(rows: readonly NumericVector[], mean: Float64Array): Float64Array {
  const out = new Float64Array(mean.length);
  for (const row of rows) for (let j = 0; j < mean.length; j++) out[j]! += (row[j]! - mean[j]!) ** 2 / rows.length;
  return out;
}

/** Statistics of one person's reference vectors (at least one); `scale` absent: centring only. */
export function personStats(rows: readonly NumericVector[], scale?: PersonScale): PersonStats {
  if (rows.length === 0) throw new TypeError('personStats: a reference needs at least one vector');
  const mean = meanVector(rows);
  if (!scale) return { mean, spread: null };
  if (scale.pooled.length !== mean.length) throw new TypeError(`personStats: ${scale.pooled.length} pooled spreads for ${mean.length} columns`);
  const n = rows.length;
  const own = columnVariances(rows, mean);
  const spread = own.map((v, j) => Math.sqrt((n * v + scale.prior * scale.pooled[j]! ** 2) / (n + scale.prior)));
  return { mean, spread };
}

/** `row` calibrated to the person (a column without spread anywhere gives 0). */
export function normaliseRow(row: ArrayLike<number>, stats: PersonStats): Float64Array {
  const out = new Float64Array(stats.mean.length);
  for (let j = 0; j < out.length; j++) {
    const centred = row[j]! - stats.mean[j]!;
    const s = stats.spread?.[j];
    out[j] = s === undefined ? centred : s > 0 ? centred / s : 0;
  }
  return out;
}

/** The within-person spread per column over several people's vectors: √(mean over people of their column variance). */
export function pooledWithinSpread(people: readonly (readonly NumericVector[])[]): number[] {
  const present = people.filter((rows) => rows.length > 0);
  if (present.length === 0) throw new TypeError('pooledWithinSpread: no vectors');
  const variances = present.map((rows) => columnVariances(rows, meanVector(rows)));
  return Array.from(variances[0]!, (_, j) => Math.sqrt(variances.reduce((s, v) => s + v[j]!, 0) / variances.length));
}
