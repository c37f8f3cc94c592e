/**
 * Rows of the folder evaluation's per-model bar chart: every model's accuracy and weighted F1 in
 * percent, best first, so an ensemble drawn above a single model beats it. Pure (no DOM, no recharts).
 */
import type { EvaluationReport } from '../shared/evaluate-folder';
import { kindOf, type ModelKind } from './model-kind';

/** One model's bar pair. */
export interface ModelBar {
  model: string;
  kind: ModelKind;
  /** The ensemble named as emolens's answer (Best Selection), drawn highlighted. */
  headline: boolean;
  /** Percent, 0–100, unrounded (the panel rounds for display). */
  accuracy: number;
  weightedF1: number;
}

/** Among equal scores: our answer first, then ensembles, single temporal models, per-frame baselines. */
const KIND_RANK: Readonly<Record<ModelKind, number>> = { ensemble: 0, 'temporal model': 1, 'speech model': 2, rolling: 3, 'per-frame baseline': 4 };

/**
 * Every model of `report`, sorted by accuracy then weighted F1 (both descending); ties keep our
 * answer and ensembles above single models, then go by name.
 */
export function modelBars(report: EvaluationReport): ModelBar[] {
  return Object.entries(report.models)
    .map(([model, m]) => ({
      model,
      kind: kindOf(model),
      headline: model === report.ensemble?.name,
      accuracy: m.accuracy * 100,
      weightedF1: m.weightedF1 * 100,
    }))
    .sort(
      (a, b) =>
        b.accuracy - a.accuracy ||
        b.weightedF1 - a.weightedF1 ||
        Number(b.headline) - Number(a.headline) ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        a.model.localeCompare(b.model),
    );
}

/**
 * Accuracy of a uniform guess among the classes that occur as labels in the folder, in percent
 * (100/6 for six present classes); null before any clip.
 */
export function chancePercent(report: EvaluationReport): number | null {
  const present = new Set(report.perClip.map((c) => c.label));
  return present.size > 0 ? 100 / present.size : null;
}
