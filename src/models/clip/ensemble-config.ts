/**
 * `ensemble.json` (public/trained/): which trained models the predictor loads and how their outputs
 * are fused (§5): average of all, Best Selection members, and the joint fusion dense layer; and
 * which fused output is emolens's own answer.
 */
import type { DenseLayer } from '../../core/ensembles/joint-fusion-data';
import type { ConfidenceSettings } from '../../core/calibration/answer-confidence';

/** Contents of ensemble.json. */
export interface EnsembleConfig {
  /** Trained model folders (relative to the trained root), which are also the prediction keys. */
  models: string[];
  average: { members: string[] };
  bestSelection: { members: string[]; validationAccuracy: number };
  jointFusion: { members: string[] } & DenseLayer;
  /**
   * Audio-visual fusion (not in the paper): speechWeight × the speech model + (1 − speechWeight) ×
   * the `visual` ensemble; the visual ensemble alone when a clip has no speech. Absent: no speech model.
   */
  audioVisual?: { visual: VisualEnsembleName; speech: string; speechWeight: number };
  /** Where members and weights were chosen (e.g. "actor 07"). */
  selectedOn: string;
  /**
   * The ensemble the app shows as its answer, and the evidence it was chosen on (absent: Best
   * Selection, the paper's). `npm run train -- ensemble` picks the one most accurate on unseen
   * actors in the rotation runs, counting only test actors other than the validation actor.
   */
  answer?: { name: EnsembleName; chosenOn: string; accuracy: number };
  /**
   * The answer's temperature (fitted by the training protocol on held-out predictions) and the
   * confidence under which it is shown as "uncertain". Absent: DEFAULT_CONFIDENCE (src/core/calibration).
   */
  confidence?: ConfidenceSettings;
}

/** Prediction keys of the paper's fused outputs (§5), over the visual models. */
export const VISUAL_ENSEMBLE_NAMES = Object.freeze(['average', 'jointFusion', 'bestSelection'] as const);
export type VisualEnsembleName = (typeof VISUAL_ENSEMBLE_NAMES)[number];
/** Prediction keys of every fused output. */
export const ENSEMBLE_NAMES = Object.freeze([...VISUAL_ENSEMBLE_NAMES, 'audioVisual'] as const);
export type EnsembleName = (typeof ENSEMBLE_NAMES)[number];

/** The models an ensemble fuses (audioVisual: its visual ensemble's, then the speech model). */
export function ensembleMembers(config: EnsembleConfig, name: EnsembleName): string[] {
  if (name !== 'audioVisual') return [...config[name].members];
  if (!config.audioVisual) throw new TypeError('ensemble.json has no audioVisual fusion');
  return [...config[config.audioVisual.visual].members, config.audioVisual.speech];
}

/** emolens's answer: its prediction key, the models it fuses, and why it is the answer (one sentence). */
export function answerOf(config: EnsembleConfig): { name: EnsembleName; members: string[]; why: string } {
  const name = config.answer?.name ?? 'bestSelection';
  const why = config.answer
    ? `emolens's answer: the ensemble most accurate on actors unseen in training — ${config.answer.chosenOn}.`
    : `emolens's answer: Best Selection (§5), chosen on ${config.selectedOn}.`;
  return { name, members: ensembleMembers(config, name), why };
}

/** Throws a TypeError naming the field unless `value` looks like an EnsembleConfig. */
export function checkEnsembleConfig(value: unknown): EnsembleConfig {
  const v = value as Partial<EnsembleConfig> | null;
  const isNames = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (!v || !isNames(v.models)) throw new TypeError('ensemble.json: models must be a list of names');
  for (const key of VISUAL_ENSEMBLE_NAMES) {
    const members = (v[key] as { members?: unknown } | undefined)?.members;
    if (!isNames(members) || members.length === 0 || !members.every((m) => v.models!.includes(m))) {
      throw new TypeError(`ensemble.json: ${key}.members must name loaded models`);
    }
  }
  if (!Array.isArray(v.jointFusion!.kernel) || !Array.isArray(v.jointFusion!.bias)) throw new TypeError('ensemble.json: jointFusion needs kernel and bias');
  const av = v.audioVisual;
  if (av !== undefined && (!VISUAL_ENSEMBLE_NAMES.includes(av.visual) || !v.models.includes(av.speech) || !(av.speechWeight >= 0 && av.speechWeight <= 1))) {
    throw new TypeError('ensemble.json: audioVisual needs a visual ensemble, a loaded speech model and a speechWeight in [0, 1]');
  }
  if (v.answer !== undefined && !(v.answer.name === 'audioVisual' ? av !== undefined : ENSEMBLE_NAMES.includes(v.answer.name))) {
    throw new TypeError(`ensemble.json: answer.name must be one of ${ENSEMBLE_NAMES.join(', ')} (audioVisual only with its fusion)`);
  }
  const c = v.confidence;
  if (c !== undefined && !(c.temperature > 0 && Number.isFinite(c.temperature) && c.threshold >= 0 && c.threshold <= 1)) {
    throw new TypeError('ensemble.json: confidence needs a positive temperature and a threshold in [0, 1]');
  }
  return v as EnsembleConfig;
}
