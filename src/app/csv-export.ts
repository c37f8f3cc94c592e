/** CSV versions of the analyze report (one row per track), the evaluate JSON and an unlabelled folder's answers (one row per clip). */
import type { AnalysisReport } from '../shared/analysis-report';
import type { EvaluationReport } from '../shared/evaluate-folder';
import type { FolderAnswersReport } from '../shared/folder-answers';
import { FRAME_AVERAGE } from '../shared/prediction-keys';

/** Quotes a cell when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const toCsv = (rows: readonly (readonly (string | number | boolean | null | undefined)[])[]) =>
  rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/**
 * One row per track: its votes, whether it is the main track, and the label of its own frame
 * average (the clip-level predictions of every model are for the main track only).
 */
export function analysisCsv(report: AnalysisReport, trackLabels: ReadonlyMap<number, string>): string {
  const models = Object.keys(report.predictions);
  const header = ['file', 'track', 'frames', 'w_freq', 'w_size', 'w_prob', 'total', 'main', FRAME_AVERAGE, ...models.map((m) => `clip_${m}`)];
  const rows = report.tracks.map((t) => {
    const main = t.id === report.mainTrackId;
    return [
      report.file, t.id, t.frames, t.votes.freq, t.votes.size, t.votes.prob, t.votes.total, main,
      trackLabels.get(t.id) ?? '',
      ...models.map((m) => (main ? report.predictions[m]!.label : '')),
    ];
  });
  return toCsv([header, ...rows]);
}

/** One row per clip: file, true label, each model's prediction, and the failure reason if any. */
export function evaluationCsv(report: EvaluationReport): string {
  const models = Object.keys(report.models);
  const failures = new Map(report.failures.map((f) => [f.file, f.reason]));
  const rows = report.perClip.map((c) => [c.file, c.label, ...models.map((m) => c.predicted[m] ?? ''), failures.get(c.file) ?? '']);
  return toCsv([['file', 'label', ...models, 'failure'], ...rows]);
}

/** One row per clip of an unlabelled folder: its person, answer alone and calibrated, familiarity, failure, then every model's label. */
export function folderAnswersCsv(report: FolderAnswersReport): string {
  const models = [...new Set(report.clips.flatMap((c) => Object.keys(c.predicted)))];
  const header = ['file', 'person', 'answer', 'calibrated_answer', 'familiar', 'failure', ...models];
  const rows = report.clips.map((c) => [c.file, c.person, c.answer, c.calibrated, c.familiar, c.failure, ...models.map((m) => c.predicted[m] ?? '')]);
  return toCsv([header, ...rows]);
}
