import type { StateCreator } from 'zustand/vanilla';
import type { Box } from '../core/geometry';
import { DEFAULT_FACE_VOTING_CONFIG, type FaceVotingConfig, type FaceVotingOutput } from '../core/voting/face-voting';
import type { ClipPrediction } from '../pipeline/analysis-report';
import type { AppState } from './app-store';

/** One face drawn over the current frame. */
export interface OverlayFace {
  trackId: number;
  box: Box;
  score: number;
  probs: number[];
}

/** What is drawn over the most recently analysed frame. */
export interface Overlay {
  frameIndex: number;
  tSec: number;
  faces: OverlayFace[];
  persons: { box: Box; score: number }[];
}

/** Plain results of the current analysis (no tensors, frames or bitmaps). */
export interface AnalysisSlice {
  analysis: {
    overlay: Overlay | null;
    votingConfig: FaceVotingConfig;
    /** The running vote (updated while frames arrive) and the final one. */
    vote: FaceVotingOutput | null;
    predictions: Record<string, ClipPrediction>;
    /** Sentences about the result, e.g. that no face was found. */
    warnings: string[];
  };
  resetAnalysis(): void;
  setOverlay(overlay: Overlay): void;
  setVote(vote: FaceVotingOutput): void;
  setVotingConfig(config: Partial<FaceVotingConfig>): void;
  setPredictions(predictions: Record<string, ClipPrediction>, warnings: string[]): void;
}

const empty = (votingConfig: FaceVotingConfig): AnalysisSlice['analysis'] => ({
  overlay: null,
  votingConfig,
  vote: null,
  predictions: {},
  warnings: [],
});

/** Creates the analysis slice; the voting constants survive a new input. */
export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  analysis: empty(DEFAULT_FACE_VOTING_CONFIG),
  resetAnalysis: () => set((s) => ({ analysis: empty(s.analysis.votingConfig) })),
  setOverlay: (overlay) => set((s) => ({ analysis: { ...s.analysis, overlay } })),
  setVote: (vote) => set((s) => ({ analysis: { ...s.analysis, vote } })),
  setVotingConfig: (config) =>
    set((s) => ({ analysis: { ...s.analysis, votingConfig: { ...s.analysis.votingConfig, ...config } } })),
  setPredictions: (predictions, warnings) => set((s) => ({ analysis: { ...s.analysis, predictions, warnings } })),
});
