/**
 * Per-column standardisation with a variance floor. A near-constant column (the absent disgust
 * class's probabilities, a channel that barely moves) divided by its own tiny σ becomes noise with
 * the same weight as a real signal, and the heads gave such columns their largest weights; a floor
 * at a fraction of the typical column's σ keeps them small.
 */

/** Column means and the (floored) σ to divide by. */
export interface ColumnScaler {
  mean: Float64Array;
  scale: Float64Array;
}

/** Floor on σ, as a fraction of the median column σ. */
export const STD_FLOOR_OF_MEDIAN = 0.1;

/** Fits the scaler on `rows` (all of one length). */
export function fitColumnScaler(rows: readonly ArrayLike<number>[], floorOfMedian = STD_FLOOR_OF_MEDIAN): ColumnScaler {
  if (rows.length === 0) throw new TypeError('rows: need at least one row');
  const d = rows[0]!.length;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const r of rows) {
    if (r.length !== d) throw new TypeError(`rows: expected ${d} values per row, got ${r.length}`);
    for (let j = 0; j < d; j++) mean[j]! += r[j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= rows.length;
  for (const r of rows) {
    for (let j = 0; j < d; j++) sq[j]! += (r[j]! - mean[j]!) ** 2;
  }
  const std = sq.map((v) => Math.sqrt(v / rows.length));
  const sorted = Float64Array.from(std).sort();
  const floor = Math.max(1e-12, floorOfMedian * sorted[Math.floor(sorted.length / 2)]!);
  return { mean, scale: std.map((s) => Math.max(s, floor)) };
}

/** (row − mean) / scale. */
export function scaleRow(row: ArrayLike<number>, s: ColumnScaler): Float64Array {
  const out = new Float64Array(s.mean.length);
  for (let j = 0; j < out.length; j++) out[j] = (row[j]! - s.mean[j]!) / s.scale[j]!;
  return out;
}
