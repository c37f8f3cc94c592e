import type { StateCreator } from 'zustand/vanilla';
import type { ClipOutcome, EvaluationReport } from '../shared/evaluate-folder';
import type { LabelLineError, LabelsSource } from '../shared/folder-labels';
import type { AppState } from './app-store';

/** A labelled-folder evaluation: progress, outcomes per clip and the metrics so far. */
export interface EvaluationSlice {
  evaluation: {
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
    /** Where the labels came from: labels.csv, or the folder names (`happy/001.mp4`). */
    labelsFrom: LabelsSource;
  };
  evaluationStarted(total: number, labelErrors: LabelLineError[], labelsFrom?: LabelsSource): void;
  evaluationClip(current: string | undefined): void;
  evaluationProgress(outcomes: ClipOutcome[], report: EvaluationReport): void;
  evaluationCalibrated(calibratedOutcomes: ClipOutcome[], report: EvaluationReport): void;
  evaluationDone(): void;
  resetEvaluation(): void;
}

const idle: EvaluationSlice['evaluation'] = { phase: 'idle', total: 0, done: 0, outcomes: [], calibratedOutcomes: [], report: null, labelErrors: [], labelsFrom: 'labels.csv' };

/** Creates the evaluation slice. */
export const createEvaluationSlice: StateCreator<AppState, [], [], EvaluationSlice> = (set) => ({
  evaluation: idle,
  evaluationStarted: (total, labelErrors, labelsFrom = 'labels.csv') => set({ evaluation: { ...idle, phase: 'running', total, labelErrors, labelsFrom } }),
  evaluationClip: (current) => set((s) => ({ evaluation: { ...s.evaluation, current } })),
  evaluationProgress: (outcomes, report) =>
    set((s) => ({ evaluation: { ...s.evaluation, outcomes: [...outcomes], report, done: outcomes.length } })),
  evaluationCalibrated: (calibratedOutcomes, report) => set((s) => ({ evaluation: { ...s.evaluation, calibratedOutcomes: [...calibratedOutcomes], report } })),
  evaluationDone: () => set((s) => ({ evaluation: { ...s.evaluation, phase: 'done', current: undefined } })),
  resetEvaluation: () => set({ evaluation: idle }),
});
