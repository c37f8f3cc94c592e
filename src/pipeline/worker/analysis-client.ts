/**
 * The page's side of the analysis worker: analyse a file or a camera stream while every network
 * runs in the worker. Tracked frames come back
 * one by one and are recorded here (recordFrame), so the clip, the vote and the overlay live on the
 * page while the main thread never runs inference.
 */
import type { BackendName } from '../../shared/backend';
import type { BackendStatus } from '../../shared/backend';
import { CanceledError, EmolensError } from '../../errors';
import type { VideoInfo } from '../../video';
import type { AnalyzeFramesOptions, AnalyzeOptions } from '../analyze-video';
import { recordFrame, type PictureSource } from '../tracked-frame';
import { createClipAnalysis, type ClipAnalysis } from '../clip-analysis';
import { createStageTimer, type StageTimer } from '../stage-timer';
import type { Notice, Replies, Request, RunSettings, WorkerEvent } from '../../shared/analysis-protocol';
import { clipRecordOf, type ClipInput, type ClipRecord } from '../../shared/face-record';
import { fromWire } from './wire-error';

/** A finished run: the clip, the video (files), the worker's stage timings and leaked tensors. */
export interface RemoteAnalysis {
  info: VideoInfo;
  clip: ClipAnalysis;
  timer: StageTimer;
  /** Tensors the run left behind in the worker (0 unless something leaks). */
  tensorDelta: number;
}

/** The worker, seen from the page. */
export interface AnalysisClient {
  /** Starts the forced (or best) backend in the worker. */
  init(forced?: BackendName): Promise<BackendStatus>;
  /** Loads the perception networks (once). */
  loadModels(): Promise<void>;
  /** Loads the trained temporal models (once); their names and ensemble settings. */
  loadPredictor(): Promise<Replies['loadPredictor']>;
  /** Opens `file` in the worker just to read its info; throws the named errors of src/video on bad input. */
  probe(file: Blob): Promise<VideoInfo>;
  /** Decodes and analyses `file` in the worker; throws the named errors of src/video on bad input. */
  analyzeVideo(file: Blob, options?: AnalyzeOptions): Promise<RemoteAnalysis>;
  /** Analyses live frames (the camera) until `frames` ends or `options.signal` aborts. */
  analyzeStream(frames: PictureSource, size: { width: number; height: number }, options?: AnalyzeFramesOptions): Promise<ClipAnalysis>;
  /** Decodes `file`'s audio and computes its speech features (null, with the reason, when there are none). */
  speech(file: Blob): Promise<Replies['speech']>;
  /**
   * Temporal models, the speech model and the ensembles on one track's records and the clip's
   * speech features; with `reference` (clips of the same person), calibrated where a model can be.
   */
  predict(records: readonly ClipRecord[], speech: Float32Array | null, reference?: readonly ClipInput[]): Promise<Record<string, Float32Array>>;
  /** tf.memory() of the worker. */
  memory(): Promise<Replies['memory']>;
  /** Ends the worker. */
  dispose(): void;
}

/** Distributive Omit, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Starts the worker (a module worker bundled by Vite) and returns its client. */
export function createAnalysisClient(
  worker: Worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'emolens-analysis' }),
): AnalysisClient {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** Event handlers of runs in progress; events of other (canceled) runs are dropped. */
  const listeners = new Map<number, (event: WorkerEvent) => void>();

  worker.onmessage = (message: MessageEvent<WorkerEvent>) => {
    const event = message.data;
    if (event.type === 'reply') {
      const waiter = pending.get(event.id);
      pending.delete(event.id);
      if (event.ok) waiter?.resolve(event.value);
      else waiter?.reject(fromWire(event.error));
      return;
    }
    const listener = listeners.get(event.run);
    if (listener) listener(event);
    else if (event.type === 'tracked') event.frame.bitmap.close();
  };
  worker.onerror = (event) => {
    const error = new EmolensError(`The analysis worker failed (${event.message || 'no details'}).`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const send = <T extends Request['type']>(request: WithoutId<Extract<Request, { type: T }>>, id = nextId++): Promise<Replies[T]> =>
    new Promise<Replies[T]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  const notify = (notice: Notice, transfer: Transferable[] = []) => worker.postMessage(notice, transfer);

  /**
   * The page's side of one run: records tracked frames into the run's clip and reports them
   * through `onFrame` (bitmaps closed after it returns). `canceled` rejects with CanceledError as
   * soon as the signal aborts (the worker is told to stop); `finish` ends the run here.
   */
  const startRun = (options: AnalyzeFramesOptions & Pick<AnalyzeOptions, 'onOpened'>) => {
    const id = nextId++;
    const state = { clip: null as ClipAnalysis | null, info: null as VideoInfo | null, analysed: 0, over: false };
    let trackedWaiter: (() => void) | null = null;
    const release = () => {
      trackedWaiter?.();
      trackedWaiter = null;
    };
    listeners.set(id, (event) => {
      if (event.type === 'opened') {
        state.info = event.info;
        state.clip = createClipAnalysis(event.info.width, event.info.height);
        options.onOpened?.(event.info);
      } else if (event.type === 'tracked') {
        try {
          if (state.clip && !options.signal?.aborted) {
            const update = recordFrame(state.clip, event.frame, ++state.analysed, options.historySec);
            options.onFrame?.(update);
          }
        } finally {
          event.frame.bitmap.close();
          release();
        }
      }
    });
    const canceled = new Promise<never>((_, reject) => {
      const abort = () => {
        notify({ type: 'cancel', run: id });
        reject(new CanceledError());
      };
      if (options.signal?.aborted) abort();
      else options.signal?.addEventListener('abort', abort, { once: true });
    });
    canceled.catch(() => undefined);
    return {
      id,
      state,
      canceled,
      /** Resolves once the next frame has been tracked, or the run is over. */
      nextTracked: () => (state.over ? Promise.resolve() : new Promise<void>((resolve) => (trackedWaiter = resolve))),
      finish() {
        state.over = true;
        listeners.delete(id);
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
    init: (forced) => send<'init'>({ type: 'init', forced, urls: workerUrls() }),
    loadModels: async () => {
      await send<'loadModels'>({ type: 'loadModels' });
    },
    loadPredictor: () => send<'loadPredictor'>({ type: 'loadPredictor' }),
    probe: (file) => send<'probe'>({ type: 'probe', file }),

    async analyzeVideo(file, options = {}) {
      const run = startRun(options);
      try {
        const request = send<'analyzeFile'>({ type: 'analyzeFile', file, fps: options.fps, settings: settingsOf(options) }, run.id);
        const result = await Promise.race([request, run.canceled]);
        const { clip, info } = run.state;
        if (!clip || !info) throw new EmolensError('The analysis finished without opening the video.');
        return { info, clip, timer: timerFrom(result.timings), tensorDelta: result.tensorDelta };
      } finally {
        run.finish();
      }
    },

    async analyzeStream(frames, size, options = {}) {
      const run = startRun(options);
      run.state.clip = createClipAnalysis(size.width, size.height);
      try {
        const request = send<'analyzeStream'>({ type: 'analyzeStream', size, settings: settingsOf(options) }, run.id);
        const pump = (async () => {
          try {
            while (!run.state.over) {
              const next = await frames.next();
              if (next.done) break;
              if (run.state.over) {
                next.value.picture.close();
                break;
              }
              const { frameIndex, tSec, picture } = next.value;
              // One frame in flight: the next grab waits until this one is tracked (backpressure).
              const tracked = run.nextTracked();
              notify({ type: 'frame', run: run.id, frameIndex, tSec, picture }, [picture]);
              await tracked;
            }
          } finally {
            await frames.return(undefined);
            notify({ type: 'endStream', run: run.id });
          }
        })();
        // A failing grab fails the run; a finished pump means the worker is told the stream ended.
        const pumpFailed = pump.then(() => new Promise<never>(() => undefined));
        await Promise.race([request, run.canceled, pumpFailed]);
        return run.state.clip!;
      } finally {
        run.finish();
      }
    },

    speech: (file) => send<'speech'>({ type: 'speech', file }),
    predict: (records, speech, reference) =>
      send<'predict'>({ type: 'predict', records: records.map(clipRecordOf), speech, ...(reference ? { reference: reference.map(predictClip) } : {}) }),
    memory: () => send<'memory'>({ type: 'memory' }),
    dispose: () => worker.terminate(),
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
function workerUrls() {
  const at = (path: string) => new URL(path, document.baseURI).href;
  return { wasm: at('wasm/'), models: at('models/'), trained: at('trained/') };
}
