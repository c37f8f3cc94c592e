import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** Actions on the current run that touch several slices (video and folder evaluation). */
export interface RunSlice {
  /**
   * The user canceled the file or folder being analysed: both say so and keep what they found so
   * far (the running vote and tracks; the clips of a folder already evaluated). No-op when nothing
   * runs, and for the camera, which has its own stop.
   */
  runCanceled(): void;
}

/** Creates the run slice. */
export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  runCanceled: () =>
    set((s) => {
      const videoRunning = s.video.source !== 'webcam' && (s.video.phase === 'opening' || s.video.phase === 'decoding');
      const folderRunning = s.evaluation.phase === 'running';
      return {
        video: videoRunning ? { ...s.video, phase: 'canceled' } : s.video,
        evaluation: folderRunning ? { ...s.evaluation, phase: 'canceled', current: undefined } : s.evaluation,
      };
    }),
});
