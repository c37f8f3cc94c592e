/** What kind of model a prediction or a metric comes from (tables and the evaluation chart share it). */
export type ModelKind = 'per-frame baseline' | 'ensemble' | 'rolling' | 'temporal model';

const ENSEMBLES = ['average', 'jointFusion', 'bestSelection'];

/** The kind of `model` from its prediction key. */
export function kindOf(model: string): ModelKind {
  if (model === 'frameAverage' || model === 'humanEmotion') return 'per-frame baseline';
  if (ENSEMBLES.includes(model)) return 'ensemble';
  if (model.startsWith('main track')) return 'rolling';
  return 'temporal model';
}
