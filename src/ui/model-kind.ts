import { EMOLENS_ANSWER, GENERAL_CALIBRATED, isBaselineKey, isEnsembleKey, isSpeechModelKey } from '../shared/prediction-keys';

/** What kind of model a prediction or a metric comes from (tables and the evaluation chart share it). */
export type ModelKind = 'per-frame baseline' | 'ensemble' | 'rolling' | 'temporal model' | 'speech model';


/** The kind of `model` from its prediction key. */
export function kindOf(model: string): ModelKind {
  // `general-cal` is `general` divided by the person's mean: still the untrained networks.
  if (isBaselineKey(model) || model === GENERAL_CALIBRATED) return 'per-frame baseline';
  if (isEnsembleKey(model) || model === EMOLENS_ANSWER) return 'ensemble';
  if (isSpeechModelKey(model)) return 'speech model';
  if (model.startsWith('main track')) return 'rolling';
  return 'temporal model';
}
