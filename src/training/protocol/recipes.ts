/**
 * Ensemble recipes (§5 and the audio-visual one): each is fitted on the heads' probabilities for
 * some clips with their labels and gives a FusionSpec (src/core/ensembles/fusion-spec.ts), the same
 * data the app applies. The nested protocol scores a recipe by fitting it on all inner actors but
 * one and applying it to that one, so a recipe that chooses members or weights is scored on clips
 * it did not choose them on.
 */
import { chooseSpeechWeight } from '../../core/ensembles/audio-visual';
import { bestSelection } from '../../core/ensembles/best-selection';
import { applyFusion, jointFusionInput, type FusionSpec } from '../../core/ensembles/fusion-spec';
import { NUM_EMOTIONS } from '../../core/labels';
import { fitColumnScaler, scaleRow } from '../../core/learning/standardizer';
import { fitLogisticRegression } from '../../core/learning/logistic-regression';
import { accuracy, predictFromProbabilities } from '../../core/metrics/classification-metrics';
import { ensembleKey, type EnsembleBaseName } from '../../shared/prediction-keys';

/** Probabilities per head: probs[head][clip] (7 each). */
export type HeadProbs = ReadonlyMap<string, readonly (readonly number[])[]>;

/** A recipe: how to choose a fusion from labelled clips. */
export interface Recipe {
  name: string;
  fit(probs: HeadProbs, labels: readonly number[]): FusionSpec;
}

/** The fusion applied to every clip of `probs`. */
export function applyToRows(spec: FusionSpec, probs: HeadProbs): number[][] {
  const n = [...probs.values()][0]!.length;
  return Array.from({ length: n }, (_, i) => {
    const row: Record<string, readonly number[]> = {};
    for (const [m, rows] of probs) row[m] = rows[i]!;
    return applyFusion(spec, row)!;
  });
}

const rowsOf = (probs: HeadProbs, name: string) => {
  const rows = probs.get(name);
  if (!rows) throw new TypeError(`no probabilities for ${name}`);
  return rows;
};

/** One head as it is. */
export function single(name: string): Recipe {
  return { name, fit: () => ({ kind: 'single', member: name }) };
}

/** The mean of `pool` (§5 average fusion). */
export function average(name: string, pool: readonly string[]): Recipe {
  return { name, fit: () => ({ kind: 'average', members: [...pool] }) };
}

/**
 * The mean of `members`. When they mix speech models (`speech`: the pool's non-visual heads) with
 * visual heads it is written as the audio-visual mix it equals — the visual members' mean, then
 * each speech member mixed in with the weight that keeps every member at 1/n (the fusion is
 * linear) — so that a clip without speech still gets an answer from its visual members.
 */
export function averageOf(members: readonly string[], speech: readonly string[] = []): FusionSpec {
  const visual = members.filter((m) => !speech.includes(m));
  const heard = members.filter((m) => speech.includes(m));
  if (heard.length === 0 || visual.length === 0) return { kind: 'average', members: [...members] };
  let spec: FusionSpec = { kind: 'average', members: visual };
  heard.forEach((m, k) => {
    spec = { kind: 'audioVisual', visual: spec, speech: m, speechWeight: 1 / (visual.length + k + 1) };
  });
  return spec;
}

/** Best Selection (§5): greedy forward selection of members by the fused accuracy on the fitting clips; `speech` names the pool's speech heads. */
export function bestSelectionOf(name: string, pool: readonly string[], speech: readonly string[] = []): Recipe {
  return {
    name,
    fit(probs, labels) {
      const models = pool.map((m) => ({ name: m, probabilities: rowsOf(probs, m), accuracy: accuracy([...labels], predictFromProbabilities(rowsOf(probs, m))) }));
      return averageOf(bestSelection(models, labels).members, speech);
    },
  };
}

/** L2 of the joint fusion layer over the members' standardised log-probabilities (fixed: not tuned on labels). */
export const JOINT_FUSION_L2 = 0.1;

/** Joint late fusion (§5): a softmax layer over the members' log-probabilities, side by side. */
export function jointFusionOf(name: string, pool: readonly string[]): Recipe {
  return {
    name,
    fit(probs, labels) {
      const rows = labels.map((_, i) => jointFusionInput(pool, Object.fromEntries(pool.map((m) => [m, rowsOf(probs, m)[i]!]))));
      const scaler = fitColumnScaler(rows);
      const fit = fitLogisticRegression(rows.map((r) => scaleRow(r, scaler)), labels, { l2: JOINT_FUSION_L2, classes: NUM_EMOTIONS });
      // Fold the scaling into the layer: W/σ and b − Σ μ·W/σ, so the app feeds raw log-probabilities.
      const kernel = Array.from({ length: fit.inputs }, (_, j) => Array.from({ length: NUM_EMOTIONS }, (_, c) => fit.weights[j * NUM_EMOTIONS + c]! / scaler.scale[j]!));
      const bias = Array.from({ length: NUM_EMOTIONS }, (_, c) => kernel.reduce((b, row, j) => b - scaler.mean[j]! * row[c]!, fit.bias[c]!));
      return { kind: 'jointFusion', members: [...pool], kernel, bias };
    },
  };
}

/** w × speech + (1 − w) × the `visual` recipe's fusion, w chosen on the fitting clips. */
export function audioVisualOf(name: string, visual: Recipe, speech: string): Recipe {
  return {
    name,
    fit(probs, labels) {
      const v = visual.fit(probs, labels);
      const { weight } = chooseSpeechWeight(applyToRows(v, probs), rowsOf(probs, speech), labels);
      return { kind: 'audioVisual', visual: v, speech, speechWeight: weight };
    },
  };
}

/** The recipes the protocol compares for a pool of heads (`calibrated`: the pool's `…Cal` variants). */
export function recipesFor(pool: readonly string[], visual: readonly string[], speech: string | undefined, calibrated = false): Recipe[] {
  const out: Recipe[] = pool.map(single);
  if (visual.length === 0) return out; // speech alone (`rotation --heads speech`): nothing to fuse
  const key = (base: EnsembleBaseName) => ensembleKey(base, calibrated);
  const avg = average(key('average'), visual);
  const best = bestSelectionOf(key('bestSelection'), visual);
  out.push(avg, best, jointFusionOf(key('jointFusion'), visual));
  if (speech) {
    out.push(bestSelectionOf(key('bestSelectionAudioVisual'), pool, pool.filter((m) => !visual.includes(m))));
    out.push(audioVisualOf(key('audioVisual'), avg, speech), audioVisualOf(key('audioVisualBest'), best, speech));
  }
  return out;
}
