import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/** The live camera: off, asking for it, or running. */
export interface WebcamSlice {
  webcam: { phase: 'off' | 'starting' | 'on' };
  setWebcamPhase(phase: WebcamSlice['webcam']['phase']): void;
}

/** Creates the webcam slice. */
export const createWebcamSlice: StateCreator<AppState, [], [], WebcamSlice> = (set) => ({
  webcam: { phase: 'off' },
  setWebcamPhase: (phase) => set({ webcam: { phase } }),
});
