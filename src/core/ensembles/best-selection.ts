/** Best Selection ensemble (§5, eqs. 31–33): greedy model combinations scored by fused accuracy. */
import { accuracy, predictFromProbabilities } from '../metrics/classification-metrics';
import { averageFusion } from './average';
import type { ProbabilityMatrix } from './weighted';

/** Paper (§5): at most T = 5 models in a combination. */
export const DEFAULT_MAX_MODELS = 5;

/** One candidate model: its name, validation accuracy, and per-clip probabilities on the validation clips. */
export interface EnsembleModel {
  readonly name: string;
  readonly accuracy: number;
  readonly probabilities: ProbabilityMatrix;
}

/** One test of a candidate during the search. */
export interface SelectionStep {
  /** Name of the first model M_s1 of this search. */
  readonly start: string;
  /** Members before the test (Close). */
  readonly members: string[];
  readonly candidate: string;
  readonly accuracyBefore: number;
  readonly accuracyWith: number;
  readonly accepted: boolean;
}

/** A combination found from one first model, with its fused accuracy. */
export interface Combination {
  readonly members: string[];
  readonly accuracy: number;
}

/** Result: the chosen members, their fused accuracy, every combination (Select) and the trace. */
export interface BestSelectionOutput {
  readonly members: string[];
  readonly accuracy: number;
  readonly combinations: Combination[];
  readonly trace: SelectionStep[];
}

/** Eq. 31: accuracy of the average fusion of `models` against class indices `labels`. */
export function fusedAccuracy(models: readonly ProbabilityMatrix[], labels: readonly number[]): number {
  return accuracy(labels, predictFromProbabilities(averageFusion(models)));
}

/**
 * Sorts models by accuracy (descending, stable); from each model in turn as the first, repeatedly
 * adds the left-most remaining model that strictly raises the fused accuracy while the combination
 * has at most `maxModels` members; returns the most accurate combination, ties → fewest models,
 * then the earliest found.
 */
export function bestSelection(
  models: readonly EnsembleModel[],
  labels: readonly number[],
  maxModels: number = DEFAULT_MAX_MODELS,
): BestSelectionOutput {
  if (models.length === 0) throw new TypeError('bestSelection: no models');
  if (!Number.isInteger(maxModels) || maxModels < 1) throw new TypeError(`bestSelection: maxModels must be a positive integer, got ${maxModels}`);
  if (new Set(models.map((m) => m.name)).size !== models.length) throw new TypeError('bestSelection: model names must be unique');
  const sorted = models.map((m, i) => ({ m, i })).sort((a, b) => b.m.accuracy - a.m.accuracy || a.i - b.i).map(({ m }) => m);
  const score = (set: readonly EnsembleModel[]): number => fusedAccuracy(set.map((m) => m.probabilities), labels);
  const trace: SelectionStep[] = [];
  const combinations: Combination[] = sorted.map((first) => {
    const close = [first];
    let open = sorted.filter((m) => m !== first);
    let current = score(close);
    let added = true;
    while (added && close.length < maxModels) {
      added = false;
      for (const candidate of open) {
        const withCandidate = score([...close, candidate]);
        const accepted = withCandidate > current;
        trace.push({ start: first.name, members: close.map((m) => m.name), candidate: candidate.name, accuracyBefore: current, accuracyWith: withCandidate, accepted });
        if (!accepted) continue;
        close.push(candidate);
        open = open.filter((m) => m !== candidate);
        current = withCandidate;
        added = true;
        break;
      }
    }
    return { members: close.map((m) => m.name), accuracy: current };
  });
  let best = combinations[0]!;
  for (const c of combinations) {
    if (c.accuracy > best.accuracy || (c.accuracy === best.accuracy && c.members.length < best.members.length)) best = c;
  }
  return { members: best.members, accuracy: best.accuracy, combinations, trace };
}
