/**
 * The Export buttons: the evaluate JSON and CSV of a folder (an unlabelled folder's answers), or
 * the analysis report and per-track CSV of a file, downloaded under the input's name.
 */
import type { AppStore } from '../store/app-store';
import { buildFolderAnswers } from '../shared/folder-answers';
import { analysisCsv, evaluationCsv, folderAnswersCsv } from './csv-export';
import { downloadText } from './download';
import type { Results } from './results';

/** The two downloads. */
export interface Exports {
  /** Downloads the evaluate JSON (folder) or the report (file). */
  json(): void;
  /** Downloads the CSV: one row per clip (folder) or per track (file). */
  csv(): void;
}

/** Creates the exports of a page; `folderName` names a folder's files. */
export function createExports({ store, results, folderName }: { store: AppStore; results: Results; folderName: () => string }): Exports {
  const s = store.getState;
  const fileBase = (file: string) => file.replace(/\.[^.]+$/, '');
  /** An unlabelled folder's answers; null for a labelled one. */
  const answers = () => {
    const ev = s().evaluation;
    return ev.mode === 'answers' ? buildFolderAnswers(ev.answers, ev.calibratedAnswers, ev.groups) : null;
  };
  return {
    json() {
      if (s().video.source === 'folder') {
        const report = answers() ?? s().evaluation.report;
        const kind = s().evaluation.mode === 'answers' ? 'answers' : 'evaluate';
        if (report) downloadText(`${folderName()}.${kind}.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
        return;
      }
      const report = results.report();
      if (report) downloadText(`${fileBase(report.file)}.emolens.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
    },
    csv() {
      if (s().video.source === 'folder') {
        const folderAnswers = answers();
        const report = s().evaluation.report;
        if (folderAnswers) downloadText(`${folderName()}.answers.csv`, folderAnswersCsv(folderAnswers), 'text/csv');
        else if (report) downloadText(`${folderName()}.evaluate.csv`, evaluationCsv(report), 'text/csv');
        return;
      }
      const report = results.report();
      const labels = results.trackLabels();
      if (report && labels) downloadText(`${fileBase(report.file)}.emolens.csv`, analysisCsv(report, labels), 'text/csv');
    },
  };
}
