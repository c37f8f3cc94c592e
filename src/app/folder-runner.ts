/**
 * Evaluating a labelled folder in the app: its clips go through the file runner one after another
 * and each clip's predicted labels through the pure folder evaluation (src/shared/evaluate-folder.ts);
 * the confusion matrices fill in as clips finish.
 */
import { CanceledError, describeError, EmolensError } from '../errors';
import { answerOf } from '../shared/ensemble-config';
import { baseName, buildEvaluationReport, LABELS_FILE, parseLabelsCsv, runFolderEvaluation } from '../shared/evaluate-folder';
import type { FileRunner } from './file-runner';
import type { Results, RunContext } from './results';
import type { RunSlot } from './run-slot';

/** Folder runs. */
export interface FolderRunner {
  /** Evaluates the clips in `files` against the labels.csv among them (`file,label`). */
  open(files: readonly File[]): Promise<void>;
  /** The last folder's name (its first path segment), for the exported files. */
  readonly name: string;
}

/** Creates the folder runner of a page; each clip is analysed by `files`. */
export function createFolderRunner({ store, slot, results, files: fileRunner }: Pick<RunContext, 'store'> & { slot: RunSlot; results: Results; files: FileRunner }): FolderRunner {
  const s = store.getState;
  let name = 'folder';

  return {
    get name() {
      return name;
    },
    async open(files) {
      const labelsFile = files.find((f) => baseName(f.name).toLowerCase() === LABELS_FILE);
      name = files[0]?.webkitRelativePath?.split('/')[0] || 'folder';
      const run = slot.begin(name, 'folder');
      if (!labelsFile) {
        s().videoIdle();
        s().pushNotice('error', `These files include no ${LABELS_FILE}. Add one with the columns "file,label" to evaluate a folder, or drop a single video.`);
        slot.finish(run);
        return;
      }
      const videos = new Map(files.filter((f) => f !== labelsFile).map((f) => [baseName(f.name), f]));
      try {
        const parsed = parseLabelsCsv(await labelsFile.text(), new Set(videos.keys()));
        // emolens's own answer is the ensemble ensemble.json names (chosen without this data).
        const trained = await results.ensurePredictor();
        const ensemble = trained ? answerOf(trained.ensemble) : null;
        s().evaluationStarted(parsed.clips.length, parsed.errors);
        const outcomes = await runFolderEvaluation(parsed.clips, videos, {
          signal: run.signal,
          describe: describeError,
          analyze: async (file) => {
            s().resetAnalysis();
            s().videoOpening(file.name, 'folder');
            s().evaluationClip(file.name);
            const report = await fileRunner.analyse(file, run).catch((error: unknown) => {
              if (!run.signal.aborted) s().videoFailed();
              throw error;
            });
            if (!report) throw new CanceledError();
            const labels = Object.fromEntries(Object.entries(report.predictions).map(([m, p]) => [m, p.label]));
            if (Object.keys(labels).length === 0) throw new EmolensError(report.warnings[0] ?? 'No face was found in this video.');
            return labels;
          },
          onClip: (outcomes) => {
            if (!run.signal.aborted) s().evaluationProgress([...outcomes], buildEvaluationReport(outcomes, parsed.errors, ensemble));
          },
        });
        if (run.signal.aborted) return;
        s().evaluationProgress(outcomes, buildEvaluationReport(outcomes, parsed.errors, ensemble));
        s().evaluationDone();
      } catch (error) {
        if (slot.fail(run, error, `${name}: `)) s().evaluationDone();
      } finally {
        slot.finish(run);
      }
    },
  };
}
