/**
 * The shipped split in every rotation, so ensembles can be judged on truly unseen actors: rotation i
 * tests actor i, validates (early stopping, Best Selection) on actor i + 1 and trains on the other
 * five. Pooled over the 7 rotations every clip is predicted once as a test clip and once as a
 * validation clip. Leave-one-actor-out (`--cv`) early-stops on the held-out actor itself, so its
 * numbers are optimistic; here neither a model nor an ensemble has seen its test actor.
 * Pure TypeScript (no tfjs): the joint fusion layer is fitted by the caller.
 */
import { audioVisualProbabilities, chooseSpeechWeight } from '../core/ensembles/audio-visual';
import { averageFusion } from '../core/ensembles/average';
import { bestSelection } from '../core/ensembles/best-selection';
import { metricsOf, type Predictions } from './evaluation';

/** Prediction files of a rotation run: test actors' and validation actors' probabilities. */
export const ROTATION_KINDS = ['rotate-test', 'rotate-val'] as const;
export type RotationKind = (typeof ROTATION_KINDS)[number];

/** One rotation: the unseen test actor and the validation actor. */
export interface Rotation {
  test: string;
  val: string;
}

/** Test actor i, validation actor i + 1 (cyclic), for the sorted actors. */
export function rotations(actors: readonly string[]): Rotation[] {
  if (actors.length < 3) throw new RangeError(`rotations: need at least 3 actors (train, validation, test), got ${actors.length}`);
  return actors.map((test, i) => ({ test, val: actors[(i + 1) % actors.length]! }));
}

/** One model's pooled rotation predictions. */
export interface RotationPredictions {
  test: Predictions;
  val: Predictions;
}

/** The rows of `p` whose clip file passes `keep`, in order. */
export function rowsWhere(p: Predictions, keep: (file: string) => boolean): Predictions {
  const rows = p.files.flatMap((f, i) => (keep(f) ? [i] : []));
  return { files: rows.map((i) => p.files[i]!), labels: rows.map((i) => p.labels[i]!), probs: rows.map((i) => p.probs[i]!) };
}

/** The rows of `p` whose clip belongs to `actor`. */
export function actorRows(p: Predictions, actor: string, actorOf: (file: string) => string): Predictions {
  return rowsWhere(p, (f) => actorOf(f) === actor);
}

/** An ensemble's pooled test predictions, and the members it used in each rotation. */
export interface RotationEnsemble {
  test: Predictions;
  members: { test: string; members: string[] }[];
}

/**
 * Fits a trained fusion on one rotation's validation actor and applies it to its test actor: the
 * members' validation probabilities (one matrix per model) with their labels, then the members'
 * test probabilities; returns the fused test probabilities. (The joint fusion layer, in tfjs.)
 */
export type RotationFusion = (valProbs: number[][][], valLabels: number[], testProbs: number[][][]) => Promise<number[][]>;

/**
 * Average (every model), Best Selection (chosen on each rotation's validation actor) and, given
 * `fitFusion`, a trained fusion (fitted there too) over the rotations, each tested on the rotation's
 * unseen test actor. Given the `speech` model's predictions, also the audio-visual fusion of the
 * average with it, its weight chosen on the validation actor.
 */
export async function rotationEnsembles(
  models: ReadonlyMap<string, RotationPredictions>,
  actorOf: (file: string) => string,
  fitFusion?: RotationFusion,
  speech?: RotationPredictions,
): Promise<{ average: RotationEnsemble; bestSelection: RotationEnsemble; jointFusion?: RotationEnsemble; audioVisual?: RotationEnsemble; speechWeights: { test: string; weight: number }[] }> {
  const names = [...models.keys()];
  if (names.length === 0) throw new TypeError('rotationEnsembles: no models');
  const actors = [...new Set(models.get(names[0]!)!.test.files.map(actorOf))].sort();
  const empty = (): RotationEnsemble => ({ test: { files: [], labels: [], probs: [] }, members: [] });
  const out = { average: empty(), bestSelection: empty(), ...(fitFusion ? { jointFusion: empty() } : {}), ...(speech ? { audioVisual: empty() } : {}) };
  const speechWeights: { test: string; weight: number }[] = [];
  for (const { test, val } of rotations(actors)) {
    const testRows = new Map(names.map((n) => [n, actorRows(models.get(n)!.test, test, actorOf)]));
    const valRows = new Map(names.map((n) => [n, actorRows(models.get(n)!.val, val, actorOf)]));
    const ref = testRows.get(names[0]!)!;
    for (const n of names) {
      if (testRows.get(n)!.files.join() !== ref.files.join()) throw new Error(`${n}: test clips of actor ${test} differ from ${names[0]}'s`);
    }
    const chosen = bestSelection(
      names.map((n) => ({ name: n, accuracy: metricsOf(valRows.get(n)!).accuracy, probabilities: valRows.get(n)!.probs })),
      valRows.get(names[0]!)!.labels,
    ).members;
    const add = (ensemble: RotationEnsemble, members: readonly string[], probs: number[][]) => {
      ensemble.test.files.push(...ref.files);
      ensemble.test.labels.push(...ref.labels);
      ensemble.test.probs.push(...probs);
      ensemble.members.push({ test, members: [...members] });
    };
    const average = averageFusion(names.map((n) => testRows.get(n)!.probs));
    add(out.average, names, average);
    add(out.bestSelection, chosen, averageFusion(chosen.map((n) => testRows.get(n)!.probs)));
    if (fitFusion && out.jointFusion) {
      const valProbs = names.map((n) => valRows.get(n)!.probs);
      add(out.jointFusion, names, await fitFusion(valProbs, valRows.get(names[0]!)!.labels, names.map((n) => testRows.get(n)!.probs)));
    }
    if (speech && out.audioVisual) {
      const [speechVal, speechTest] = [actorRows(speech.val, val, actorOf), actorRows(speech.test, test, actorOf)];
      if (speechTest.files.join() !== ref.files.join() || speechVal.files.join() !== valRows.get(names[0]!)!.files.join()) throw new Error(`speech: clips of actors ${test}/${val} differ from ${names[0]}'s`);
      const valAverage = averageFusion(names.map((n) => valRows.get(n)!.probs));
      const { weight } = chooseSpeechWeight(valAverage, speechVal.probs, speechVal.labels);
      add(out.audioVisual, [...names, 'speech'], audioVisualProbabilities(average, speechTest.probs, weight));
      speechWeights.push({ test, weight });
    }
  }
  return { ...out, speechWeights };
}
