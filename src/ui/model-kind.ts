import { ENSEMBLE_NAMES } from '../shared/ensemble-config';

/** What kind of model a prediction or a metric comes from (tables and the evaluation chart share it). */
export type ModelKind = 'per-frame baseline' | 'ensemble' | 'rolling' | 'temporal model' | 'speech model';

/** The fused outputs' keys; the speech model's folder name (src/training/model-specs.ts). */
const ENSEMBLES: readonly string[] = ENSEMBLE_NAMES;
const SPEECH_MODEL = 'speech';

/** The kind of `model` from its prediction key. */
export function kindOf(model: string): ModelKind {
  if (model === 'frameAverage' || model === 'humanEmotion') return 'per-frame baseline';
  if (ENSEMBLES.includes(model)) return 'ensemble';
  if (model === SPEECH_MODEL) return 'speech model';
  if (model.startsWith('main track')) return 'rolling';
  return 'temporal model';
}
