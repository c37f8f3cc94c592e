import type { StateCreator } from 'zustand/vanilla';
import type { ClipAnswer, ClipOutcome, EvaluationReport, PersonGroup } from '../shared/evaluate-folder';
import type { LabelLineError, LabelsSource } from '../shared/folder-labels';
import type { AppState } from './app-store';

/** A folder run: a labelled folder's evaluation (progress, outcomes per clip, the metrics so far), or an unlabelled folder's answers. */
export interface EvaluationSlice {
  evaluation: {
    /** `labelled`: scored against its labels; `answers`: videos without labels, each clip's answers only. */
    mode: 'labelled' | 'answers';
    /** `canceled`: the user stopped it; the clips evaluated before stay, metrics cover them only. */
    phase: 'idle' | 'running' | 'done' | 'canceled';
    total: number;
    done: number;
    /** File being analysed now. */
    current?: string;
    outcomes: ClipOutcome[];
    /** Each clip predicted again with its person's group as reference (report.calibrated), once the folder is done. */
    calibratedOutcomes: ClipOutcome[];
    report: EvaluationReport | null;
    labelErrors: LabelLineError[];
    /** Where the labels came from: the labels file's name, or the folder names (`happy/001.mp4`). */
    labelsFrom: LabelsSource;
    /** Without a labels file, the datasets whose file names labelled clips (`RAVDESS`); empty for none. */
    labelsDatasets: string[];
    /** When the run began (Date.now()), for the time left (src/shared/time-left.ts); 0 while idle. */
    startedAtMs: number;
    /** An unlabelled folder's clips (mode `answers`), and once it is done each clip calibrated to its person's group. */
    answers: ClipAnswer[];
    calibratedAnswers: ClipAnswer[];
    groups: PersonGroup[];
    /** The folder's clip open in the player (picked from its table once the folder is done); the folder's results stay. */
    openedClip: string | null;
  };
  evaluationStarted(total: number, labelErrors: LabelLineError[], labelsFrom?: LabelsSource, labelsDatasets?: string[]): void;
  evaluationClip(current: string | undefined): void;
  evaluationProgress(outcomes: ClipOutcome[], report: EvaluationReport): void;
  evaluationCalibrated(calibratedOutcomes: ClipOutcome[], report: EvaluationReport): void;
  evaluationDone(): void;
  resetEvaluation(): void;
  answersStarted(total: number): void;
  answersProgress(answers: ClipAnswer[]): void;
  answersCalibrated(calibratedAnswers: ClipAnswer[], groups: PersonGroup[]): void;
  folderClipOpened(name: string): void;
}

const idle: EvaluationSlice['evaluation'] = {
  mode: 'labelled',
  phase: 'idle',
  total: 0,
  done: 0,
  outcomes: [],
  calibratedOutcomes: [],
  report: null,
  labelErrors: [],
  labelsFrom: 'labels.csv',
  labelsDatasets: [],
  startedAtMs: 0,
  answers: [],
  calibratedAnswers: [],
  groups: [],
  openedClip: null,
};

/** Creates the evaluation slice. */
export const createEvaluationSlice: StateCreator<AppState, [], [], EvaluationSlice> = (set) => ({
  evaluation: idle,
  evaluationStarted: (total, labelErrors, labelsFrom = 'labels.csv', labelsDatasets = []) =>
    set({ evaluation: { ...idle, phase: 'running', total, labelErrors, labelsFrom, labelsDatasets, startedAtMs: Date.now() } }),
  evaluationClip: (current) => set((s) => ({ evaluation: { ...s.evaluation, current } })),
  evaluationProgress: (outcomes, report) =>
    set((s) => ({ evaluation: { ...s.evaluation, outcomes: [...outcomes], report, done: outcomes.length } })),
  evaluationCalibrated: (calibratedOutcomes, report) => set((s) => ({ evaluation: { ...s.evaluation, calibratedOutcomes: [...calibratedOutcomes], report } })),
  evaluationDone: () => set((s) => ({ evaluation: { ...s.evaluation, phase: 'done', current: undefined } })),
  resetEvaluation: () => set({ evaluation: idle }),
  answersStarted: (total) => set({ evaluation: { ...idle, mode: 'answers', phase: 'running', total, startedAtMs: Date.now() } }),
  answersProgress: (answers) => set((s) => ({ evaluation: { ...s.evaluation, answers: [...answers], done: answers.length } })),
  answersCalibrated: (calibratedAnswers, groups) => set((s) => ({ evaluation: { ...s.evaluation, calibratedAnswers: [...calibratedAnswers], groups: [...groups] } })),
  folderClipOpened: (name) => set((s) => ({ evaluation: { ...s.evaluation, openedClip: name } })),
});
