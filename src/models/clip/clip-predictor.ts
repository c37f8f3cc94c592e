/**
 * Browser-safe: every trained clip model plus the fused outputs on one main track.
 * `loadClipPredictor(source)` reads `ensemble.json` and each model folder through `source`, whose
 * root is the trained folder: in the app `urlWeightSource(TRAINED_BASE)` (public/trained is served
 * at `trained/`), in Node `fileWeightSource('public/trained')`.
 */
import { applyFusion } from '../../core/ensembles/fusion-spec';
import { loadAll } from '../model';
import type { WeightSource } from '../weight-source';
import { answerOf, checkEnsembleConfig, readsGeneral, type EnsembleConfig } from '../../shared/ensemble-config';
import { calibratedGeneral, generalEmotion, noGeneralOpinion } from '../../core/general-emotion';
import { GENERAL, GENERAL_CALIBRATED } from '../../shared/prediction-keys';
import { TemporalModel } from './temporal-model';
import type { ClipInput } from '../../shared/face-record';

/** Relative URL of the trained weights in the app (public/trained). */
export const TRAINED_BASE = 'trained/';

/** Options of one prediction. */
export interface PredictOptions {
  /**
   * Clips of the same person (a folder's group, the camera's calibration and later windows, windows
   * of a long video). With it the person-calibrated models answer, and the answer is the calibrated one.
   */
  reference?: readonly ClipInput[];
  /**
   * Only the answers (each clip alone, and calibrated) and the models they read, besides `general`
   * and `general-cal`: all the camera shows, every 2 s. The spatio-temporal models, which no answer
   * reads, were nearly all of a call's time (116 ms in Node with a 4-clip reference: 33, 54 and 32
   * ms; every other model under 1).
   */
  answersOnly?: boolean;
}

/** The loaded models and fused outputs. */
export interface ClipPredictor {
  /** Prediction keys: `general` and `general-cal` when a fusion or an answer reads them, the trained model names, then the fused outputs. */
  readonly names: readonly string[];
  readonly ensemble: EnsembleConfig;
  /** True when some loaded model reads a person reference. */
  readonly calibrates: boolean;
  /**
   * 7 probabilities (paper order) per model and fused output for the main track's records (≥ 1) and
   * the clip's speech features (and `general`, from the records, when something reads it). A model without its input has no key (the speech model without
   * speech; a calibrated model without a reference), and neither has a fusion that needs it (the
   * audio-visual mix answers from its visual part alone without speech).
   */
  predict(clip: ClipInput, options?: PredictOptions): Promise<Record<string, Float32Array>>;
  /** Frees every model (safe to call twice). */
  dispose(): void;
}

/** The clip's `general`: the mean over its records where the general networks ran; null for none. */
export function clipGeneral(clip: ClipInput): Float32Array | null {
  return generalEmotion(clip.records.flatMap((r) => (r.baselineProbs?.general ? [r.baselineProbs.general] : [])));
}

/** The answers' prediction keys (alone and calibrated) and every member they read. */
function answerKeys(ensemble: EnsembleConfig): Set<string> {
  return new Set([false, true].flatMap((calibrated) => {
    const answer = answerOf(ensemble, calibrated);
    return [answer.name, ...answer.members];
  }));
}

/** Loads ensemble.json and every model it names from `source` (in parallel). */
export async function loadClipPredictor(source: WeightSource): Promise<ClipPredictor> {
  const ensemble = checkEnsembleConfig(JSON.parse(new TextDecoder().decode(await source.readBytes('ensemble.json'))));
  const models = ensemble.models.map((name) => new TemporalModel(name, source));
  const dispose = await loadAll(models);
  const withGeneral = readsGeneral(ensemble);
  return {
    names: [...(withGeneral ? [GENERAL, GENERAL_CALIBRATED] : []), ...ensemble.models, ...Object.keys(ensemble.ensembles)],
    ensemble,
    calibrates: models.some((m) => m.calibrated),
    async predict(clip, options = {}) {
      const out: Record<string, Float32Array> = {};
      const general = withGeneral ? clipGeneral(clip) : null;
      if (general) out[GENERAL] = general;
      const generalCal = options.reference ? calibratedGeneral(general, options.reference.flatMap((c) => clipGeneral(c) ?? [])) : null;
      if (generalCal) out[GENERAL_CALIBRATED] = generalCal;
      const answers = options.answersOnly ? answerKeys(ensemble) : null;
      for (const m of models) {
        if (answers && !answers.has(m.name)) continue;
        const probs = await m.run(clip, { reference: options.reference });
        if (probs) out[m.name] = probs;
      }
      // A clip where the general networks never ran (or, calibrated, its reference): fusions read no opinion.
      const members = {
        ...out,
        ...(withGeneral && !general && { [GENERAL]: noGeneralOpinion() }),
        ...(withGeneral && options.reference && !generalCal && { [GENERAL_CALIBRATED]: noGeneralOpinion() }),
      };
      for (const [name, spec] of Object.entries(ensemble.ensembles)) {
        if (answers && !answers.has(name)) continue;
        const fused = applyFusion(spec, members);
        if (fused) out[name] = Float32Array.from(fused);
      }
      return out;
    },
    dispose,
  };
}
