/**
 * Evaluating a labelled folder in the app: its clips go through the file runner one after another
 * and each clip's predicted labels through the pure folder evaluation (src/shared/evaluate-folder.ts);
 * the confusion matrices fill in as clips finish. A folder of videos labelled neither way (no
 * labels file, no emotion folders) gets each clip's answers instead, alone and calibrated to its
 * person's group: the same run, scored against nothing.
 */
import { CanceledError, describeError, EmolensError } from '../errors';
import { answerOf } from '../shared/ensemble-config';
import { buildEvaluationReport, runFolderEvaluation, shownAnswerSummary, type ClipAnalysed, type ClipAnswer, type ClipOutcome } from '../shared/evaluate-folder';
import { clipNames, folderLabels, folderPlan, isVideoPath, labelsFileIndex } from '../shared/folder-labels';
import { pathOf } from './dropped-files';
import { EMOLENS_ANSWER, FRAME_AVERAGE } from '../shared/prediction-keys';
import type { EmotionLabel } from '../core/labels';
import type { FileRunner } from './file-runner';
import type { Results, RunContext } from './results';
import type { RunSlot } from './run-slot';
import { calibrateFolder, groupFolder, keptClip, predictLabels, type KeptClip } from './person-calibration';

/** Folder runs. */
export interface FolderRunner {
  /** Evaluates the clips in `files` against the labels.csv among them (`file,label`), or else their folders' names; unlabelled, answers them. */
  open(files: readonly File[]): Promise<void>;
  /** The last folder's name (its first path segment), for the exported files. */
  readonly name: string;
  /**
   * Opens the last folder's clip `name` (as its table names it) in the player, analysed as a single
   * file; the folder's results stay on the page. Nothing while the folder still runs, or for a name
   * it did not hold.
   */
  openClip(name: string): Promise<void>;
}

/** Creates the folder runner of a page; each clip is analysed by `files`. */
export function createFolderRunner({
  client,
  store,
  slot,
  results,
  files: fileRunner,
}: Pick<RunContext, 'store' | 'client'> & { slot: RunSlot; results: Results; files: FileRunner }): FolderRunner {
  const s = store.getState;
  let name = 'folder';
  // The last folder's videos by clip name, for opening one from its table.
  let lastVideos = new Map<string, File>();

  return {
    get name() {
      return name;
    },
    async openClip(clipName) {
      const file = lastVideos.get(clipName);
      const { phase } = s().evaluation;
      if (!file || phase === 'idle' || phase === 'running') return;
      s().folderClipOpened(clipName);
      await fileRunner.open(file, true);
    },
    async open(files) {
      const labelsFile = files[labelsFileIndex(files.map(pathOf))];
      // With a labels.csv every other file may be listed (one that is not a video fails with its
      // reason); labelled by folders, only videos are clips (not a README beside them).
      const candidates = files.filter((f) => f !== labelsFile && (labelsFile !== undefined || isVideoPath(pathOf(f))));
      const paths = candidates.map(pathOf);
      const names = clipNames(paths);
      const videos = new Map(candidates.map((f, i) => [names.get(paths[i]!)!, f]));
      // A folder that labels no clip is told so before anything starts: what the page showed stays.
      let text: string | null = null;
      try {
        if (labelsFile) text = await labelsFile.text();
      } catch (error) {
        s().pushNotice('error', `${labelsFile!.name}: ${describeError(error)}`);
        return;
      }
      const parsed = folderLabels(paths, text, labelsFile?.name);
      // Without a labels file only videos are candidates: their count is the videos'.
      const plan = folderPlan(parsed, videos.size, files.length);
      if (plan.kind === 'refuse') {
        s().pushNotice('error', plan.message);
        return;
      }
      // Videos labelled neither way: each clip's answers, scored against nothing.
      const unlabelled = plan.kind === 'answer';
      name = pathOf(files[0]!).split('/').slice(0, -1)[0] || 'folder';
      const run = slot.begin(name, 'folder');
      lastVideos = videos;
      try {
        // emolens's own answer: the one ensemble.json names (chosen without this data), or `general`
        // on a clip unlike the training footage; its row is EMOLENS_ANSWER.
        const trained = await results.ensurePredictor();
        const aloneAnswer = trained ? answerOf(trained.ensemble).name : null;
        const calAnswer = trained ? answerOf(trained.ensemble, true) : null;
        const answers = aloneAnswer && calAnswer ? { alone: aloneAnswer, calibrated: calAnswer.name } : undefined;
        // Each clip's main track and speech, kept until the folder ends: its person's reference.
        const kept = new Map<string, KeptClip>();
        const analyse = async (file: File, clipName: string): Promise<ClipAnalysed> => {
          s().resetAnalysis();
          s().videoOpening(clipName, 'folder');
          s().evaluationClip(clipName);
          const report = await fileRunner.analyse(file, run, false).catch((error: unknown) => {
            if (!run.signal.aborted) s().videoFailed();
            throw error;
          });
          if (!report) throw new CanceledError();
          const clip = await keptClip(results.session, s().analysis.votingConfig);
          if (clip) kept.set(clipName, clip);
          const labels: Record<string, EmotionLabel> = Object.fromEntries(Object.entries(report.predictions).map(([m, p]) => [m, p.label]));
          // What the page showed for this clip (the shipped answer, or `general` off our footage): scored like a model.
          const shown = report.predictions[report.answer ?? FRAME_AVERAGE];
          if ((aloneAnswer || unlabelled) && shown) labels[EMOLENS_ANSWER] = shown.label;
          if (Object.keys(labels).length === 0) throw new EmolensError(report.warnings[0] ?? 'No face was found in this video.');
          return { predicted: labels, familiarity: report.familiarity, ...(report.conversion && { converted: report.conversion.cause }) };
        };
        // Person calibration: the clips grouped by face, each predicted again against its group.
        const calibrate = async <O extends ClipAnswer>(outcomes: readonly O[]) => {
          s().evaluationClip('calibrating per person');
          const groups = groupFolder(outcomes.map((o) => o.file), kept);
          const predict = (clip: KeptClip['clip'], reference: readonly KeptClip['clip'][] | null) => predictLabels(client, clip, reference);
          const calibrated = trained ? await calibrateFolder(outcomes, kept, groups, predict, run.signal, answers) : [...outcomes];
          return { groups, calibrated };
        };
        const hooks = { signal: run.signal, describe: describeError };

        if (unlabelled) {
          s().answersStarted(videos.size);
          // In name order (a folder's listing comes in the browser's order): take2 before take10.
          const clips = [...videos.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((file) => ({ file }));
          const outcomes = await runFolderEvaluation(clips, videos, {
            ...hooks,
            analyze: (file, clip) => analyse(file, clip.file),
            onClip: (outcomes) => {
              if (!run.signal.aborted) s().answersProgress([...outcomes]);
            },
          });
          if (run.signal.aborted) return;
          s().answersProgress(outcomes);
          const { groups, calibrated } = await calibrate(outcomes);
          s().answersCalibrated(calibrated, groups);
          s().evaluationDone();
          return;
        }

        const ensemble = aloneAnswer ? shownAnswerSummary(aloneAnswer) : null;
        const labelsDatasets = parsed.datasets?.length ? { labelsDatasets: parsed.datasets } : {};
        const reportOf = (outcomes: readonly ClipOutcome[]) => ({ ...buildEvaluationReport(outcomes, parsed.errors, ensemble), labelsFrom: parsed.source, ...labelsDatasets });
        s().evaluationStarted(parsed.clips.length, parsed.errors, parsed.source, parsed.datasets);
        const outcomes = await runFolderEvaluation(parsed.clips, videos, {
          ...hooks,
          analyze: (file, labelled) => analyse(file, labelled.file),
          onClip: (outcomes) => {
            if (!run.signal.aborted) s().evaluationProgress([...outcomes], reportOf(outcomes));
          },
        });
        if (run.signal.aborted) return;
        const report = reportOf(outcomes);
        s().evaluationProgress(outcomes, report);
        const { groups, calibrated } = await calibrate(outcomes);
        const calEnsemble = calAnswer && shownAnswerSummary(calAnswer.name);
        s().evaluationCalibrated(calibrated, { ...report, calibrated: { models: buildEvaluationReport(calibrated).models, groups, ensemble: calEnsemble } });
        s().evaluationDone();
      } catch (error) {
        if (slot.fail(run, error, `${name}: `)) s().evaluationDone();
      } finally {
        slot.finish(run);
      }
    },
  };
}
