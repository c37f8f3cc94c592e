/**
 * The page's side of the analysis worker: analyse a file or a camera stream while every network
 * runs in the worker. Tracked frames come back
 * one by one and are recorded here (recordFrame), so the clip, the vote and the overlay live on the
 * page while the main thread never runs inference.
 */
import type { BackendName } from '../../shared/backend';
import type { BackendStatus } from '../../shared/backend';
import { EmolensError } from '../../errors';
import type { VideoInfo } from '../../video';
import type { TurnFound } from '../../shared/video-info';
import type { AnalyzeFramesOptions, AnalyzeOptions } from '../analyze-video';
import { isVideoFrame, recordFrame, type CameraPicture, type PictureSource } from '../tracked-frame';
import { createClipAnalysis, joinShots, type ClipAnalysis } from '../clip-analysis';
import { createStageTimer, type StageTimer } from '../stage-timer';
import type { AnalysisApi, MemoryReply, PredictorInfo, RunEvent, RunSettings, SpeechReply, WorkerStatus, WorkerUrls } from '../../shared/analysis-protocol';
import { clipRecordOf, type ClipInput } from '../../shared/face-record';
import { createRpcClient, type RpcClientPort } from './rpc-client';

/** A finished run: the clip, the video (files), the worker's stage timings and leaked tensors. */
export interface RemoteAnalysis {
  info: VideoInfo;
  clip: ClipAnalysis;
  timer: StageTimer;
  /** Tensors the run left behind in the worker (0 unless something leaks). */
  tensorDelta: number;
  /** Tracks joined across cuts once the run ended (joined ID → kept ID; clip-analysis.ts `joinShots`). */
  joins: ReadonlyMap<number, number>;
}

/** The worker, seen from the page. */
export interface AnalysisClient {
  /** Starts the forced (or best) backend in the worker. */
  init(forced?: BackendName): Promise<BackendStatus>;
  /** What the worker has started and loaded (it owns the load-once state; the page asks). */
  status(): Promise<WorkerStatus>;
  /** Loads the perception networks (the worker loads them once, again after a failure). */
  loadModels(): Promise<void>;
  /** Loads the trained clip models (once; a failure is final); their names and ensemble settings. */
  loadPredictor(): Promise<PredictorInfo>;
  /** Opens `file` in the worker just to read its info; throws the named errors of src/video on bad input. */
  probe(file: Blob): Promise<VideoInfo>;
  /** Decodes and analyses `file` in the worker; throws the named errors of src/video on bad input. */
  analyzeVideo(file: Blob, options?: AnalyzeOptions): Promise<RemoteAnalysis>;
  /**
   * Looks at a few frames of `file` (`durationSec` long, as its run opened it) turned: the turn that
   * shows faces clearly better than upright (0: none does); `search`: see find-turn-frames.ts, `lookSearches`.
   */
  findTurn(file: Blob, durationSec: number, search: boolean): Promise<TurnFound>;
  /** Analyses live frames (the camera) until `frames` ends or `options.signal` aborts. */
  analyzeStream(frames: PictureSource, size: { width: number; height: number }, options?: AnalyzeFramesOptions): Promise<ClipAnalysis>;
  /** Decodes `file`'s audio and computes its speech features (null, with the reason, when there are none). */
  speech(file: Blob): Promise<SpeechReply>;
  /**
   * Temporal models, the speech model and the ensembles on one clip (its main track's records and
   * speech features); with `reference` (clips of the same person), calibrated where a model can be.
   * `answersOnly`: the answers and what they read (PredictOptions), as the camera asks.
   */
  predict(clip: ClipInput, reference?: readonly ClipInput[], options?: Pick<AnalysisApi['predict']['args'], 'answersOnly'>): Promise<Record<string, Float32Array>>;
  /** tf.memory() of the worker, its tensors counted with the general worker's (MemoryReply). */
  memory(): Promise<MemoryReply>;
  /** Ends the worker. */
  dispose(): void;
}

/** Starts the worker (a module worker bundled by Vite) and returns its client; `urls`: where the worker loads from (default: next to the page). */
export function createAnalysisClient(
  worker: RpcClientPort = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'emolens-analysis' }),
  urls: () => WorkerUrls = workerUrls,
): AnalysisClient {
  // Frames of a run that is over (canceled) are closed: nobody will draw them.
  const rpc = createRpcClient<AnalysisApi>(worker, { name: 'analysis', onStrayEvent: (event) => event.type === 'tracked' && event.frame.bitmap?.close() });

  /**
   * The page's side of one run: records tracked frames into the run's clip and reports them
   * through `onFrame` (pictures closed after it returns). `kept`: copies of the camera pictures in
   * flight, shown when the worker sends no bitmap (it sends none for a VideoFrame it reads on the
   * CPU). Its reply rejects with CanceledError as soon as the signal aborts (the worker is told to
   * stop); `finish` ends the run here.
   */
  const startRun = <K extends 'analyzeFile' | 'analyzeStream'>(method: K, args: AnalysisApi[K]['args'], options: AnalyzeFramesOptions & Pick<AnalyzeOptions, 'onOpened'>) => {
    const state = { clip: null as ClipAnalysis | null, info: null as VideoInfo | null, analysed: 0, over: false };
    const kept = new Map<number, VideoFrame>();
    let trackedWaiter: (() => void) | null = null;
    const release = () => {
      trackedWaiter?.();
      trackedWaiter = null;
    };
    const onEvent = (event: RunEvent) => {
      if (event.type === 'opened') {
        state.info = event.info;
        state.clip = createClipAnalysis(event.info.width, event.info.height);
        options.onOpened?.(event.info);
        return;
      }
      const { bitmap, frameIndex } = event.frame;
      const copy = kept.get(frameIndex);
      kept.delete(frameIndex);
      try {
        const picture = bitmap ?? copy;
        if (!picture) throw new Error(`tracked frame ${frameIndex} came without a picture`);
        if (state.clip && !state.over && !options.signal?.aborted) {
          const update = recordFrame(state.clip, event.frame, picture, ++state.analysed, options.historySec);
          options.onFrame?.(update);
        }
      } finally {
        bitmap?.close();
        copy?.close();
        release();
      }
    };
    const call = rpc.start(method, args, { signal: options.signal, onEvent });
    return {
      call,
      state,
      /** Keeps a copy of a camera picture sent to the worker, to show it when it comes back tracked. */
      keep(frameIndex: number, picture: CameraPicture) {
        // A VideoFrame's clone shares the camera's buffer: no pixels are copied.
        if (isVideoFrame(picture)) kept.set(frameIndex, picture.clone());
      },
      /** Resolves once the next frame has been tracked, or the run is over. */
      nextTracked: () => (state.over ? Promise.resolve() : new Promise<void>((resolve) => (trackedWaiter = resolve))),
      finish() {
        state.over = true;
        for (const copy of kept.values()) copy.close();
        kept.clear();
        release();
      },
    };
  };

  const settingsOf = (options: AnalyzeFramesOptions): RunSettings => ({
    tracker: options.tracker,
    perception: options.perception,
    historySec: options.historySec,
  });

  return {
    init: (forced) => rpc.call('init', { forced, urls: urls() }),
    status: () => rpc.call('status', {}),
    loadModels: async () => {
      await rpc.call('loadModels', {});
    },
    loadPredictor: () => rpc.call('loadPredictor', {}),
    probe: (file) => rpc.call('probe', { file }),
    findTurn: (file, durationSec, search) => rpc.call('findTurn', { file, durationSec, search }),

    async analyzeVideo(file, options = {}) {
      const run = startRun('analyzeFile', { file, fps: options.fps, settings: settingsOf(options), ...(options.turn && { turn: options.turn }) }, options);
      try {
        const result = await run.call.reply;
        const { clip, info } = run.state;
        if (!clip || !info) throw new EmolensError('The analysis finished without opening the video.');
        // Edited footage: one person's tracks on either side of a cut become one (joinShots).
        const joins = joinShots(clip);
        return { info, clip, timer: timerFrom(result.timings), tensorDelta: result.tensorDelta, joins };
      } finally {
        run.finish();
      }
    },

    async analyzeStream(frames, size, options = {}) {
      const run = startRun('analyzeStream', { size, settings: settingsOf(options) }, options);
      run.state.clip = createClipAnalysis(size.width, size.height);
      try {
        const pump = (async () => {
          try {
            while (!run.state.over) {
              const next = await frames.next();
              if (next.done) break;
              const { frameIndex, tSec, picture } = next.value;
              // One frame in flight: the next grab waits until this one is tracked (backpressure).
              const tracked = run.nextTracked();
              const mainTrackId = options.mainTrack?.() ?? null;
              const clipNets = options.clipNets?.() ?? true;
              run.keep(frameIndex, picture);
              if (run.state.over || !run.call.notify({ type: 'frame', frameIndex, tSec, picture, mainTrackId, clipNets }, [picture])) {
                picture.close();
                break;
              }
              await tracked;
            }
          } finally {
            await frames.return(undefined);
            run.call.notify({ type: 'end' });
          }
        })();
        // A failing grab fails the run; a finished pump means the worker is told the stream ended.
        const pumpFailed = pump.then(() => new Promise<never>(() => undefined));
        await Promise.race([run.call.reply, pumpFailed]);
        return run.state.clip!;
      } finally {
        run.finish();
      }
    },

    speech: (file) => rpc.call('speech', { file }),
    predict: (clip, reference, options) =>
      rpc.call('predict', { clip: predictClip(clip), ...(reference ? { reference: reference.map(predictClip) } : {}), ...(options?.answersOnly ? { answersOnly: true } : {}) }),
    memory: () => rpc.call('memory', {}),
    dispose: () => rpc.dispose(),
  };
}

/** Only what the clip models read of a clip (see clipRecordOf). */
function predictClip(clip: ClipInput): ClipInput {
  return { records: clip.records.map(clipRecordOf), speech: clip.speech ?? null };
}

/** A StageTimer holding the worker's samples (for the report's timings and the benchmark). */
function timerFrom(timings: Record<string, number[]>): StageTimer {
  const timer = createStageTimer();
  for (const [stage, values] of Object.entries(timings)) for (const ms of values) timer.add(stage, ms);
  return timer;
}

/** Absolute URLs of our own models and binaries, next to the page. */
function workerUrls(): WorkerUrls {
  const at = (path: string) => new URL(path, document.baseURI).href;
  return { wasm: at('wasm/'), models: at('models/'), trained: at('trained/') };
}
