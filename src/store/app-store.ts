/**
 * The app's state: a framework-free zustand store built from typed slices, so Node tools and
 * tests drive the same store the React UI reads (`useAppStore(selector)` in src/ui).
 */
import { createStore } from 'zustand/vanilla';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice';
import { createBackendSlice, type BackendSlice } from './backend-slice';
import { createEvaluationSlice, type EvaluationSlice } from './evaluation-slice';
import { createNoticeSlice, type NoticeSlice } from './notice-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createVideoSlice, type VideoSlice } from './video-slice';
import { createWebcamSlice, type WebcamSlice } from './webcam-slice';

/** Everything in the store. */
export type AppState = AnalysisSlice & BackendSlice & EvaluationSlice & NoticeSlice & RunSlice & VideoSlice & WebcamSlice;

/** Creates a fresh store (one per page; tests make their own). */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createAnalysisSlice(...a),
    ...createBackendSlice(...a),
    ...createNoticeSlice(...a),
    ...createVideoSlice(...a),
    ...createEvaluationSlice(...a),
    ...createWebcamSlice(...a),
    ...createRunSlice(...a),
  }));
}

/** The store type. */
export type AppStore = ReturnType<typeof createAppStore>;
