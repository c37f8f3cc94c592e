/**
 * The app's actions that do async work: start a backend, load the networks, analyse a file, a
 * labelled folder or the camera, re-run the vote, select a track, export results. It writes plain
 * results into the store; per-frame media (the playing video, analysed frames, thumbnails) lives in
 * `playback`. Starting a new input cancels the previous one first, so no stale work writes into the
 * store or the overlay.
 */
import type { FaceVotingConfig } from '../core/voting/face-voting';
import { parseBackendName } from '../env/backend-choice';
import { CanceledError, describeError, EmolensError } from '../errors';
import { buildReport, toPrediction, type AnalysisReport, type ClipPrediction } from '../pipeline/analysis-report';
import { answerOf, type EnsembleConfig } from '../models/clip/ensemble-config';
import { averageProbs, voteOnClip, type ClipAnalysis } from '../pipeline/clip-analysis';
import { speakerOfClip, type ClipSpeaker } from '../pipeline/clip-speaker';
import type { StageTimer } from '../pipeline/stage-timer';
import type { AnalysisClient } from '../pipeline/worker/analysis-client';
import type { Replies } from '../pipeline/worker/protocol';
import type { AnswerNote } from '../store/analysis-slice';
import type { AppStore } from '../store/app-store';
import type { VideoInfo } from '../video';
import { analysisCsv, evaluationCsv } from './csv-export';
import { downloadText } from './download';
import { baseName, buildEvaluationReport, LABELS_FILE, parseLabelsCsv, runFolderEvaluation, type EvaluationReport } from './evaluate-folder';
import { createFramePublisher, type FramePublisher } from './frame-publisher';
import { createPlayback, type Playback } from './playback';
import { CAMERA_DISCONNECTED, createWebcamSource, describeCameraError, WEBCAM_FPS } from './webcam-source';
import { yieldToMain } from './yield-to-main';

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
  /** Starts the camera (cancelling the current input) and analyses it live until stopped. */
  startWebcam(): Promise<void>;
  /** Stops the camera and releases it; results stay on screen. */
  stopWebcam(): void;
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

/** A finished (or running) analysis kept outside the store: it holds typed arrays per face. */
interface Session {
  fileName: string;
  fps: number | undefined;
  publisher: FramePublisher;
  result: { info: VideoInfo; clip: ClipAnalysis; timer: StageTimer } | null;
  /** Clip-level predictions of the temporal models and ensembles, per track ID (computed on demand). */
  temporal: Map<number, Record<string, ClipPrediction>>;
  /** The clip's speech features (decoded alongside the frames), or why it has none. */
  speech: Promise<Replies['speech']>;
  /** Why the speech model did not answer, once the predictions are made (for the report's warnings). */
  speechNote?: string;
  /** The track whose mouth moves with the voice, once the predictions are made. */
  speaker?: ClipSpeaker;
}

/** A session without sound (the camera is opened without its microphone). */
const NO_SOUND: Replies['speech'] = { features: null, note: 'the camera is analysed without sound' };
/** A file analysed without trained models that read speech: its audio is not decoded. */
const NO_SPEECH_MODEL: Replies['speech'] = { features: null, note: 'no trained model reads speech' };

/**
 * Why the speech model must not answer for main track `mainId` (null: it may): the voice in the
 * soundtrack is another track's, or nobody's that can be seen.
 */
function speechNoteFor(speaker: ClipSpeaker, mainId: number, hasSpeech: boolean): string | null {
  if (!hasSpeech || speaker.trackId === mainId) return null;
  const whose =
    speaker.trackId === null
      ? `the voice in the soundtrack did not move with the main face's mouth (score ${speaker.score.toFixed(2)})`
      : `the voice heard is track #${speaker.trackId}'s (its mouth moves with it, score ${speaker.score.toFixed(2)}), not the main face #${mainId}'s`;
  return `No speech model for this clip: ${whose}, so the audio-visual ensemble answers from the face models alone.`;
}

/** Parses `?fps=`: a positive number, or `all` for every frame; anything else is ignored. */
function parseFps(value: string | null): { fps: number | undefined } | null {
  if (value === null) return null;
  if (value === 'all') return { fps: undefined };
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? { fps: n } : null;
}

/** Tracks unseen this long are retired on the camera (people leave and come back). */
const WEBCAM_MAX_UNSEEN_SEC = 2;
/** Seconds of faces a webcam session keeps (tracker and clip): the rolling emotion and vote cover them. */
const WEBCAM_HISTORY_SEC = 30;

/**
 * Creates the controller bound to `store`. Every network runs in the analysis worker behind
 * `client`; the controller keeps the clip and the vote on the page.
 */
export function createController(store: AppStore, client: AnalysisClient): Controller {
  const s = store.getState;
  const playback = createPlayback();
  let current: AbortController | null = null;
  let models: Promise<void> | null = null;
  let session: Session | null = null;
  let predictor: Promise<{ ensemble: EnsembleConfig } | null> | null = null;
  /** The loaded ensemble.json (its `confidence` scales the answer), once loaded. */
  let ensembleConfig: EnsembleConfig | null = null;
  /** emolens's answer among the predictions (ensemble.json's `answer`) and why, once the trained models loaded. */
  let answer: AnswerNote | null = null;
  let folderName = 'folder';

  const cancel = () => {
    const running = current !== null;
    current?.abort();
    current = null;
    playback.stop();
    if (s().webcam.phase !== 'off') s().setWebcamPhase('off');
    // Say plainly that the run stopped; the vote so far is brought up to date and stays, marked partial.
    if (running) {
      session?.publisher.refresh();
      s().runCanceled();
    }
  };

  /** Cancels the old input and starts a fresh run with a clean slate in the store. */
  const begin = (name: string, source: 'file' | 'folder' | 'webcam') => {
    cancel();
    const run = new AbortController();
    current = run;
    s().clearErrors();
    s().resetAnalysis();
    if (source !== 'folder') s().resetEvaluation();
    s().videoOpening(name, source);
    return run;
  };

  /** The trained temporal models; null (with a notice) when they cannot be loaded. */
  const ensurePredictor = () => {
    predictor ??= client.loadPredictor().then(
      (loaded) => {
        answer = answerOf(loaded.ensemble);
        ensembleConfig = loaded.ensemble;
        return loaded;
      },
      (error: unknown) => {
        s().pushNotice('info', `The temporal models could not be loaded (${describeError(error)}); showing the frame average only.`);
        return null;
      },
    );
    return predictor;
  };

  const ensureModels = () => {
    models ??= client.loadModels().catch((error: unknown) => {
      models = null;
      throw new EmolensError(`The face and person models could not be loaded (${describeError(error)}).`, { cause: error });
    });
    return models;
  };

  const buildCurrentReport = (): AnalysisReport | null => {
    const result = session?.result;
    if (!session || !result) return null;
    const voting = s().analysis.votingConfig;
    const winner = voteOnClip(result.clip, voting).winnerId;
    return buildReport(result.clip, {
      file: session.fileName,
      backend: s().backend.active ?? 'unknown',
      info: result.info,
      sampleFps: session.fps,
      timingsMs: result.timer.totals(),
      voting,
      extraPredictions: winner === null ? {} : session.temporal.get(winner) ?? {},
      extraWarnings: winner !== null && session.speechNote ? [session.speechNote] : [],
      answer: answer?.name,
      speaker: session.speaker,
      confidence: ensembleConfig?.confidence,
    });
  };

  /** Runs the temporal models and ensembles (§4–5) on the main track, once per track. */
  const predictMainTrack = async (mine: Session) => {
    const result = mine.result;
    if (!result) return;
    const winner = voteOnClip(result.clip, s().analysis.votingConfig).winnerId;
    if (winner === null || mine.temporal.has(winner)) return;
    const loaded = await ensurePredictor();
    if (!loaded) return;
    const records = result.clip.tracks.get(winner) ?? [];
    const { features, note, loudness } = await mine.speech;
    mine.speaker ??= speakerOfClip(result.clip, loudness ?? null);
    // The speech model hears the whole soundtrack: it answers only when the voice is the main face's.
    const heard = speechNoteFor(mine.speaker, winner, features !== null);
    if (note && loaded.ensemble.audioVisual) mine.speechNote = `No speech model for this clip: ${note}, so the audio-visual ensemble answers from the face models alone.`;
    else if (heard && loaded.ensemble.audioVisual) mine.speechNote = heard;
    const probs = await result.timer.time('temporalModels', () => client.predict(records, heard ? null : features));
    mine.temporal.set(winner, Object.fromEntries(Object.entries(probs).map(([name, p]) => [name, toPrediction(p)])));
  };

  const publishResults = async () => {
    const mine = session;
    if (mine) await predictMainTrack(mine);
    if (mine !== session) return null;
    // The final vote and views, then the predictions, each in its own task: the clip usually still
    // plays when its analysis ends, and one task doing all of it would stall the picture.
    mine?.publisher.refresh();
    await yieldToMain();
    if (mine !== session) return null;
    const report = buildCurrentReport();
    if (report) {
      const { confidence, uncertain, uncertainty, speaker } = report;
      s().setPredictions(report.predictions, report.warnings, report.answer && answer ? answer : null, { confidence, uncertain, uncertainty, speaker });
    }
    await yieldToMain();
    return report;
  };

  /** Decodes and analyses `file` into the current session; returns its report (null when canceled). */
  const analyseFile = async (file: File, run: AbortController): Promise<AnalysisReport | null> => {
    const fps = s().video.sampleFps;
    const publisher = createFramePublisher(store, playback, false, run.signal);
    const mine: Session = { fileName: file.name, fps, publisher, result: null, temporal: new Map(), speech: Promise.resolve(NO_SPEECH_MODEL) };
    session = mine;
    const [, trained] = await Promise.all([ensureModels(), ensurePredictor()]);
    run.signal.throwIfAborted();
    // The audio is decoded while the frames are analysed, and only when a speech model will hear it;
    // a failure only costs the speech model.
    if (trained?.ensemble.audioVisual) {
      mine.speech = client.speech(file).catch((error: unknown) => ({ features: null, note: `its audio could not be read (${describeError(error)})` }));
    }
    const started = performance.now();
    const result = await client.analyzeVideo(file, {
      fps,
      signal: run.signal,
      onOpened: (info) => {
        run.signal.throwIfAborted();
        s().videoOpened(info);
        playback.frameSize = { width: info.width, height: info.height };
        // Playback starts with the analysis (models loaded) and from then on never waits for it.
        // Starting the media pipeline costs tens of ms: a task of its own, not the render's.
        void yieldToMain().then(() => {
          if (!run.signal.aborted) playback.play();
        });
      },
      onFrame: (update) => {
        if (run.signal.aborted) return;
        publisher.onFrame(update, (update.analysed * 1000) / Math.max(1, performance.now() - started));
      },
    });
    if (run.signal.aborted) return null;
    mine.result = result;
    playback.analysisDone = true;
    const report = await publishResults();
    // A new input may have started meanwhile: its progress is not this run's to finish.
    if (run.signal.aborted) return null;
    s().videoDone(result.tensorDelta);
    return report;
  };

  /** Reports a failure unless the run was canceled; true when it was reported. */
  const fail = (run: AbortController, error: unknown, prefix: string) => {
    if (run.signal.aborted || error instanceof CanceledError) return false;
    s().videoFailed();
    s().pushNotice('error', `${prefix}${describeError(error)}`);
    return true;
  };

  const finish = (run: AbortController) => {
    if (current === run) current = null;
  };

  const controller: Controller = {
    cancel,
    playback,

    async startBackend(search) {
      const params = new URLSearchParams(search);
      const fps = parseFps(params.get('fps'));
      if (fps) s().setSampleFps(fps.fps);
      const forced = parseBackendName(params.get('backend'));
      try {
        const status = await client.init(forced);
        s().setBackendReady(status.active, status.forced);
        if (status.fallbackReason) s().pushNotice('error', status.fallbackReason);
      } catch (error) {
        s().setBackendFailed();
        s().pushNotice('error', describeError(error));
      }
    },

    async openFile(file) {
      // Check the file before touching what is on screen: a file that cannot be read must not cost
      // the user the results (and video) they already have.
      try {
        await client.probe(file);
      } catch (error) {
        s().pushNotice('error', `${file.name}: ${describeError(error)}`);
        return;
      }
      const run = begin(file.name, 'file');
      playback.loadFile(file);
      try {
        await analyseFile(file, run);
      } catch (error) {
        fail(run, error, `${file.name}: `);
      } finally {
        finish(run);
      }
    },

    async openFolder(files) {
      const labelsFile = files.find((f) => baseName(f.name).toLowerCase() === LABELS_FILE);
      const first = files[0]?.webkitRelativePath?.split('/')[0];
      folderName = first || 'folder';
      const run = begin(folderName, 'folder');
      if (!labelsFile) {
        s().videoIdle();
        s().pushNotice('error', `These files include no ${LABELS_FILE}. Add one with the columns "file,label" to evaluate a folder, or drop a single video.`);
        finish(run);
        return;
      }
      const videos = new Map(files.filter((f) => f !== labelsFile).map((f) => [baseName(f.name), f]));
      try {
        const parsed = parseLabelsCsv(await labelsFile.text(), new Set(videos.keys()));
        // emolens's own answer is the ensemble ensemble.json names (chosen without this data).
        const trained = await ensurePredictor();
        const ensemble = trained ? answerOf(trained.ensemble) : null;
        s().evaluationStarted(parsed.clips.length, parsed.errors);
        const outcomes = await runFolderEvaluation(parsed.clips, videos, {
          signal: run.signal,
          describe: describeError,
          analyze: async (file) => {
            s().evaluationClip(file.name);
            s().resetAnalysis();
            s().videoOpening(file.name, 'folder');
            const report = await analyseFile(file, run).catch((error: unknown) => {
              if (!run.signal.aborted) s().videoFailed();
              throw error;
            });
            if (!report) throw new CanceledError();
            const labels = Object.fromEntries(Object.entries(report.predictions).map(([m, p]) => [m, p.label]));
            if (Object.keys(labels).length === 0) throw new EmolensError(report.warnings[0] ?? 'No face was found in this video.');
            return labels;
          },
          onClip: (outcomes) => {
            if (!run.signal.aborted) s().evaluationProgress([...outcomes], buildEvaluationReport(outcomes, parsed.errors, ensemble));
          },
        });
        if (run.signal.aborted) return;
        s().evaluationProgress(outcomes, buildEvaluationReport(outcomes, parsed.errors, ensemble));
        s().evaluationDone();
      } catch (error) {
        if (fail(run, error, `${folderName}: `)) s().evaluationDone();
      } finally {
        finish(run);
      }
    },

    async startWebcam() {
      const run = begin('camera', 'webcam');
      s().setWebcamPhase('starting');
      let stream: MediaStream;
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no mediaDevices', 'NotFoundError');
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
      } catch (error) {
        if (run.signal.aborted) return;
        s().setWebcamPhase('off');
        s().videoIdle();
        s().pushNotice('error', describeCameraError(error));
        finish(run);
        return;
      }
      if (run.signal.aborted) {
        for (const t of stream.getTracks()) t.stop();
        return;
      }
      // An unplugged camera ends its track: say so and stop, keeping what was found.
      stream.getVideoTracks()[0]?.addEventListener(
        'ended',
        () => {
          if (current !== run) return;
          s().pushNotice('error', CAMERA_DISCONNECTED);
          controller.stopWebcam();
        },
        { once: true },
      );
      const publisher = createFramePublisher(store, playback, true, run.signal);
      session = { fileName: 'camera', fps: WEBCAM_FPS, publisher, result: null, temporal: new Map(), speech: Promise.resolve(NO_SOUND) };
      try {
        await playback.showStream(stream);
        await ensureModels();
        run.signal.throwIfAborted();
        const size = { width: playback.video.videoWidth, height: playback.video.videoHeight };
        playback.frameSize = size;
        s().videoOpened({ width: size.width, height: size.height, fps: WEBCAM_FPS, durationSec: 0, frameCount: 0, codec: 'camera', codecString: 'camera' });
        s().setWebcamPhase('on');
        const started = performance.now();
        const frames = createWebcamSource(playback.video, { fps: WEBCAM_FPS, signal: run.signal });
        await client.analyzeStream(frames, size, {
          signal: run.signal,
          tracker: { maxUnseenSec: WEBCAM_MAX_UNSEEN_SEC },
          // A rolling window keeps memory flat over long sessions (see npm run soak).
          historySec: WEBCAM_HISTORY_SEC,
          onFrame: (update) => {
            if (run.signal.aborted) return;
            publisher.onFrame(update, (update.analysed * 1000) / Math.max(1, performance.now() - started));
          },
        });
      } catch (error) {
        if (fail(run, error, 'Camera: ')) playback.stop();
      } finally {
        if (current === run) s().setWebcamPhase('off');
        finish(run);
      }
    },

    stopWebcam() {
      if (s().video.source !== 'webcam') return;
      session?.publisher.refresh();
      current?.abort();
      current = null;
      playback.stop();
      s().setWebcamPhase('off');
      if (s().video.phase === 'decoding' || s().video.phase === 'opening') s().videoDone();
    },

    setVotingConfig(config) {
      s().setVotingConfig(config);
      if (session?.result) void publishResults();
      else session?.publisher.refresh();
    },

    selectTrack(trackId) {
      s().selectTrack(trackId);
      session?.publisher.refresh();
    },

    report: buildCurrentReport,

    evaluationReport: () => s().evaluation.report,

    exportJson() {
      if (s().video.source === 'folder') {
        const report = s().evaluation.report;
        if (report) downloadText(`${folderName}.evaluate.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
        return;
      }
      const report = buildCurrentReport();
      if (!report) return;
      const base = report.file.replace(/\.[^.]+$/, '');
      downloadText(`${base}.emolens.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
    },

    exportCsv() {
      if (s().video.source === 'folder') {
        const report = s().evaluation.report;
        if (report) downloadText(`${folderName}.evaluate.csv`, evaluationCsv(report), 'text/csv');
        return;
      }
      const report = buildCurrentReport();
      const clip = session?.result?.clip;
      if (!report || !clip) return;
      const labels = new Map([...clip.tracks].map(([id, recs]) => [id, toPrediction(averageProbs(recs)).label as string]));
      downloadText(`${report.file.replace(/\.[^.]+$/, '')}.emolens.csv`, analysisCsv(report, labels), 'text/csv');
    },
  };
  return controller;
}
