/**
 * The nested leave-one-actor-out protocol. Outer loop: each actor in turn is the unseen person.
 * Everything chosen — each head's L2 strength (and, calibrated, whether it is scaled), ensemble
 * members and weights, the speech weight, which candidate is the answer, the confidence temperature —
 * is chosen by a leave-one-actor-out over the other actors only; the held-out actor's labels are
 * used for its score and nothing else.
 * `selectOn(all actors)` is the same procedure for the shipped models.
 */
import { applyTemperature, fitTemperature } from '../../core/calibration/temperature';
import { accuracy, predictFromProbabilities } from '../../core/metrics/classification-metrics';
import type { CrossFitter } from './cross-fit';
import { SCALED_SUFFIX } from './heads';
import { applyToRows, type HeadProbs, type Recipe } from './recipes';

/** What a selection over some actors chose, and the evidence. */
export interface Selection {
  actors: string[];
  /** Clip indices of those actors, in clip order. */
  clips: number[];
  /** Chosen variant (see variantsOf) and λ index per head. */
  choice: Map<string, HeadChoice>;
  /** Out-of-fold probabilities of every head at its chosen λ, rows aligned with `clips`. */
  oof: Map<string, number[][]>;
  /** Leave-one-actor-out accuracy of each recipe over `clips` (fitted without the scored actor). */
  scores: Map<string, number>;
  /** Those out-of-fold outputs, per recipe. */
  recipeOof: Map<string, number[][]>;
}

/** What the inner loop chose for one head: which of its variants (a name the fitter has vectors for) at which λ. */
export interface HeadChoice {
  variant: string;
  l2Index: number;
}

/** Mean negative log-likelihood of the true labels. */
export function meanNll(probs: readonly (readonly number[])[], labels: readonly number[]): number {
  return probs.reduce((s, p, i) => s - Math.log(Math.max(p[labels[i]!]!, 1e-12)), 0) / probs.length;
}

/** Index of the best option: highest accuracy, then lowest NLL, then first. */
function bestOf(options: readonly number[][][], labels: readonly number[]): number {
  let best = 0;
  let bestKey = [-1, Infinity];
  options.forEach((probs, k) => {
    const key = [accuracy([...labels], predictFromProbabilities(probs)), meanNll(probs, labels)];
    if (key[0]! > bestKey[0]! || (key[0] === bestKey[0] && key[1]! < bestKey[1]!)) {
      best = k;
      bestKey = key;
    }
  });
  return best;
}

/** The variants of `head` the fitter holds: itself, and its scaled variant when calibrated. */
export function variantsOf(fitter: CrossFitter, head: string): string[] {
  return [head, head + SCALED_SUFFIX].filter((v) => fitter.vectors.has(v));
}

/** Each head's variant, λ and out-of-fold probabilities, and each recipe's leave-one-actor-out score, over `actors`. */
export function selectOn(fitter: CrossFitter, heads: readonly string[], recipes: readonly Recipe[], actors: readonly string[]): Selection {
  const clips = fitter.clips.flatMap((c, i) => (actors.includes(c.actor) ? [i] : []));
  const labels = clips.map((i) => fitter.clips[i]!.label);
  const actorOf = clips.map((i) => fitter.clips[i]!.actor);
  const choice = new Map<string, HeadChoice>();
  const oof = new Map<string, number[][]>();
  for (const head of heads) {
    const variants = variantsOf(fitter, head);
    const choices = variants.flatMap((variant) => fitter.l2s.map((_, l2Index) => ({ variant, l2Index })));
    const paths = new Map(variants.map((v) => [v, actors.map((a) => fitter.predictOutside(v, actors.filter((b) => b !== a)))]));
    const options = choices.map(({ variant, l2Index }) => clips.map((i, n) => [...paths.get(variant)![actors.indexOf(actorOf[n]!)]!.byL2[l2Index]![i]!]));
    const k = bestOf(options, labels);
    choice.set(head, choices[k]!);
    oof.set(head, options[k]!);
  }
  for (const [name, rows] of fitter.given) oof.set(name, clips.map((i) => [...rows[i]!]));
  const scores = new Map<string, number>();
  const recipeOof = new Map<string, number[][]>();
  for (const recipe of recipes) {
    const out: number[][] = new Array(clips.length);
    for (const a of actors) {
      const fitRows = clips.flatMap((_, n) => (actorOf[n] !== a ? [n] : []));
      const testRows = clips.flatMap((_, n) => (actorOf[n] === a ? [n] : []));
      const subset = (rows: number[]): HeadProbs => new Map([...oof].map(([h, p]) => [h, rows.map((n) => p[n]!)]));
      const fitted = recipe.fit(subset(fitRows), fitRows.map((n) => labels[n]!));
      applyToRows(fitted, subset(testRows)).forEach((p, k) => (out[testRows[k]!] = p));
    }
    recipeOof.set(recipe.name, out);
    scores.set(recipe.name, accuracy(labels, predictFromProbabilities(out)));
  }
  return { actors: [...actors], clips, choice, oof, scores, recipeOof };
}

/** The recipe among `names` with the best leave-one-actor-out score (ties: lower NLL, then listed first). */
export function chooseAnswer(selection: Selection, names: readonly string[], labels: readonly number[]): string {
  return names[bestOf(names.map((n) => selection.recipeOof.get(n)!), innerLabels(selection, labels))]!;
}

/** The labels of the selection's own clips (the inner actors'), in its out-of-fold rows' order. */
function innerLabels(selection: Selection, labels: readonly number[]): number[] {
  return selection.clips.map((i) => labels[i]!);
}

/** One outer fold's probabilities for the held-out actor's clips. */
export interface OuterFold {
  actor: string;
  clips: number[];
  /** Per head (at its chosen λ) and per recipe (fitted on the inner out-of-fold outputs). */
  probs: Map<string, number[][]>;
  selection: Selection;
  /** The chosen answers (alone, calibrated) and their temperature-scaled probabilities. */
  answers: { key: string; recipe: string; temperature: number; probs: number[][]; raw: number[][] }[];
}

/**
 * Runs the outer fold that holds out `actor`; `answerPools` names the recipes each answer chooses
 * among; `actors`, the people of the protocol (default: every clip's actor — the transfer check adds
 * clips of other footage under names of their own, scored but never fitted).
 */
export function outerFold(
  fitter: CrossFitter,
  heads: readonly string[],
  recipes: readonly Recipe[],
  actor: string,
  answerPools: Readonly<Record<string, readonly string[]>>,
  actors?: readonly string[],
): OuterFold {
  const all = actors ?? [...new Set(fitter.clips.map((c) => c.actor))].sort();
  const selection = selectOn(fitter, heads, recipes, all.filter((a) => a !== actor));
  const labels = fitter.clips.map((c) => c.label);
  const clips = fitter.clips.flatMap((c, i) => (c.actor === actor ? [i] : []));
  const probs = recipeProbs(recipes, selection, labels, headProbsOutside(fitter, heads, selection, clips));
  const answers = Object.entries(answerPools).map(([key, pool]) => {
    const recipe = chooseAnswer(selection, pool, labels);
    const temperature = fitTemperature(selection.recipeOof.get(recipe)!, innerLabels(selection, labels));
    const raw = probs.get(recipe)!;
    return { key, recipe, temperature, raw, probs: raw.map((p) => applyTemperature(p, temperature)) };
  });
  return { actor, clips, probs, selection, answers };
}

/** Each head's probabilities for `clips` at the selection's choices, fitted on the selection's actors (and the given outputs). */
export function headProbsOutside(fitter: CrossFitter, heads: readonly string[], selection: Selection, clips: readonly number[]): Map<string, number[][]> {
  const headProbs = new Map<string, number[][]>();
  for (const head of heads) {
    const { variant, l2Index } = selection.choice.get(head)!;
    const path = fitter.predictOutside(variant, selection.actors).byL2[l2Index]!;
    headProbs.set(head, clips.map((i) => [...path[i]!]));
  }
  for (const [name, rows] of fitter.given) headProbs.set(name, clips.map((i) => [...rows[i]!]));
  return headProbs;
}

/** `headProbs` and every recipe's output over them, each recipe fitted on the selection's out-of-fold outputs. */
export function recipeProbs(recipes: readonly Recipe[], selection: Selection, labels: readonly number[], headProbs: ReadonlyMap<string, number[][]>): Map<string, number[][]> {
  const probs = new Map(headProbs);
  const inner = innerLabels(selection, labels);
  for (const recipe of recipes) {
    if (probs.has(recipe.name)) continue;
    probs.set(recipe.name, applyToRows(recipe.fit(selection.oof, inner), headProbs));
  }
  return probs;
}
