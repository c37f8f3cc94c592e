/** Pooled metrics of the protocol's outer predictions: what RESULTS.md and the JSON summary report. */
import { EMOTION_LABELS } from '../../core/labels';
import { classificationReport, predictFromProbabilities } from '../../core/metrics/classification-metrics';
import { expectedCalibrationError } from '../../core/calibration/temperature';

/** One model's or ensemble's scores over the unseen actors' clips. */
export interface Scores {
  accuracy: number;
  weightedF1: number;
  /** Recall per class in paper order; null for a class without clips (disgust). */
  perClassRecall: (number | null)[];
  /** counts[true][predicted]. */
  confusion: number[][];
}

/** Scores of `probs` against `labels`. */
export function scoresOf(probs: readonly (readonly number[])[], labels: readonly number[]): Scores {
  const r = classificationReport(labels, predictFromProbabilities(probs));
  return { accuracy: r.accuracy, weightedF1: r.weightedF1, perClassRecall: r.perClass.map((c) => c.accuracy), confusion: r.confusion.counts };
}

/** The answer's reliability: expected calibration error before and after temperature scaling. */
export function reliability(raw: readonly (readonly number[])[], scaled: readonly (readonly number[])[], labels: readonly number[]) {
  return { eceBefore: expectedCalibrationError(raw, labels), eceAfter: expectedCalibrationError(scaled, labels) };
}

const pct = (x: number | null) => (x === null ? '–' : (100 * x).toFixed(1));

/** A markdown table row: name, accuracy, weighted F1, recall per present class. */
export function markdownRow(name: string, s: Scores, present: readonly number[]): string {
  return `| ${name} | ${pct(s.accuracy)} | ${pct(s.weightedF1)} | ${present.map((c) => pct(s.perClassRecall[c]!)).join(' | ')} |`;
}

/** The header of those rows. */
export function markdownHeader(present: readonly number[]): string {
  return `| model | accuracy % | weighted F1 % | ${present.map((c) => `${EMOTION_LABELS[c]} %`).join(' | ')} |\n|---|---|---|${present.map(() => '---').join('|')}|`;
}
