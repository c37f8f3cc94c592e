/**
 * Browser-safe: every trained temporal model plus the §5 ensembles on one main track.
 * `loadClipPredictor(source)` reads `ensemble.json` and each model folder through `source`, whose
 * root is the trained folder: in the app `urlWeightSource(TRAINED_BASE)` (public/trained is served
 * at `trained/`), in Node `fileWeightSource('public/trained')`.
 */
import { audioVisualProbabilities } from '../../core/ensembles/audio-visual';
import { averageFusion } from '../../core/ensembles/average';
import { jointFusionForward } from '../../core/ensembles/joint-fusion-data';
import { loadAll } from '../model';
import type { WeightSource } from '../weight-source';
import { checkEnsembleConfig, VISUAL_ENSEMBLE_NAMES, type EnsembleConfig, type VisualEnsembleName } from '../../shared/ensemble-config';
import { TemporalModel, type ClipInput } from './temporal-model';

/** Relative URL of the trained weights in the app (public/trained). */
export const TRAINED_BASE = 'trained/';

/** The loaded models and ensembles. */
export interface ClipPredictor {
  /** Prediction keys: the trained model names, then average, jointFusion, bestSelection (and audioVisual). */
  readonly names: readonly string[];
  readonly ensemble: EnsembleConfig;
  /**
   * 7 probabilities (paper order) per model and ensemble for the main track's records (≥ 1) and the
   * clip's speech features. Without speech the speech model has no key and audioVisual is its
   * visual ensemble alone.
   */
  predict(clip: ClipInput): Promise<Record<string, Float32Array>>;
  /** Frees every model (safe to call twice). */
  dispose(): void;
}

/** The audio-visual fusion of one clip; the visual probabilities when there is no speech. */
function audioVisual(visual: Float32Array, speech: Float32Array | undefined, speechWeight: number): Float32Array {
  return speech ? Float32Array.from(audioVisualProbabilities([[...visual]], [[...speech]], speechWeight)[0]!) : visual;
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
    names: [...ensemble.models, ...VISUAL_ENSEMBLE_NAMES, ...(ensemble.audioVisual ? ['audioVisual'] : [])],
    ensemble,
    async predict(clip) {
      const byModel: Record<string, Float32Array> = {};
      for (const m of models) {
        const probs = await m.run(clip);
        if (probs) byModel[m.name] = probs;
      }
      const joint = jointFusionForward(ensemble.jointFusion.members.flatMap((m) => [...byModel[m]!]), ensemble.jointFusion);
      const fused: Record<VisualEnsembleName, Float32Array> = {
        average: Float32Array.from(fuse(byModel, ensemble.average.members)),
        jointFusion: Float32Array.from(joint),
        bestSelection: Float32Array.from(fuse(byModel, ensemble.bestSelection.members)),
      };
      const av = ensemble.audioVisual;
      return { ...byModel, ...fused, ...(av ? { audioVisual: audioVisual(fused[av.visual], byModel[av.speech], av.speechWeight) } : {}) };
    },
    dispose,
  };
}
