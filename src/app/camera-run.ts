/**
 * The live camera's analysis: the newest camera picture goes to the analysis worker whenever it is
 * free (src/app/webcam-source.ts; one picture in flight, no fixed rate, no queue), with the work a
 * live view does not need per picture turned down. Between analyses the overlay draws each box
 * where its track's motion puts it (src/app/live-overlay.ts), and `playback.camera` measures the
 * analysed rate and the grab-to-draw latency (`npm run bench -- --webcam`).
 */
import type { PerceptionConfig } from '../shared/perception-config';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { FrameUpdate } from '../pipeline/tracked-frame';
import { createCameraStats } from './camera-stats';
import type { FramePublisher } from './frame-publisher';
import type { Playback } from './playback';
import { createWebcamSource } from './webcam-source';

/** Tracks unseen this long are retired on the camera (people leave and come back). */
export const WEBCAM_MAX_UNSEEN_SEC = 2;
/** Seconds of faces a webcam session keeps (tracker and clip): the rolling emotion and vote cover them. */
export const WEBCAM_HISTORY_SEC = 30;

/**
 * What the camera does beyond files' defaults (src/shared/perception-config.ts, whose cheaper face
 * detection — 224 px while faces are large, BlazeFace's verdict carried for 1 s — and person
 * detection every 5 s came from here: CenterNet, the costliest network at 130 ms idle, only feeds
 * the context features and the face-to-person links, and at 5 s the stall it causes stays out of
 * the 95th latency percentile, 1 picture in 75 at 15 fps). The face embedding runs only when faces
 * must be told apart: for files that is whenever there are several; here people side by side
 * are told apart by position alone between the once-a-second checks, whenever each face's nearest
 * track is at least 3 times nearer than any other
 * (positionsDecide; in the bench's two-face scene a face moves about 0.1 face sizes between
 * pictures and the other person is 1.8 away). With several faces, only the main one (the running
 * vote's winner) gets the nets the clip models read (mirror, FER, landmarks): the others' records
 * carry their face emotion probabilities for the overlay and nothing else (`mainFaceOnlyNets`).
 */
export const CAMERA_PERCEPTION: Readonly<Partial<PerceptionConfig>> = Object.freeze({
  embeddingFreeMargin: 3,
  mainFaceOnlyNets: true,
  // The general networks (the rolling emotion shown) on one face twice a second, instead of the
  // files' every 0.4 s on up to two faces: 12.7 ms a picture on average (bench 2026-12-04 17:59);
  // once a second cost 6.5 ms but a 60-ms burst pushed the 95th-percentile latency to 255 ms.
  generalIntervalSec: 0.5,
  generalMaxFaces: 1,
  // HSEmotion at 160 px, not the files' 224: here it runs on the analysis path, and 224 took the
  // one-face camera from 19.5 to 17.4 pictures a second (bench 2026-12-07 12:55, goal 15).
  generalInputSize: 160,
});

/**
 * While a calibration listens, the nets only the clip models read (Human's FER net, the main face's
 * mirror) run on a picture at most this often: the calibrated camera ran at 12.5 fps with them on
 * every picture (bench 2026-12-04 22:20), and the clip models read complete records only
 * (completeClipRecords), so 6 a second is more than the 5 fps files give them.
 */
export const CLIP_NETS_INTERVAL_SEC = 1 / 6;

/**
 * Whether a picture grabbed at `nowMs` gets the clip models' nets: always with asked-for baselines,
 * never while nobody listens, else at most every CLIP_NETS_INTERVAL_SEC.
 */
export function createClipNetsGate(baselines: boolean, listening: () => boolean): (nowMs: number) => boolean {
  let lastMs = -Infinity;
  return (nowMs) => {
    if (baselines) return true;
    if (!listening() || nowMs - lastMs < CLIP_NETS_INTERVAL_SEC * 1000) return false;
    lastMs = nowMs;
    return true;
  };
}

/** Options for {@link analyseCamera}. */
export interface CameraRunOptions {
  client: AnalysisClient;
  playback: Playback;
  publisher: FramePublisher;
  /** The camera picture's size (the boxes' coordinate space). */
  size: { width: number; height: number };
  signal: AbortSignal;
  /** Also run the per-frame baselines (Human's FER net) on every picture. */
  baselines?: boolean;
  /** Perception settings over the camera's own (CAMERA_PERCEPTION): the bench's comparisons. */
  perception?: Partial<PerceptionConfig>;
  /** Called with every analysed picture after the overlay has it (the camera's calibration listens). */
  onFrame?: (update: FrameUpdate) => void;
  /** Whether the clip models will read the pictures now (a calibration collects or answers): else they skip the nets only those read. */
  clipModelsListen?: () => boolean;
}

/** Analyses the camera playing in `playback.video` until `signal` aborts or the stream ends. */
export async function analyseCamera(options: CameraRunOptions): Promise<void> {
  const { client, playback, publisher, size, signal } = options;
  const stats = createCameraStats(performance.now());
  playback.camera = stats;
  const frames = createWebcamSource(playback.video, { signal, originMs: stats.originMs });
  /** When the previous analysis came back: the next grab follows it (one picture in flight). */
  let lastDoneMs: number | null = null;
  const clipNets = createClipNetsGate(Boolean(options.baselines), options.clipModelsListen ?? (() => true));
  await client.analyzeStream(frames, size, {
    signal,
    tracker: { maxUnseenSec: WEBCAM_MAX_UNSEEN_SEC },
    // Asked-for baselines (Human's FER net on every face) need every face complete.
    perception: { ...CAMERA_PERCEPTION, ...(options.baselines && { ferNet: true, mainFaceOnlyNets: false }), ...options.perception },
    mainTrack: () => publisher.mainTrackId,
    // Human's FER net and the main face's mirror feed only the clip models (12 and 9 ms a picture):
    // the rolling emotion shown is `general`'s, so they run while a calibration collects or answers,
    // on a picture every CLIP_NETS_INTERVAL_SEC at most.
    clipNets: () => clipNets(performance.now()),
    // A rolling window keeps memory flat over long sessions (see npm run soak).
    historySec: WEBCAM_HISTORY_SEC,
    onFrame: (update) => {
      if (signal.aborted) return;
      const now = performance.now();
      publisher.onFrame(update, (update.analysed * 1000) / Math.max(1, now - stats.originMs));
      options.onFrame?.(update);
      const grabMs = stats.originMs + update.tSec * 1000;
      const grabWait: Record<string, number> = lastDoneMs !== null && grabMs >= lastDoneMs ? { pageGrabWait: grabMs - lastDoneMs } : {};
      lastDoneMs = performance.now();
      stats.analysed(update.tSec, now, { ...update.stageMs, pageOnFrame: lastDoneMs - now, ...grabWait });
    },
  });
}
