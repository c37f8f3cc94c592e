/**
 * The app's actions that do async work: start a backend, load the networks, analyse a file, re-run
 * the vote, export results. It writes plain results into the store; the UI only reads the store and
 * calls these actions. Starting a new input cancels the previous one first, so no stale work writes
 * into the store.
 */
import * as tf from '@tensorflow/tfjs';
import type { FaceVotingConfig } from '../core/voting/face-voting';
import { parseBackendName } from '../env/backend-choice';
import { initBackend } from '../env/init-backend';
import { CanceledError, describeError, EmolensError } from '../errors';
import { urlWeightSource } from '../models';
import { buildReport, type AnalysisReport } from '../pipeline/analysis-report';
import { analyzeVideo, type FrameUpdate, type VideoAnalysis } from '../pipeline/analyze-video';
import { voteOnClip } from '../pipeline/clip-analysis';
import { loadPerceptionModels, type PerceptionModels } from '../pipeline/perception-models';
import type { AppStore } from '../store/app-store';
import { downloadText } from './download';

/** Actions the UI can call. */
export interface Controller {
  /** Starts the compute backend named in `?backend=` (or the best one) and reads `?fps=`. */
  startBackend(search: string): Promise<void>;
  /** Opens `file`, cancelling whatever ran before, and analyses it at the store's sampling rate. */
  openFile(file: File): Promise<void>;
  /** Cancels the current input, if any. */
  cancel(): void;
  /** Changes the FaceVoting constants and re-runs the vote from stored results (no decoding). */
  setVotingConfig(config: Partial<FaceVotingConfig>): void;
  /** The report `npm run analyze -- --json` writes, for the last analysed file; null before one. */
  report(): AnalysisReport | null;
  /** Downloads `report()` as JSON. */
  exportJson(): void;
}

/** A finished (or running) analysis kept outside the store: it holds typed arrays per face. */
interface Session {
  fileName: string;
  fps: number | undefined;
  result: VideoAnalysis | null;
}

/** Parses `?fps=`: a positive number, or `all` for every frame; anything else is ignored. */
function parseFps(value: string | null): { fps: number | undefined } | null {
  if (value === null) return null;
  if (value === 'all') return { fps: undefined };
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? { fps: n } : null;
}

/** Creates the controller bound to `store`. */
export function createController(store: AppStore): Controller {
  const s = store.getState;
  let current: AbortController | null = null;
  let models: Promise<PerceptionModels> | null = null;
  let session: Session | null = null;

  const cancel = () => {
    current?.abort();
    current = null;
  };

  const ensureModels = () => {
    models ??= loadPerceptionModels(urlWeightSource('models/')).catch((error: unknown) => {
      models = null;
      throw new EmolensError(`The face and person models could not be loaded (${describeError(error)}).`, { cause: error });
    });
    return models;
  };

  const publishFrame = (update: FrameUpdate) => {
    s().setOverlay({
      frameIndex: update.frameIndex,
      tSec: update.tSec,
      faces: update.faces.map((f) => ({ trackId: f.trackId, box: f.box, score: f.score, probs: Array.from(f.probs) })),
      persons: update.persons,
    });
  };

  const publishResults = () => {
    const report = buildCurrentReport();
    if (!report || !session?.result) return;
    s().setVote(voteOnClip(session.result.clip, s().analysis.votingConfig));
    s().setPredictions(report.predictions, report.warnings);
  };

  const buildCurrentReport = (): AnalysisReport | null => {
    const result = session?.result;
    if (!session || !result) return null;
    return buildReport(result.clip, {
      file: session.fileName,
      backend: s().backend.active ?? 'unknown',
      info: result.info,
      sampleFps: session.fps,
      timingsMs: result.timer.totals(),
      voting: s().analysis.votingConfig,
    });
  };

  return {
    cancel,

    async startBackend(search) {
      const params = new URLSearchParams(search);
      const fps = parseFps(params.get('fps'));
      if (fps) s().setSampleFps(fps.fps);
      const forced = parseBackendName(params.get('backend'));
      try {
        const status = await initBackend(forced);
        s().setBackendReady(status.active, status.forced);
        if (status.fallbackReason) s().pushNotice('error', status.fallbackReason);
      } catch (error) {
        s().setBackendFailed();
        s().pushNotice('error', describeError(error));
      }
    },

    async openFile(file) {
      cancel();
      const run = new AbortController();
      current = run;
      const fps = s().video.sampleFps;
      session = { fileName: file.name, fps, result: null };
      const mine = session;
      s().clearErrors();
      s().resetAnalysis();
      s().videoOpening(file.name);
      try {
        const loaded = await ensureModels();
        run.signal.throwIfAborted();
        const tensorsBefore = tf.memory().numTensors;
        const started = performance.now();
        const result = await analyzeVideo(file, loaded, {
          fps,
          signal: run.signal,
          onOpened: (info) => s().videoOpened(info),
          onFrame: (update) => {
            if (run.signal.aborted) return;
            publishFrame(update);
            // The running vote (§3.4) over the frames so far, so the winner is visible while it plays.
            s().setVote(voteOnClip(update.clip, s().analysis.votingConfig));
            const elapsed = Math.max(1, performance.now() - started);
            s().videoProgress(update.analysed, update.tSec, (update.analysed * 1000) / elapsed);
          },
        });
        if (run.signal.aborted) return;
        mine.result = result;
        publishResults();
        s().videoDone(tf.memory().numTensors - tensorsBefore);
      } catch (error) {
        if (run.signal.aborted || error instanceof CanceledError) return;
        s().videoFailed();
        s().pushNotice('error', `${file.name}: ${describeError(error)}`);
      } finally {
        if (current === run) current = null;
      }
    },

    setVotingConfig(config) {
      s().setVotingConfig(config);
      if (session?.result) publishResults();
    },

    report: buildCurrentReport,

    exportJson() {
      const report = buildCurrentReport();
      if (!report) return;
      const base = report.file.replace(/\.[^.]+$/, '');
      downloadText(`${base}.emolens.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
    },
  };
}
