/**
 * Audio-visual late fusion (not in the paper): w × speech + (1 − w) × a visual ensemble, with w
 * chosen on validation clips. The grid search is the whole "training": one number, little to overfit.
 */
import { accuracy, predictFromProbabilities } from '../metrics/classification-metrics';
import { weightedFusion, type ProbabilityMatrix } from './weighted';

/** Weights tried: 0, 0.05, …, 1. */
const GRID_STEPS = 20;

/** The fused probabilities for speech weight `weight`. */
export function audioVisualProbabilities(visual: ProbabilityMatrix, speech: ProbabilityMatrix, weight: number): number[][] {
  return weightedFusion([visual, speech], [1 - weight, weight]);
}

/** Mean log-probability of the true class (ties in accuracy go to the better-calibrated weight). */
function meanLogLikelihood(probs: readonly (readonly number[])[], labels: readonly number[]): number {
  return probs.reduce((s, p, i) => s + Math.log(Math.max(p[labels[i]!]!, 1e-12)), 0) / probs.length;
}

/** The speech weight most accurate on (`visual`, `speech`, `labels`); ties → higher likelihood, then lower weight. */
export function chooseSpeechWeight(visual: ProbabilityMatrix, speech: ProbabilityMatrix, labels: readonly number[]): { weight: number; accuracy: number } {
  if (labels.length === 0 || labels.length !== visual.length) throw new TypeError(`chooseSpeechWeight: ${labels.length} labels for ${visual.length} clips`);
  let best = { weight: 0, accuracy: -1, likelihood: -Infinity };
  for (let k = 0; k <= GRID_STEPS; k++) {
    const weight = k / GRID_STEPS;
    const probs = audioVisualProbabilities(visual, speech, weight);
    const acc = accuracy(labels, predictFromProbabilities(probs));
    const likelihood = meanLogLikelihood(probs, labels);
    if (acc > best.accuracy || (acc === best.accuracy && likelihood > best.likelihood)) best = { weight, accuracy: acc, likelihood };
  }
  return { weight: best.weight, accuracy: best.accuracy };
}
