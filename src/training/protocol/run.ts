/**
 * Runs the nested protocol over a feature cache: every head and candidate, each outer fold, pooled
 * scores, the two answers (each clip alone; calibrated to the person) and their reliability.
 */
import { frameAveragePredictions } from '../evaluation';
import type { CachedClip } from '../feature-cache';
import { CrossFitter, type ProtocolClip } from './cross-fit';
import { headSpecs, headVectors, isVisual, type HeadSpec } from './heads';
import type { PersonScale } from '../../core/calibration/person-normaliser';
import { outerFold, type OuterFold } from './nested';
import { candidateRecipes, single, type Recipe } from './recipes';
import { calibratedGeneral, noGeneralOpinion } from '../../core/general-emotion';
import { reliability, scoresOf, type Scores } from './summary';
import { FRAME_AVERAGE, GENERAL, GENERAL_CALIBRATED, HUMAN_EMOTION } from '../../shared/prediction-keys';

/** The heads and recipes of one protocol run, and which recipes each answer may be. */
export interface ProtocolPlan {
  heads: HeadSpec[];
  /** Outputs given per clip, not fitted (the untrained `general`, where the cache holds it). */
  given: string[];
  recipes: Recipe[];
  answerPools: Record<'alone' | 'calibrated', string[]>;
}

/**
 * Heads, recipes, and the two answer pools: the fixed candidates (recipes.ts ANSWER_CANDIDATES)
 * over the heads alone, and over their person-calibrated variants. A plan without a visual head
 * (`rotation --heads speech`) has nothing to fuse: its candidates are the speech heads.
 */
export function protocolPlan(heads: HeadSpec[] = headSpecs(), given: string[] = []): ProtocolPlan {
  const names = new Set([...heads.map((h) => h.name), ...given]);
  const forms = heads.some(isVisual)
    ? { alone: candidateRecipes(names, false), calibrated: candidateRecipes(names, true) }
    : { alone: heads.filter((h) => !h.calibrated).map((h) => single(h.name)), calibrated: heads.map((h) => single(h.name)) };
  const recipes = [...forms.alone, ...forms.calibrated.filter((r) => !forms.alone.some((a) => a.name === r.name))];
  return { heads, given, recipes, answerPools: { alone: forms.alone.map((r) => r.name), calibrated: forms.calibrated.map((r) => r.name) } };
}

/**
 * The outputs a cache gives each clip without fitting: `general` where any clip holds it (a clip
 * without it has no opinion), and `general-cal`, each clip's `general` over its actor's mean — the
 * actor's clips as the person's reference, as a folder's group is (no label is read).
 */
export function givenOutputs(cache: readonly CachedClip[]): Map<string, number[][]> {
  if (!cache.some((c) => c.meta.general)) return new Map();
  const byActor = new Map<string, number[][]>();
  for (const c of cache) {
    if (!c.meta.general) continue;
    if (!byActor.has(c.meta.actor)) byActor.set(c.meta.actor, []);
    byActor.get(c.meta.actor)!.push(c.meta.general.probs);
  }
  const orNone = (p: ArrayLike<number> | null | undefined) => Array.from(p ?? noGeneralOpinion());
  return new Map([
    [GENERAL, cache.map((c) => orNone(c.meta.general?.probs))],
    [GENERAL_CALIBRATED, cache.map((c) => orNone(calibratedGeneral(c.meta.general?.probs ?? null, byActor.get(c.meta.actor) ?? [])))],
  ]);
}

/** The protocol's JSON summary. */
export interface ProtocolSummary {
  clips: number;
  actors: string[];
  /** Pooled over the outer folds (each clip scored by the fold that held its actor out). */
  models: Record<string, Scores>;
  answers: Record<string, { scores: Scores; recipes: Record<string, string>; temperature: Record<string, number>; eceBefore: number; eceAfter: number }>;
  /** Per outer fold: each head's chosen L2 strength, and each calibrated head's chosen variant. */
  l2: Record<string, Record<string, number>>;
  variant: Record<string, Record<string, string>>;
  seconds: number;
  fits: number;
}

/** Protocol clips of a cache, in file order. */
export function protocolClips(cache: readonly CachedClip[]): ProtocolClip[] {
  return cache.map((c) => ({ file: c.meta.file, actor: c.meta.actor, label: c.meta.label }));
}

/** The fitter over a cache's clips and every head variant's vectors, and the spreads the scaled variants ship. */
export function createFitter(cache: readonly CachedClip[], plan: ProtocolPlan): { fitter: CrossFitter; personScales: Map<string, PersonScale> } {
  const { vectors, personScales } = headVectors(cache, plan.heads);
  const given = new Map([...givenOutputs(cache)].filter(([name]) => plan.given.includes(name)));
  return { fitter: new CrossFitter(protocolClips(cache), vectors, undefined, given), personScales };
}

/** What an outer fold keeps for the summary and for shipping (serialisable, so folds can run in other processes). */
export interface FoldResult {
  actor: string;
  clips: number[];
  probs: Record<string, number[][]>;
  answers: { key: string; recipe: string; temperature: number; probs: number[][]; raw: number[][] }[];
  /** Chosen λ per head. */
  l2: Record<string, number>;
  /** Chosen variant per head (the head itself, or its scaled variant). */
  variant: Record<string, string>;
  /** Per head variant and λ: the held-out actor's rows when trained on the other actors (the shipped selection reuses them). */
  paths: Record<string, (number[] | null)[][]>;
}

/** Runs the outer fold that holds out `actor`. */
export function runFold(fitter: CrossFitter, plan: ProtocolPlan, actor: string): FoldResult {
  const heads = plan.heads.map((h) => h.name);
  const fold: OuterFold = outerFold(fitter, heads, plan.recipes, actor, plan.answerPools);
  const inner = [...new Set(fitter.clips.map((c) => c.actor))].filter((a) => a !== actor);
  const variants = [...fitter.vectors.keys()];
  const paths = Object.fromEntries(variants.map((v) => [v, fitter.predictOutside(v, inner).byL2.map((rows) => rows.map((r) => (r ? [...r] : null)))]));
  return {
    actor,
    clips: fold.clips,
    probs: Object.fromEntries(fold.probs),
    answers: fold.answers,
    l2: Object.fromEntries(heads.map((h) => [h, fitter.l2s[fold.selection.choice.get(h)!.l2Index]!])),
    variant: Object.fromEntries(heads.map((h) => [h, fold.selection.choice.get(h)!.variant])),
    paths,
  };
}

/** Gives `fitter` the outer folds' fits, so a selection over all actors needs no refit. */
export function primeWithFolds(fitter: CrossFitter, folds: readonly FoldResult[]): void {
  for (const f of folds) {
    const inner = [...new Set(fitter.clips.map((c) => c.actor))].filter((a) => a !== f.actor);
    for (const [head, byL2] of Object.entries(f.paths)) fitter.prime(head, inner, { byL2: byL2.map((rows) => rows.map((r) => (r ? Float64Array.from(r) : null))) });
  }
}

/** Pooled scores of the outer folds (each clip scored by the fold that held its actor out). */
export function summarize(cache: readonly CachedClip[], plan: ProtocolPlan, folds: readonly FoldResult[], seconds: number, fits: number): ProtocolSummary {
  const clips = protocolClips(cache);
  const heads = plan.heads.map((h) => h.name);
  const order = folds.flatMap((f) => f.clips);
  const labels = order.map((i) => clips[i]!.label);
  const pooled = (get: (f: FoldResult) => number[][]) => folds.flatMap(get);
  const models: Record<string, Scores> = {};
  for (const source of ['face-api', 'fer'] as const) {
    const base = frameAveragePredictions(cache, source);
    const byFile = new Map(base.files.map((f, i) => [f, base.probs[i]!]));
    models[source === 'face-api' ? FRAME_AVERAGE : HUMAN_EMOTION] = scoresOf(order.map((i) => byFile.get(clips[i]!.file)!), labels);
  }
  // The general networks, untrained: a baseline in every table (a clip without them has no opinion).
  const general = givenOutputs(cache).get(GENERAL);
  if (general) models[GENERAL] = scoresOf(order.map((i) => general[i]!), labels);
  for (const name of [...heads, ...plan.recipes.map((r) => r.name)]) {
    if (!models[name]) models[name] = scoresOf(pooled((f) => f.probs[name]!), labels);
  }
  const answers: ProtocolSummary['answers'] = {};
  for (const key of Object.keys(plan.answerPools)) {
    const of = (f: FoldResult) => f.answers.find((a) => a.key === key)!;
    const raw = pooled((f) => of(f).raw);
    const scaled = pooled((f) => of(f).probs);
    answers[key] = {
      scores: scoresOf(raw, labels),
      recipes: Object.fromEntries(folds.map((f) => [f.actor, of(f).recipe])),
      temperature: Object.fromEntries(folds.map((f) => [f.actor, of(f).temperature])),
      ...reliability(raw, scaled, labels),
    };
  }
  const l2 = Object.fromEntries(folds.map((f) => [f.actor, f.l2]));
  const variant = Object.fromEntries(folds.map((f) => [f.actor, Object.fromEntries(plan.heads.filter((h) => h.calibrated).map((h) => [h.name, f.variant[h.name]!]))]));
  const actors = [...new Set(clips.map((c) => c.actor))].sort();
  return { clips: clips.length, actors, models, answers, l2, variant, seconds, fits };
}
