/**
 * The camera's person calibration. "Calibrate" collects CALIBRATION_SEC of the
 * main track while the person looks neutral: the first reference clip. From then on every
 * REFERENCE_WINDOW_SEC of the main track joins the reference (running statistics of the session,
 * the oldest windows dropped past MAX_CAMERA_REFERENCE_CLIPS), and every
 * CAMERA_PREDICT_INTERVAL_SEC the clip models answer on the last window, calibrated against it.
 */
import { voteOnClip, type FaceRecord } from '../pipeline/clip-analysis';
import type { FrameUpdate } from '../pipeline/tracked-frame';
import { toPrediction } from '../shared/analysis-report';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { AppStore } from '../store/app-store';
import { REFERENCE_WINDOW_SEC } from '../core/calibration/reference-windows';
import { describeError } from '../errors';
import { completeClipRecords, type ClipInput } from '../shared/face-record';

/** Seconds of neutral face "Calibrate" collects. */
export const CALIBRATION_SEC = 3;
/** Fewest faces of the main track in those seconds (a slow machine analyses the camera at 1–2 fps); fewer: start again. */
export const MIN_CALIBRATION_FACES = 3;
/** Seconds between two calibrated answers on the camera. */
export const CAMERA_PREDICT_INTERVAL_SEC = 2;
/** Reference clips kept: the neutral seconds and the latest windows (≈ 4 min of session at 8 s). */
export const MAX_CAMERA_REFERENCE_CLIPS = 30;

/** What one frame asks for: the phase moved on, collecting restarted, or a calibrated answer is due. */
export interface CameraStep {
  changed: boolean;
  retry?: string;
  job?: { clip: ClipInput; reference: ClipInput[] };
}

/** The camera's reference as a state machine over the main track's records (pure; no store, no worker). */
export interface CameraReference {
  readonly phase: 'off' | 'collecting' | 'on';
  /** Reference clips so far (the neutral seconds first). */
  readonly clips: readonly ClipInput[];
  /** Starts (or restarts) collecting the neutral seconds at the next frame. */
  start(): void;
  /** Takes the main track's records (oldest first, null without a main track) at time `tSec`. */
  onFrame(track: readonly FaceRecord[] | null, tSec: number): CameraStep;
}

/** Records of `track` from `fromSec` (inclusive) to `toSec` (exclusive). */
function between(track: readonly FaceRecord[] | null, fromSec: number, toSec: number): FaceRecord[] {
  return (track ?? []).filter((r) => r.tSec >= fromSec && r.tSec < toSec);
}

/** Creates the camera's reference, off until `start()`. */
export function createCameraReference(): CameraReference {
  let phase: CameraReference['phase'] = 'off';
  let startSec: number | null = null;
  let windowStartSec = 0;
  let lastPredictSec = -Infinity;
  const clips: ClipInput[] = [];
  return {
    get phase() {
      return phase;
    },
    clips,
    start() {
      phase = 'collecting';
      startSec = null;
      clips.length = 0;
    },
    onFrame(track, tSec) {
      if (phase === 'off') return { changed: false };
      if (phase === 'collecting') {
        startSec ??= tSec;
        if (tSec - startSec < CALIBRATION_SEC) return { changed: false };
        const neutral = between(track, startSec, tSec + 1e-9);
        if (neutral.length < MIN_CALIBRATION_FACES) {
          startSec = tSec;
          return { changed: false, retry: `Only ${neutral.length} glimpses of a face in ${CALIBRATION_SEC} s: face the camera; collecting again.` };
        }
        clips.push({ records: neutral, speech: null });
        phase = 'on';
        windowStartSec = tSec;
        lastPredictSec = -Infinity;
        return { changed: true };
      }
      let changed = false;
      if (tSec - windowStartSec >= REFERENCE_WINDOW_SEC) {
        const window = between(track, windowStartSec, tSec);
        windowStartSec = tSec;
        if (window.length >= MIN_CALIBRATION_FACES) {
          clips.push({ records: window, speech: null });
          // The neutral seconds stay: they are the one reference clip known to be neutral.
          if (clips.length > MAX_CAMERA_REFERENCE_CLIPS) clips.splice(1, 1);
          changed = true;
        }
      }
      const recent = between(track, tSec - REFERENCE_WINDOW_SEC, tSec + 1e-9);
      if (tSec - lastPredictSec < CAMERA_PREDICT_INTERVAL_SEC || recent.length === 0) return { changed };
      lastPredictSec = tSec;
      return { changed, job: { clip: { records: recent, speech: null }, reference: [...clips] } };
    },
  };
}

/** The camera calibration of one session: the reference, its store view, and the calibrated answers. */
export interface CameraCalibration {
  start(): void;
  onFrame(update: FrameUpdate): void;
  /** True once started: the clip models read the main track's pictures from then on. */
  readonly listening: boolean;
}

/**
 * Binds a camera reference to the store and the worker: shows the phase and the reference's size,
 * and the answer (the prediction `answerKey` names, the calibrated answer once a reference lets it
 * be computed) of each calibrated prediction, one in flight at a time.
 */
export function createCameraCalibration(
  store: AppStore,
  client: Pick<AnalysisClient, 'predict'>,
  answerKey: (probs: Record<string, Float32Array>, clip: ClipInput) => Promise<string | null>,
  signal: AbortSignal,
): CameraCalibration {
  const s = store.getState;
  const reference = createCameraReference();
  let inFlight = false;
  return {
    get listening() {
      return reference.phase !== 'off';
    },
    start() {
      reference.start();
      s().setWebcamCalibration({ phase: 'collecting', clips: 0, answer: null, message: null });
    },
    onFrame(update) {
      if (reference.phase === 'off') return;
      const main = voteOnClip(update.clip, s().analysis.votingConfig).winnerId;
      const track = main === null ? undefined : update.clip.tracks.get(main);
      // Only complete records: before it won the vote, the main track's faces may lack the clip models' inputs (mainFaceOnlyNets).
      const step = reference.onFrame(track ? completeClipRecords(track) : null, update.tSec);
      if (step.retry) s().setWebcamCalibration({ message: step.retry });
      if (step.changed) s().setWebcamCalibration({ phase: reference.phase, clips: reference.clips.length, message: null });
      const job = step.job;
      if (!job || inFlight) return;
      inFlight = true;
      client
        // The answers alone: the camera shows nothing else, and the other models cost it frames.
        .predict({ records: job.clip.records, speech: null }, job.reference, { answersOnly: true })
        .then(async (probs) => {
          const key = await answerKey(probs, job.clip);
          if (!signal.aborted && key && probs[key]) s().setWebcamCalibration({ answer: { label: toPrediction(probs[key]).label, model: key } });
        })
        .catch((error: unknown) => {
          if (!signal.aborted) s().setWebcamCalibration({ message: `The calibrated answer failed (${describeError(error)}).` });
        })
        .finally(() => (inFlight = false));
    },
  };
}
