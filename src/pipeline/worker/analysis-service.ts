/**
 * What the analysis worker does, as a service object made from its dependencies (the model
 * loaders, the decode client, the per-frame loop, …), so Node tests can drive it with stand-ins.
 * It owns what is loaded (perception networks, clip models: the page asks `status`), and runs
 * analyses one after another: a new run starts only after the previous one has stopped, so two
 * never hold tensors at once.
 */
import type { BackendName, BackendStatus } from '../../shared/backend';
import type { AnalysisApi, MemoryReply, RunSettings, SpeechReply, StreamNotice, WorkerUrls } from '../../shared/analysis-protocol';
import { DEFAULT_PERCEPTION_CONFIG } from '../../shared/perception-config';
import type { CameraPicture } from '../../shared/face-record';
import type { ClipPredictor } from '../../models/clip/clip-predictor';
import type { trackFrames } from '../analyze-video';
import type { findTurn } from '../find-turn';
import { FIND_TURN, findTurnFps } from '../find-turn-frames';
import type { PerceptionModels } from '../perception-models';
import { createStageTimer, type StageTimer } from '../stage-timer';
import type { FrameSource } from '../tracked-frame';
import type { DecodeClient } from './decode-client';
import { createFrameQueue, type CameraFrame, type FrameQueue } from './frame-queue';
import { loadOnce } from './load-once';
import type { CallContext, Handlers } from './rpc-server';

/** What the service is made from (analysis.worker.ts passes the real ones). */
export interface AnalysisDeps {
  initBackend(forced: BackendName | undefined, wasmUrl: string): Promise<BackendStatus>;
  /** `backend`: the one `init` started (the general networks run on their own thread on WASM). */
  loadPerceptionModels(urls: WorkerUrls, backend: BackendName): Promise<PerceptionModels>;
  loadClipPredictor(trainedUrl: string): Promise<ClipPredictor>;
  /** Starts the decode worker (called on first use). */
  createDecodeClient(): DecodeClient;
  /** The per-frame loop over a file's or a camera's frames. */
  trackFrames: typeof trackFrames;
  /** The turn under which a few frames show faces (src/pipeline/find-turn.ts). */
  findTurn: typeof findTurn;
  /** Whether the backend reads frames' pixels on the CPU (then the decode worker sends them too). */
  readsPixelsOnCpu(): boolean;
  /** A file's speech features and loudness. */
  speech(file: Blob): Promise<SpeechReply>;
  /** The backend's memory (its tensor count tells a run's leaks); the general worker's is added by the service. */
  memory(): MemoryReply;
  /**
   * A camera picture as a frame to analyse: an ImageBitmap as it is; a VideoFrame read (its RGB
   * pixels where the backend reads them on the CPU, its bitmap for the page possibly still in the making).
   */
  cameraFrame(picture: CameraPicture): CameraFrame | Promise<CameraFrame>;
}

/** The analysis worker's service: a handler per method, and what to do with a notice for a run that is over. */
export interface AnalysisService {
  readonly handlers: Handlers<AnalysisApi>;
  onStrayNotice(notice: StreamNotice): void;
}

type RunCall = CallContext<AnalysisApi['analyzeFile']> | CallContext<AnalysisApi['analyzeStream']>;

/** Creates the service. */
export function createAnalysisService(deps: AnalysisDeps): AnalysisService {
  let urls: WorkerUrls | null = null;
  let backend: BackendStatus | null = null;
  let decodeClient: DecodeClient | null = null;
  /** The chain runs wait on (see the header). */
  let lastRun: Promise<unknown> = Promise.resolve();
  const urlsOrThrow = (): WorkerUrls => {
    if (!urls) throw new Error('the analysis worker was used before init');
    return urls;
  };
  const models = loadOnce(() => deps.loadPerceptionModels(urlsOrThrow(), backend!.active), { retry: true });
  const predictor = loadOnce(() => deps.loadClipPredictor(urlsOrThrow().trained), { retry: false });
  const decoder = () => (decodeClient ??= deps.createDecodeClient());
  /** This worker's memory, and the general worker's tensors once the networks are loaded (see MemoryReply). */
  const memory = async (): Promise<MemoryReply> => {
    const own = deps.memory();
    const general = models.state === 'ready' ? await (await models.get()).general.memory?.() : undefined;
    return general ? { ...own, numTensors: own.numTensors + general.numTensors, generalWorkerTensors: general.numTensors } : own;
  };

  /** Runs one analysis after the previous one, counting the tensors it leaves behind. */
  const serialRun = (call: RunCall, settings: RunSettings, overlap: boolean, frames: (call: RunCall, timer: StageTimer) => Promise<{ source: FrameSource; size: { width: number; height: number } }>) => {
    const run = lastRun.then(async () => {
      const loaded = await models.get();
      call.signal.throwIfAborted();
      const before = (await memory()).numTensors;
      const timer = createStageTimer();
      const { source, size } = await frames(call, timer);
      const { signal } = call;
      await deps.trackFrames(source, size, loaded, { ...settings, signal, overlap }, timer, (frame) => call.emit({ type: 'tracked', frame }, frame.bitmap ? [frame.bitmap] : []));
      return { timings: timer.samples(), tensorDelta: (await memory()).numTensors - before };
    });
    lastRun = run.catch(() => undefined);
    return run;
  };

  const pushPicture = (queue: FrameQueue, { frameIndex, tSec, picture, mainTrackId, clipNets }: Extract<StreamNotice, { type: 'frame' }>) => {
    // The page sends the camera's VideoFrame as it is; it is read here, off the page's thread.
    const frame = deps.cameraFrame(picture);
    const about = { frameIndex, tSec, mainTrackId, ...(clipNets === false && { clipNets }) };
    if (!(frame instanceof Promise)) return queue.push({ ...about, ...frame });
    frame.then(
      (frame) => queue.push({ ...about, ...frame }),
      (error: unknown) => queue.fail(error instanceof Error ? error : new Error(String(error))),
    );
  };

  const handlers: Handlers<AnalysisApi> = {
    async init({ forced, urls: given }) {
      urls = given;
      backend = await deps.initBackend(forced, given.wasm);
      return backend;
    },
    status: () => ({ backend, models: models.state, predictor: predictor.state }),
    async loadModels() {
      await models.get();
      return null;
    },
    async loadPredictor() {
      const loaded = await predictor.get();
      return { names: [...loaded.names], ensemble: loaded.ensemble, calibrates: loaded.calibrates };
    },
    probe: ({ file }) => decoder().probe(file),
    analyzeFile: ({ file, fps, settings, turn }, call) =>
      // A file's frames overlap the general networks' answers (trackFrames); the camera's cannot.
      serialRun(call, settings, true, async ({ signal, emit }, timer) => {
        // Large videos (4K) are analysed downscaled; the boxes go back to video pixels in trackFrames.
        const maxSide = settings.perception?.maxAnalysisSide ?? DEFAULT_PERCEPTION_CONFIG.maxAnalysisSide;
        const mouthFps = (settings.perception?.mouthFps ?? DEFAULT_PERCEPTION_CONFIG.mouthFps) || undefined;
        const { info, frames } = await decoder().open(file, { fps, maxSide, mouthFps, signal, pixels: deps.readsPixelsOnCpu(), onDecodeMs: (ms) => timer.add('decodeAhead', ms), ...(turn && { turn }) });
        emit({ type: 'opened', info });
        return { source: frames, size: info };
      }),
    analyzeStream({ size, settings }, call) {
      const queue = createFrameQueue();
      call.onNotice((notice) => (notice.type === 'end' ? queue.end() : pushPicture(queue, notice)));
      call.signal.addEventListener('abort', () => queue.end(), { once: true });
      return serialRun(call, settings, false, async () => ({ source: queue, size }));
    },
    findTurn: ({ file, durationSec, search }, { signal }) => {
      // After the run before it, like a run: two never hold tensors at once. The duration is the page's (its run opened the file).
      const found = lastRun.then(async () => {
        const loaded = await models.get();
        const { frames } = await decoder().open(file, { fps: findTurnFps(durationSec), maxSide: FIND_TURN.maxSide, signal, pixels: deps.readsPixelsOnCpu() });
        return deps.findTurn(loaded, frames, { search });
      });
      lastRun = found.catch(() => undefined);
      return found;
    },
    speech: ({ file }) => deps.speech(file),
    predict: async ({ clip, reference, answersOnly }) => (await predictor.get()).predict(clip, { ...(reference && { reference }), ...(answersOnly && { answersOnly }) }),
    memory,
  };

  return {
    handlers,
    onStrayNotice(notice) {
      if (notice.type === 'frame') notice.picture.close();
    },
  };
}
