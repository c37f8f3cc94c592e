/** Accuracy, weighted F1 and mean ± std per-class accuracy as in the paper's Tables 3–6 (§6.2, eqs. 34–35). */
import { EMOTION_LABELS } from '../labels';
import { argmax, mean, populationStd } from '../vector';
import { checkLabels, confusionMatrix, normalizeRows } from './confusion-matrix';

/** Metrics of one class. */
export interface ClassMetrics {
  readonly label: string;
  readonly index: number;
  /** False when the class has no true examples: its accuracy is absent, not 0 % or 100 %. */
  readonly present: boolean;
  /** Number of true examples. */
  readonly support: number;
  /** Recall = the diagonal of the normalised confusion matrix (per-class accuracy); null when absent. */
  readonly accuracy: number | null;
  /** TP / (TP + FP); null when the class is never predicted. */
  readonly precision: number | null;
  /** 2PR / (P + R), 0 when P + R = 0 or the class is never predicted; null when absent. */
  readonly f1: number | null;
}

/** Everything the paper's tables report, plus the confusion matrices. */
export interface ClassificationReport {
  readonly total: number;
  readonly accuracy: number;
  /** F1 averaged over present classes weighted by support (scikit-learn 'weighted'). */
  readonly weightedF1: number;
  /** Mean of the per-class accuracies of present classes. */
  readonly meanAcc: number;
  /** Population standard deviation (ddof = 0, numpy's default) of those accuracies. */
  readonly stdAcc: number;
  readonly perClass: ClassMetrics[];
  readonly confusion: { readonly counts: number[][]; readonly normalized: (number[] | null)[] };
}

/** Fraction of examples whose prediction equals the true class. */
export function accuracy(yTrue: readonly number[], yPred: readonly number[]): number {
  if (yTrue.length !== yPred.length || yTrue.length === 0) throw new TypeError('accuracy: need equal-length, non-empty label lists');
  return yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length;
}

/** Predicted class per row: the argmax (first on ties). */
export function predictFromProbabilities(probabilities: readonly (readonly number[])[]): number[] {
  return probabilities.map((row) => argmax(row));
}

/** Per-class metrics, accuracy, weighted F1, mean ± std per-class accuracy and confusion matrices. */
export function classificationReport(
  yTrue: readonly number[],
  yPred: readonly number[],
  labels: readonly string[] = EMOTION_LABELS,
): ClassificationReport {
  checkLabels(yTrue, yPred, labels.length);
  const counts = confusionMatrix(yTrue, yPred, labels.length);
  const perClass = labels.map((label, c): ClassMetrics => {
    const support = counts[c]!.reduce((s, x) => s + x, 0);
    const predicted = counts.reduce((s, row) => s + row[c]!, 0);
    const tp = counts[c]![c]!;
    const present = support > 0;
    const recall = present ? tp / support : null;
    const precision = predicted > 0 ? tp / predicted : null;
    const p = precision ?? 0;
    const f1 = recall === null ? null : p + recall > 0 ? (2 * p * recall) / (p + recall) : 0;
    return { label, index: c, present, support, accuracy: recall, precision, f1 };
  });
  const present = perClass.filter((m) => m.present);
  const accs = present.map((m) => m.accuracy!);
  return {
    total: yTrue.length,
    accuracy: accuracy(yTrue, yPred),
    weightedF1: present.reduce((s, m) => s + m.f1! * m.support, 0) / yTrue.length,
    meanAcc: mean(accs),
    stdAcc: populationStd(accs),
    perClass,
    confusion: { counts, normalized: normalizeRows(counts) },
  };
}

/** Weighted F1 alone (see {@link classificationReport}). */
export function weightedF1(yTrue: readonly number[], yPred: readonly number[], numClasses: number = EMOTION_LABELS.length): number {
  return classificationReport(yTrue, yPred, Array.from({ length: numClasses }, (_, i) => String(i))).weightedF1;
}
