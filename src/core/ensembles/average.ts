/** Average late fusion F_avg (§5, eq. 30). */
import { weightedFusion, type ProbabilityMatrix } from './weighted';

/** Eq. 30: the per-clip mean of the models' probability vectors. */
export function averageFusion(models: readonly ProbabilityMatrix[]): number[][] {
  return weightedFusion(models, models.map(() => 1));
}

/** Mean of several probability vectors of one clip (e.g. the outputs of the 5 evaluation samplings). */
export function averageProbabilities(vectors: readonly (readonly number[])[]): number[] {
  return averageFusion(vectors.map((v) => [v]))[0]!;
}
