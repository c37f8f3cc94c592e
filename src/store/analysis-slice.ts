import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_FACE_VOTING_CONFIG, type FaceVotingConfig, type FaceVotingOutput } from '../core/voting/face-voting';
import type { AnalysisReport, ClipPrediction } from '../shared/analysis-report';
import type { CalibrationNote } from '../shared/calibration-note';
import type { TrackView } from '../shared/track-view';
import type { AppState } from './app-store';
import type { ByPredictionKey } from '../shared/prediction-keys';

/** emolens's answer as shown: its prediction key and one sentence saying why it is the answer. */
export interface AnswerNote {
  name: string;
  why: string;
}

/** How sure the shown answer is, and who spoke (the report's `confidence`, `answerProbs`, `uncertain`, `uncertainty`, `speaker`). */
export type AnswerHonesty = Pick<AnalysisReport, 'confidence' | 'answerProbs' | 'uncertain' | 'uncertainty' | 'speaker'>;

/** Plain results of the current analysis (no tensors, frames or bitmaps). */
export interface AnalysisSlice {
  analysis: {
    votingConfig: FaceVotingConfig;
    /** The running vote (updated while frames arrive) and the final one. */
    vote: FaceVotingOutput | null;
    /** Times (s) where the clip changes shot (a cut or a fade in edited footage), as found so far. */
    cuts: number[];
    /** Track the user picked; null follows the main (winning) track. */
    selectedTrackId: number | null;
    /** The selected (or main) track's timeline and pyramid. */
    trackView: TrackView | null;
    /** Latest emotion per track: the last few seconds (webcam) or the latest frame (file). */
    trackEmotions: Record<number, ClipPrediction>;
    /** Bumped when thumbnails (kept outside the store) change. */
    thumbnailsVersion: number;
    predictions: ByPredictionKey<ClipPrediction>;
    /** The prediction that is emolens's answer (the report's `answer`) and why it is, when there is one. */
    answer: AnswerNote | null;
    /** Sentences about the result, e.g. that no face was found. */
    warnings: string[];
    /** Whether the answer is calibrated to the person, and one sentence why (null until predicted). */
    calibration: CalibrationNote | null;
    /** How sure the answer is and who spoke; null before the predictions. */
    honesty: AnswerHonesty | null;
  };
  resetAnalysis(): void;
  /** The running or final vote, and the cuts found so far. */
  setVote(vote: FaceVotingOutput, cuts?: number[]): void;
  setVotingConfig(config: Partial<FaceVotingConfig>): void;
  selectTrack(trackId: number | null): void;
  setTrackView(view: TrackView | null, trackEmotions: Record<number, ClipPrediction>, thumbnailsVersion: number): void;
  setPredictions(predictions: ByPredictionKey<ClipPrediction>, warnings: string[], answer?: AnswerNote | null, honesty?: AnswerHonesty | null): void;
  setCalibration(note: CalibrationNote | null): void;
}

const empty = (votingConfig: FaceVotingConfig): AnalysisSlice['analysis'] => ({
  votingConfig,
  vote: null,
  cuts: [],
  selectedTrackId: null,
  trackView: null,
  trackEmotions: {},
  thumbnailsVersion: 0,
  predictions: {},
  answer: null,
  warnings: [],
  calibration: null,
  honesty: null,
});

/** Creates the analysis slice; the voting constants survive a new input. */
export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  analysis: empty(DEFAULT_FACE_VOTING_CONFIG),
  resetAnalysis: () => set((s) => ({ analysis: empty(s.analysis.votingConfig) })),
  setVote: (vote, cuts = []) => set((s) => ({ analysis: { ...s.analysis, vote, cuts: cuts.length === s.analysis.cuts.length ? s.analysis.cuts : [...cuts] } })),
  setVotingConfig: (config) =>
    set((s) => ({ analysis: { ...s.analysis, votingConfig: { ...s.analysis.votingConfig, ...config } } })),
  selectTrack: (selectedTrackId) => set((s) => ({ analysis: { ...s.analysis, selectedTrackId } })),
  setTrackView: (trackView, trackEmotions, thumbnailsVersion) =>
    set((s) => ({ analysis: { ...s.analysis, trackView, trackEmotions, thumbnailsVersion } })),
  setPredictions: (predictions, warnings, answer = null, honesty = null) =>
    set((s) => ({ analysis: { ...s.analysis, predictions, warnings, answer, honesty } })),
  setCalibration: (calibration) => set((s) => ({ analysis: { ...s.analysis, calibration } })),
});
