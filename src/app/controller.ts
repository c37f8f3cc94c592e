/**
 * The actions the UI calls, routed to the module that does each: the run slot (one input at a
 * time), the file, folder and camera runners, the current results (vote, report) and the exports.
 * Plain results go into the store; per-frame media (the playing video, analysed frames,
 * thumbnails) lives in `playback`.
 */
import type { FaceVotingConfig } from '../core/voting/face-voting';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { AnalysisReport } from '../shared/analysis-report';
import type { EvaluationReport } from '../shared/evaluate-folder';
import type { AppStore } from '../store/app-store';
import { createCameraRunner, type OpenCamera } from './camera-runner';
import { createExports } from './exports';
import { createFileRunner } from './file-runner';
import { createFolderRunner } from './folder-runner';
import { createPlayback, type Playback } from './playback';
import { createResults } from './results';
import { createRunSlot } from './run-slot';
import { startBackend } from './start-backend';

/** Actions the UI can call. */
export interface Controller {
  /** Starts the compute backend named in `?backend=` (or the best one) and reads `?fps=`. */
  startBackend(search: string): Promise<void>;
  /** Opens `file`, cancelling whatever ran before, plays it and analyses it at the store's sampling rate. */
  openFile(file: File): Promise<void>;
  /**
   * Evaluates a labelled folder: `files` holds the clips and a labels.csv (`file,label`). The clips
   * run one after another; the confusion matrices fill in as they finish.
   */
  openFolder(files: readonly File[]): Promise<void>;
  /** Opens a finished folder's clip (by the name its table shows) in the player; the folder's results stay. */
  openFolderClip(name: string): Promise<void>;
  /** Starts the camera (cancelling the current input) and analyses it live until stopped. */
  startWebcam(): Promise<void>;
  /** Stops the camera and releases it; results stay on screen. */
  stopWebcam(): void;
  /** Calibrates the camera to its person: a few neutral seconds, then the session's running windows (camera-calibration.ts). */
  calibrateWebcam(): void;
  /** Cancels the current input, if any. */
  cancel(): void;
  /** Changes the FaceVoting constants and re-runs the vote from stored results (no decoding). */
  setVotingConfig(config: Partial<FaceVotingConfig>): void;
  /** Shows `trackId`'s thumbnails, timeline and pyramid; null follows the main track. */
  selectTrack(trackId: number | null): void;
  /** The report `npm run analyze -- --json` writes, for the last analysed file; null before one. */
  report(): AnalysisReport | null;
  /** The evaluate JSON of the last (or running) folder; null before one. */
  evaluationReport(): EvaluationReport | null;
  /** Downloads the evaluate JSON (folder) or `report()` (file). */
  exportJson(): void;
  /** Downloads the CSV: one row per clip (folder) or per track (file). */
  exportCsv(): void;
  /** The playing video, analysed frames and thumbnails (outside the store), for drawing. */
  readonly playback: Playback;
}

/**
 * Creates the controller bound to `store`. Every network runs in the analysis worker behind
 * `client`; the page keeps the clip and the vote (results), and the media in `playback`.
 * `openCamera` replaces the browser's getUserMedia (tests).
 */
export function createController(store: AppStore, client: AnalysisClient, playback: Playback = createPlayback(), openCamera?: OpenCamera): Controller {
  const s = store.getState;
  const results = createResults({ client, playback, store });
  const slot = createRunSlot({ store, playback, refresh: results.refresh });
  const context = { client, playback, store, slot, results };
  const files = createFileRunner(context);
  const folder = createFolderRunner({ ...context, files });
  const camera = createCameraRunner({ ...context, openCamera });
  const exports = createExports({ store, results, folderName: () => folder.name });
  return {
    playback,
    startBackend: (search) => startBackend(store, client, search),
    openFile: (file) => files.open(file),
    openFolder: folder.open,
    openFolderClip: folder.openClip,
    startWebcam: camera.start,
    stopWebcam: camera.stop,
    calibrateWebcam: camera.calibrate,
    cancel: slot.cancel,
    setVotingConfig(config) {
      s().setVotingConfig(config);
      results.revote();
    },
    selectTrack(trackId) {
      s().selectTrack(trackId);
      results.refresh();
    },
    report: results.report,
    evaluationReport: () => s().evaluation.report,
    exportJson: exports.json,
    exportCsv: exports.csv,
  };
}
