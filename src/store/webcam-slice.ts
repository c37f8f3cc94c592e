import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/**
 * The camera's person calibration: off; collecting the neutral seconds; or on, with the windows
 * of the session's main track collected so far and the latest calibrated answer (a label, with the
 * prediction key it came from).
 */
export interface WebcamCalibration {
  phase: 'off' | 'collecting' | 'on';
  /** Reference clips so far: the neutral seconds plus the session's windows. */
  clips: number;
  answer: { label: string; model: string } | null;
  /** Why collecting had to start again (no face in the neutral seconds), or why an answer failed. */
  message: string | null;
}

/** The live camera: off, asking for it, or running; and its calibration. */
export interface WebcamSlice {
  webcam: { phase: 'off' | 'starting' | 'on'; calibration: WebcamCalibration };
  /** Sets the phase; turning the camera off ends its calibration (a reference belongs to one session). */
  setWebcamPhase(phase: WebcamSlice['webcam']['phase']): void;
  setWebcamCalibration(calibration: Partial<WebcamCalibration>): void;
}

const UNCALIBRATED: WebcamCalibration = { phase: 'off', clips: 0, answer: null, message: null };

/** Creates the webcam slice. */
export const createWebcamSlice: StateCreator<AppState, [], [], WebcamSlice> = (set) => ({
  webcam: { phase: 'off', calibration: UNCALIBRATED },
  setWebcamPhase: (phase) => set((s) => ({ webcam: { phase, calibration: phase === 'off' ? UNCALIBRATED : s.webcam.calibration } })),
  setWebcamCalibration: (calibration) => set((s) => ({ webcam: { ...s.webcam, calibration: { ...s.webcam.calibration, ...calibration } } })),
});
