/**
 * Ensemble recipes (§5 and the audio-visual one): each is fitted on the heads' probabilities for
 * some clips with their labels and gives a FusionSpec (src/core/ensembles/fusion-spec.ts), the same
 * data the app applies. The nested protocol scores a recipe by fitting it on all inner actors but
 * one and applying it to that one, so a recipe that chooses members or weights is scored on clips
 * it did not choose them on.
 */
import { chooseSpeechWeight } from '../../core/ensembles/audio-visual';
import { bestSelection } from '../../core/ensembles/best-selection';
import { applyFusion, type FusionSpec } from '../../core/ensembles/fusion-spec';
import { accuracy, predictFromProbabilities } from '../../core/metrics/classification-metrics';
import { CALIBRATED_MODEL_SUFFIX, ensembleKey, GENERAL, SPEECH_MODEL, type EnsembleBaseName } from '../../shared/prediction-keys';

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

/**
 * The heads the fused candidates read: one per kind of evidence (face-api's face features, the FER
 * net's, the expression geometry, the scene around the person, the untrained general networks), so
 * their errors differ, which is what averaging and selecting need. The calibrated forms read each
 * one's person-calibrated variant where it has one (the scene has none; `general`'s is `general-cal`, divided by the person's mean, nothing fitted).
 */
export const CANDIDATE_POOL: readonly string[] = Object.freeze(['tp-face-lr', 'tp-fer-lr', 'tp-geo-lr', 'tp-ctx-l0-3', GENERAL]);

/** The speech head the audio-visual candidates mix in. */
export const CANDIDATE_SPEECH = SPEECH_MODEL;

/** What a candidate is built from, in one answer's form (alone or calibrated). */
interface CandidateParts {
  /** CANDIDATE_POOL in this form, the members the plan holds. */
  pool: string[];
  /** The speech head in this form, when the plan holds it. */
  speech?: string;
  /** A head (or `general`) in this form, when the plan holds it. */
  head(name: string): string | undefined;
  /** An ensemble's key in this form. */
  key(base: EnsembleBaseName): string;
}

/** One of the answer's candidates: fixed in code before any run, with why it is one. */
export interface Candidate {
  /** A head's name, `general`, or an ensemble's base name (its calibrated form adds `Cal`). */
  name: string;
  reason: string;
  /** Its recipe in one form; null when the plan lacks what it reads. */
  recipe(parts: CandidateParts): Recipe | null;
}

const singleHead = (name: string) => (parts: CandidateParts) => {
  const head = parts.head(name);
  return head ? single(head) : null;
};
const poolAverage = ({ pool, key }: CandidateParts) => (pool.length > 0 ? average(key('average'), pool) : null);

/**
 * The answer's candidates, the same few for each answer (alone: over the heads alone; calibrated:
 * over their person-calibrated variants). The nested protocol chooses among them, and chooses
 * inside them (a head's L2, Best Selection's members, the speech weight), on the inner actors only.
 * A short list on purpose: with 24 clips per actor, choosing among 44 recipes picked 5 different
 * winners in 7 folds, selection noise rather than a better answer.
 */
export const ANSWER_CANDIDATES: readonly Candidate[] = Object.freeze([
  {
    name: 'tp-face-lr',
    reason: "the strong baseline: one linear head on face-api's segment means; the answer should not fall below it",
    recipe: singleHead('tp-face-lr'),
  },
  {
    name: GENERAL,
    reason: 'untrained (HSEmotion and OpenCV FER averaged): nothing in it was fitted to our seven actors',
    recipe: singleHead(GENERAL),
  },
  {
    name: 'average',
    reason: '§5 average fusion of the pool, one head per kind of evidence: nothing fitted, errors that differ',
    recipe: poolAverage,
  },
  {
    name: 'audioVisual',
    reason: 'that average mixed with the voice (weight chosen in the inner folds): speech hears anger, fear and surprise the faces miss',
    recipe: (parts) => {
      const visual = poolAverage(parts);
      return visual && parts.speech ? audioVisualOf(parts.key('audioVisual'), visual, parts.speech) : null;
    },
  },
  {
    name: 'bestSelectionAudioVisual',
    reason: "§5 Best Selection over the pool and the speech head (members chosen in the inner folds): the paper's selection, among six members instead of 22",
    recipe: ({ pool, speech, key }) => (pool.length > 0 ? bestSelectionOf(key('bestSelectionAudioVisual'), speech ? [...pool, speech] : pool, speech ? [speech] : []) : null),
  },
]);

/**
 * The candidates' recipes over the heads (and given outputs such as `general`) in `available`;
 * `calibrated`: their person-calibrated forms, which read each head's `-cal` variant where the plan
 * has one (the scene has none; `general`'s is the given `general-cal`). A candidate with nothing to read is left out.
 */
export function candidateRecipes(available: ReadonlySet<string>, calibrated: boolean): Recipe[] {
  const form = (head: string) => (calibrated && available.has(head + CALIBRATED_MODEL_SUFFIX) ? head + CALIBRATED_MODEL_SUFFIX : head);
  const head = (name: string) => (available.has(form(name)) ? form(name) : undefined);
  const parts: CandidateParts = {
    pool: CANDIDATE_POOL.flatMap((m) => head(m) ?? []),
    speech: head(CANDIDATE_SPEECH),
    head,
    key: (base) => ensembleKey(base, calibrated),
  };
  return ANSWER_CANDIDATES.flatMap((c) => c.recipe(parts) ?? []);
}
