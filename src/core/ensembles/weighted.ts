/** Weighted late fusion of several models' probability matrices (§5). */

/** Per-clip probability vectors of one model: rows = clips, columns = classes (paper order). */
export type ProbabilityMatrix = readonly (readonly number[])[];

/** Throws a TypeError unless all models give the same number of clips and classes; returns [clips, classes]. */
export function checkSameShape(models: readonly ProbabilityMatrix[]): [number, number] {
  const first = models[0];
  if (first === undefined) throw new TypeError('fusion: no models');
  const clips = first.length;
  const classes = first[0]?.length ?? 0;
  models.forEach((m, k) => {
    if (m.length !== clips) throw new TypeError(`fusion: model ${k} has ${m.length} clips, expected ${clips}`);
    m.forEach((row, i) => {
      if (row.length !== classes) throw new TypeError(`fusion: model ${k} clip ${i} has ${row.length} classes, expected ${classes}`);
    });
  });
  return [clips, classes];
}

/** Σ_k w_k·Ŷ_k / Σ_k w_k per clip and class; weights must be ≥ 0 with a positive sum. */
export function weightedFusion(models: readonly ProbabilityMatrix[], weights: readonly number[]): number[][] {
  const [clips, classes] = checkSameShape(models);
  if (weights.length !== models.length) throw new TypeError(`weightedFusion: ${weights.length} weights for ${models.length} models`);
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new TypeError('weightedFusion: weights must be finite and ≥ 0');
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new TypeError('weightedFusion: weights must not all be 0');
  return Array.from({ length: clips }, (_, i) =>
    Array.from({ length: classes }, (_, c) => models.reduce((s, m, k) => s + weights[k]! * m[i]![c]!, 0) / total),
  );
}
