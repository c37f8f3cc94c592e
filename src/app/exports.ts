/**
 * The Export buttons: the evaluate JSON and CSV of a folder, or the analysis report and per-track
 * CSV of a file, downloaded under the input's name.
 */
import type { AppStore } from '../store/app-store';
import { analysisCsv, evaluationCsv } from './csv-export';
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
  return {
    json() {
      if (s().video.source === 'folder') {
        const report = s().evaluation.report;
        if (report) downloadText(`${folderName()}.evaluate.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
        return;
      }
      const report = results.report();
      if (report) downloadText(`${fileBase(report.file)}.emolens.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
    },
    csv() {
      if (s().video.source === 'folder') {
        const report = s().evaluation.report;
        if (report) downloadText(`${folderName()}.evaluate.csv`, evaluationCsv(report), 'text/csv');
        return;
      }
      const report = results.report();
      const labels = results.trackLabels();
      if (report && labels) downloadText(`${fileBase(report.file)}.emolens.csv`, analysisCsv(report, labels), 'text/csv');
    },
  };
}
