import { isEnsembleName, isSpeechModelName } from '../shared/ensemble-config';

/** What kind of model a prediction or a metric comes from (tables and the evaluation chart share it). */
export type ModelKind = 'per-frame baseline' | 'ensemble' | 'rolling' | 'temporal model' | 'speech model';


/** The kind of `model` from its prediction key. */
export function kindOf(model: string): ModelKind {
  if (model === 'frameAverage' || model === 'humanEmotion') return 'per-frame baseline';
  if (isEnsembleName(model)) return 'ensemble';
  if (isSpeechModelName(model)) return 'speech model';
  if (model.startsWith('main track')) return 'rolling';
  return 'temporal model';
}
