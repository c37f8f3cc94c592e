/**
 * Evaluating a labelled folder (its labels: src/shared/folder-labels.ts): accumulating one
 * prediction per clip and model, and the evaluate JSON. Pure data and functions (no DOM, no tfjs),
 * so Node tests and the CLI share it; the UI drives it through `runFolderEvaluation`.
 */
import { EMOTION_LABELS, labelIndex, type EmotionLabel } from '../core/labels';
import { classificationReport } from '../core/metrics/classification-metrics';
import { EMOLENS_ANSWER, FRAME_AVERAGE, GENERAL } from './prediction-keys';
import type { AnalysisReport } from './analysis-report';
import type { LabelLineError, LabelledClip, LabelsSource } from './folder-labels';

/** What the analysis of one clip gives a folder: each model's predicted label, and how familiar the clip was. */
export interface ClipAnalysed {
  predicted: Record<string, EmotionLabel>;
  /** The clip's familiarity to the trained models (AnalysisReport's): why `general` answered it. */
  familiarity?: AnalysisReport['familiarity'];
  /** What this browser could not read of the clip, converted on the device first (AnalysisReport's `conversion.cause`). */
  converted?: string;
}

/** One clip's answers: each model's predicted label, or the reason it failed (an unlabelled folder's clips are only this). */
export interface ClipAnswer extends ClipAnalysed {
  file: string;
  /** Set when the clip could not be analysed; it then counts as wrong for every model. */
  failure?: string;
}

/** One labelled clip's outcome: its label, each model's predicted label, or the reason it failed. */
export interface ClipOutcome extends ClipAnswer {
  label: EmotionLabel;
}

/** Metrics of one model over the folder. */
export interface ModelEvaluation {
  accuracy: number;
  weightedF1: number;
  meanAcc: number;
  stdAcc: number;
  /** counts[true][predicted], paper label order: the clips the model answered. */
  confusion: number[][];
  /**
   * Per true label (paper order), the clips the model gave no answer for (the clip failed, or the
   * model is missing for it): counted wrong, in no column of `confusion` (no emotion was predicted).
   */
  unanswered: number[];
}

/** The evaluate JSON (what `npm run evaluate` writes). */
export interface EvaluationReport {
  labels: EmotionLabel[];
  clips: number;
  models: Record<string, ModelEvaluation>;
  /**
   * emolens's own answer as the page shows it: the EMOLENS_ANSWER row, made of the answer
   * ensemble.json names (members[0]) and `general` (members[1], on clips unlike the training
   * footage); null without trained models.
   */
  ensemble: EnsembleSummary | null;
  /** Each clip's label and predictions, its familiarity (when measured: unfamiliar clips are answered by `general`) and what was converted. */
  perClip: Pick<ClipOutcome, 'file' | 'label' | 'predicted' | 'familiarity' | 'converted'>[];
  failures: { file: string; reason: string }[];
  /** labels.csv lines (or, labelled by folder names, clips) that were skipped, with their line numbers (0 for a clip). */
  labelErrors: LabelLineError[];
  /** Where the labels came from: the folder's labels file (its name), or its layout (`folders`: folder names, `happy/001.mp4`, or a dataset's file names). */
  labelsFrom?: LabelsSource;
  /** Datasets whose file naming labelled clips (`RAVDESS`: `01-01-03-…`), when no labels file did. */
  labelsDatasets?: string[];
  /**
   * Person calibration (docs/calibration.md): the clips grouped by face, and every model again with
   * each clip predicted against its group as reference. Absent until the whole folder is analysed.
   */
  calibrated?: { models: Record<string, ModelEvaluation>; groups: PersonGroup[]; ensemble: EnsembleSummary | null };
}

/** One person found in a folder (by face): the clips (file names, folder order), and whether they calibrate each other. */
export interface PersonGroup {
  id: number;
  clips: string[];
  /** True when the group has enough clips (MIN_REFERENCE_CLIPS) to be its own reference. */
  reference: boolean;
}

/**
 * Labels emolens's answer never gives: our training clips hold no disgust, so the trained heads
 * cannot answer it, and `general` sets the general networks' disgust aside with them (the paper's
 * seven classes are kept; docs/results.md). A folder of other footage may hold such clips.
 */
export const NEVER_ANSWERED: readonly EmotionLabel[] = ['disgust'];

/** What a labelled folder is told when some clips carry a label emolens never answers (they count as wrong); null for none. */
export function neverAnsweredNote(labels: readonly EmotionLabel[]): string | null {
  const counts = NEVER_ANSWERED.map((label) => [label, labels.filter((l) => l === label).length] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return null;
  const which = counts.map(([label, n]) => `${n} clip${n === 1 ? ' is' : 's are'} labelled ${label}`).join(', ');
  return `${which}, which emolens's answer never gives: its training clips hold none, and the general networks' ${counts.map(([l]) => l).join(' and ')} is set aside with them. Such clips count as wrong.`;
}

/** Every model name that appears in any outcome, in first-seen order. */
export function modelNames(outcomes: readonly ClipOutcome[]): string[] {
  const names = new Set<string>();
  for (const o of outcomes) for (const m of Object.keys(o.predicted)) names.add(m);
  return [...names];
}

/**
 * A clip a model did not answer (failure, or the model missing for that clip) counts as wrong, as a
 * class of its own that is never a clip's truth: it lowers its true class's recall and takes no
 * other class's precision. (Until 2026-12-05 it was scored as the next emotion in paper order, so a
 * file that was not a video showed as, say, happiness predicted neutrality.)
 */
const NO_ANSWER = EMOTION_LABELS.length;

/** The class `model` predicted for `outcome`, NO_ANSWER when it gave none. */
function predictedIndex(outcome: ClipOutcome, model: string): number {
  const p = outcome.predicted[model];
  return p === undefined ? NO_ANSWER : labelIndex(p);
}

/** Metrics of `model` over `outcomes` (failures count as wrong). */
export function evaluateModel(outcomes: readonly ClipOutcome[], model: string): ModelEvaluation {
  const yTrue = outcomes.map((o) => labelIndex(o.label));
  const yPred = outcomes.map((o) => predictedIndex(o, model));
  const r = classificationReport(yTrue, yPred, [...EMOTION_LABELS, 'no answer']);
  const rows = r.confusion.counts.slice(0, NO_ANSWER);
  return {
    accuracy: r.accuracy,
    weightedF1: r.weightedF1,
    meanAcc: r.meanAcc,
    stdAcc: r.stdAcc,
    confusion: rows.map((row) => row.slice(0, NO_ANSWER)),
    unanswered: rows.map((row) => row[NO_ANSWER]!),
  };
}

/** The ensemble a report names: a model key in `models` and the models it fuses. */
export interface EnsembleSummary {
  name: string;
  members: string[];
}

/**
 * The summary of emolens's answer as a folder scores it: the EMOLENS_ANSWER row, which is the
 * shipped answer `recipe` on clips like the training footage and `general` on the others.
 */
export function shownAnswerSummary(recipe: string): EnsembleSummary {
  return { name: EMOLENS_ANSWER, members: [recipe, GENERAL] };
}

/** Builds the evaluate JSON from the outcomes so far (works mid-run too). */
export function buildEvaluationReport(
  outcomes: readonly ClipOutcome[],
  labelErrors: readonly LabelLineError[] = [],
  ensemble: EnsembleSummary | null = null,
): EvaluationReport {
  const names = modelNames(outcomes);
  const models: Record<string, ModelEvaluation> = {};
  if (outcomes.length > 0) for (const m of names.length > 0 ? names : [FRAME_AVERAGE]) models[m] = evaluateModel(outcomes, m);
  return {
    labels: [...EMOTION_LABELS],
    clips: outcomes.length,
    models,
    ensemble: ensemble && { name: ensemble.name, members: [...ensemble.members] },
    perClip: outcomes.map((o) => ({
      file: o.file,
      label: o.label,
      predicted: { ...o.predicted },
      ...(o.familiarity !== undefined && { familiarity: o.familiarity }),
      ...(o.converted !== undefined && { converted: o.converted }),
    })),
    failures: outcomes.filter((o) => o.failure !== undefined).map((o) => ({ file: o.file, reason: o.failure! })),
    labelErrors: [...labelErrors],
  };
}

/** The clips (file names) in cell [truth][predicted] of `model`'s confusion matrix. */
export function clipsInCell(outcomes: readonly ClipOutcome[], model: string, truth: number, predicted: number): string[] {
  return outcomes
    // A clip without an answer (NO_ANSWER) is in no cell.
    .filter((o) => labelIndex(o.label) === truth && predictedIndex(o, model) === predicted)
    .map((o) => o.file);
}

/** Callbacks of {@link runFolderEvaluation} over clips `C` (labelled, or only named). */
export interface FolderRunHooks<F, C extends { file: string } = LabelledClip> {
  /** Analyses one clip and returns each model's predicted label (and its familiarity); throws when the clip fails. */
  analyze(file: F, clip: C): Promise<ClipAnalysed>;
  /** Called after each clip with all outcomes so far. */
  onClip?(outcomes: readonly (C & ClipAnswer)[]): void;
  /** Turns a thrown error into a sentence. */
  describe(error: unknown): string;
  signal?: AbortSignal;
}

/**
 * Runs the clips one after another (labelled: ClipOutcome; only named, an unlabelled folder's:
 * ClipAnswer). A failing clip is recorded with its reason (wrong for every model) and the run goes
 * on; an abort stops it between clips.
 */
export async function runFolderEvaluation<F, C extends { file: string } = LabelledClip>(
  clips: readonly C[],
  files: ReadonlyMap<string, F>,
  hooks: FolderRunHooks<F, C>,
): Promise<(C & ClipAnswer)[]> {
  const outcomes: (C & ClipAnswer)[] = [];
  for (const clip of clips) {
    hooks.signal?.throwIfAborted();
    const file = files.get(clip.file);
    let outcome: C & ClipAnswer;
    if (file === undefined) outcome = { ...clip, predicted: {}, failure: 'The file is missing.' };
    else {
      try {
        outcome = { ...clip, ...(await hooks.analyze(file, clip)) };
      } catch (error) {
        hooks.signal?.throwIfAborted();
        outcome = { ...clip, predicted: {}, failure: hooks.describe(error) };
      }
    }
    outcomes.push(outcome);
    hooks.onClip?.(outcomes);
  }
  return outcomes;
}
