/**
 * Runs the nested protocol over a feature cache: every head and recipe, each outer fold, pooled
 * scores, the two answers (each clip alone; calibrated to the person) and their reliability.
 */
import { frameAveragePredictions } from '../evaluation';
import type { CachedClip } from '../feature-cache';
import { CrossFitter, type ProtocolClip } from './cross-fit';
import { CALIBRATED_SUFFIX, headSpecs, headVectors, isVisual, type HeadSpec } from './heads';
import { outerFold, type OuterFold } from './nested';
import { recipesFor, type Recipe } from './recipes';
import { reliability, scoresOf, type Scores } from './summary';

/** The heads and recipes of one protocol run, and which recipes each answer may be. */
export interface ProtocolPlan {
  heads: HeadSpec[];
  recipes: Recipe[];
  answerPools: Record<'alone' | 'calibrated', string[]>;
}

/** Heads, recipes, and the two answer pools: alone (uncalibrated heads only) and calibrated (all). */
export function protocolPlan(heads: HeadSpec[] = headSpecs()): ProtocolPlan {
  const alone = heads.filter((h) => !h.calibrated);
  const name = (hs: HeadSpec[]) => hs.map((h) => h.name);
  const speechOf = (hs: HeadSpec[]) => hs.find((h) => !isVisual(h))?.name;
  const aloneRecipes = recipesFor(name(alone), name(alone.filter(isVisual)), speechOf(alone));
  const calibrated = heads.filter((h) => h.calibrated);
  const calRecipes = recipesFor(name(heads), name(heads.filter(isVisual)), speechOf(calibrated), 'Cal').filter(
    (r) => !aloneRecipes.some((a) => a.name === r.name),
  );
  return {
    heads,
    recipes: [...aloneRecipes, ...calRecipes],
    answerPools: { alone: aloneRecipes.map((r) => r.name), calibrated: [...aloneRecipes, ...calRecipes].map((r) => r.name) },
  };
}

/** The protocol's JSON summary. */
export interface ProtocolSummary {
  clips: number;
  actors: string[];
  /** Pooled over the outer folds (each clip scored by the fold that held its actor out). */
  models: Record<string, Scores>;
  answers: Record<string, { scores: Scores; recipes: Record<string, string>; temperature: Record<string, number>; eceBefore: number; eceAfter: number }>;
  /** Per outer fold: each head's chosen L2 strength. */
  l2: Record<string, Record<string, number>>;
  seconds: number;
  fits: number;
}

/** Protocol clips of a cache, in file order. */
export function protocolClips(cache: readonly CachedClip[]): ProtocolClip[] {
  return cache.map((c) => ({ file: c.meta.file, actor: c.meta.actor, label: c.meta.label }));
}

/** Runs every outer fold; `log` gets a line per fold. */
export function runProtocol(
  cache: readonly CachedClip[],
  plan: ProtocolPlan = protocolPlan(),
  log: (line: string) => void = () => {},
): { summary: ProtocolSummary; folds: OuterFold[]; fitter: CrossFitter } {
  const started = performance.now();
  const clips = protocolClips(cache);
  const fitter = new CrossFitter(clips, headVectors(cache, plan.heads));
  const actors = [...new Set(clips.map((c) => c.actor))].sort();
  const heads = plan.heads.map((h) => h.name);
  const folds = actors.map((actor) => {
    const fold = outerFold(fitter, heads, plan.recipes, actor, plan.answerPools);
    log(`outer fold ${actor}: ${fold.answers.map((a) => `${a.key} = ${a.recipe}`).join(', ')} (${((performance.now() - started) / 1000).toFixed(0)} s, ${fitter.fits} fits)`);
    return fold;
  });
  // Pool: each clip's row comes from the fold that held its actor out.
  const order = folds.flatMap((f) => f.clips);
  const labels = order.map((i) => clips[i]!.label);
  const pooled = (get: (f: OuterFold) => number[][]) => folds.flatMap(get);
  const models: Record<string, Scores> = {};
  for (const source of ['face-api', 'fer'] as const) {
    const base = frameAveragePredictions(cache, source);
    const byFile = new Map(base.files.map((f, i) => [f, base.probs[i]!]));
    models[source === 'face-api' ? 'frameAverage' : 'humanEmotion'] = scoresOf(order.map((i) => byFile.get(clips[i]!.file)!), labels);
  }
  for (const name of [...heads, ...plan.recipes.map((r) => r.name)]) {
    if (!models[name]) models[name] = scoresOf(pooled((f) => f.probs.get(name)!), labels);
  }
  const answers: ProtocolSummary['answers'] = {};
  for (const key of Object.keys(plan.answerPools)) {
    const of = (f: OuterFold) => f.answers.find((a) => a.key === key)!;
    const raw = pooled((f) => of(f).raw);
    const scaled = pooled((f) => of(f).probs);
    answers[key] = {
      scores: scoresOf(raw, labels),
      recipes: Object.fromEntries(folds.map((f) => [f.actor, of(f).recipe])),
      temperature: Object.fromEntries(folds.map((f) => [f.actor, of(f).temperature])),
      ...reliability(raw, scaled, labels),
    };
  }
  const l2 = Object.fromEntries(folds.map((f) => [f.actor, Object.fromEntries(heads.map((h) => [h, fitter.l2s[f.selection.l2Index.get(h)!]!]))]));
  return { summary: { clips: clips.length, actors, models, answers, l2, seconds: (performance.now() - started) / 1000, fits: fitter.fits }, folds, fitter };
}

export { CALIBRATED_SUFFIX };
