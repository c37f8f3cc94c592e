/**
 * `ensemble.json` (public/trained/): which trained models the predictor loads and how their outputs
 * are fused (§5): average of all, Best Selection members, and the joint fusion dense layer.
 */
import type { DenseLayer } from '../../core/ensembles/joint-fusion-data';

/** Contents of ensemble.json. */
export interface EnsembleConfig {
  /** Trained model folders (relative to the trained root), which are also the prediction keys. */
  models: string[];
  average: { members: string[] };
  bestSelection: { members: string[]; validationAccuracy: number };
  jointFusion: { members: string[] } & DenseLayer;
  /** Where members and weights were chosen (e.g. "actor 07"). */
  selectedOn: string;
}

/** Prediction keys of the fused outputs. */
export const ENSEMBLE_NAMES = Object.freeze(['average', 'jointFusion', 'bestSelection'] as const);

/** Throws a TypeError naming the field unless `value` looks like an EnsembleConfig. */
export function checkEnsembleConfig(value: unknown): EnsembleConfig {
  const v = value as Partial<EnsembleConfig> | null;
  const isNames = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (!v || !isNames(v.models)) throw new TypeError('ensemble.json: models must be a list of names');
  for (const key of ENSEMBLE_NAMES) {
    const members = (v[key] as { members?: unknown } | undefined)?.members;
    if (!isNames(members) || members.length === 0 || !members.every((m) => v.models!.includes(m))) {
      throw new TypeError(`ensemble.json: ${key}.members must name loaded models`);
    }
  }
  if (!Array.isArray(v.jointFusion!.kernel) || !Array.isArray(v.jointFusion!.bias)) throw new TypeError('ensemble.json: jointFusion needs kernel and bias');
  return v as EnsembleConfig;
}
