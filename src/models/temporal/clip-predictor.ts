/**
 * Browser-safe: every trained temporal model plus the §5 ensembles on one main track.
 * `loadClipPredictor(source)` reads `ensemble.json` and each model folder through `source`, whose
 * root is the trained folder: in the app `urlWeightSource(TRAINED_BASE)` (public/trained is served
 * at `trained/`), in Node `fileWeightSource('public/trained')`.
 */
import { averageFusion } from '../../core/ensembles/average';
import { jointFusionForward } from '../../core/ensembles/joint-fusion-data';
import { loadAll } from '../model';
import type { WeightSource } from '../weight-source';
import type { ClipRecord } from './clip-features';
import { checkEnsembleConfig, type EnsembleConfig } from './ensemble-config';
import { TemporalModel } from './temporal-model';

/** Relative URL of the trained weights in the app (public/trained). */
export const TRAINED_BASE = 'trained/';

/** The loaded models and ensembles. */
export interface ClipPredictor {
  /** Prediction keys: the trained model names, then average, jointFusion, bestSelection. */
  readonly names: readonly string[];
  readonly ensemble: EnsembleConfig;
  /** 7 probabilities (paper order) per model and ensemble for the main track's records (≥ 1). */
  predict(records: readonly ClipRecord[]): Promise<Record<string, Float32Array>>;
  /** Frees every model (safe to call twice). */
  dispose(): void;
}

function fuse(byModel: Record<string, Float32Array>, members: readonly string[]): number[] {
  return averageFusion(members.map((m) => [[...byModel[m]!]]))[0]!;
}

/** Loads ensemble.json and every model it names from `source` (in parallel). */
export async function loadClipPredictor(source: WeightSource): Promise<ClipPredictor> {
  const ensemble = checkEnsembleConfig(JSON.parse(new TextDecoder().decode(await source.readBytes('ensemble.json'))));
  const models = ensemble.models.map((name) => new TemporalModel(name, source));
  const dispose = await loadAll(models);
  return {
    names: [...ensemble.models, 'average', 'jointFusion', 'bestSelection'],
    ensemble,
    async predict(records) {
      const byModel: Record<string, Float32Array> = {};
      for (const m of models) byModel[m.name] = await m.run(records);
      const joint = jointFusionForward(ensemble.jointFusion.members.flatMap((m) => [...byModel[m]!]), ensemble.jointFusion);
      return {
        ...byModel,
        average: Float32Array.from(fuse(byModel, ensemble.average.members)),
        jointFusion: Float32Array.from(joint),
        bestSelection: Float32Array.from(fuse(byModel, ensemble.bestSelection.members)),
      };
    },
    dispose,
  };
}
