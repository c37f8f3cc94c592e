/// <reference lib="webworker" />
/**
 * The analysis worker: tfjs, every network, decoding and tracking run here, off the page's main
 * thread, so playback and the UI never wait for inference (issue 9). The page keeps the clip and
 * the vote (src/pipeline/worker/analysis-client.ts). Runs are serialised: a new run starts only
 * after the previous one has stopped, so two never hold tensors at once.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../env/init-backend';
import { EmolensError } from '../../errors';
import { urlWeightSource } from '../../models';
import { loadClipPredictor, type ClipPredictor } from '../../models/temporal/clip-predictor';
import { trackFrames, withSampledFrames } from '../analyze-video';
import type { FrameSource, TrackedFrame } from '../tracked-frame';
import { loadPerceptionModels, type PerceptionModels } from '../perception-models';
import { createStageTimer } from '../stage-timer';
import { openVideo, type VideoInfo } from '../../video';
import { createFrameQueue, type FrameQueue } from './frame-queue';
import type { Notice, Replies, Request, RunResult, RunSettings, WireError, WorkerEvent, WorkerUrls } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let urls: WorkerUrls | null = null;
let models: Promise<PerceptionModels> | null = null;
let predictor: Promise<ClipPredictor> | null = null;
/** The chain runs wait on (see the header). */
let lastRun: Promise<unknown> = Promise.resolve();
const runs = new Map<number, AbortController>();
const streams = new Map<number, FrameQueue>();

const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

function toWire(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message, emolens: error instanceof EmolensError };
  return { name: 'Error', message: String(error), emolens: false };
}

function urlsOrThrow(): WorkerUrls {
  if (!urls) throw new Error('the analysis worker was used before init');
  return urls;
}

function ensureModels(): Promise<PerceptionModels> {
  models ??= loadPerceptionModels(urlWeightSource(urlsOrThrow().models)).catch((error: unknown) => {
    models = null;
    throw error;
  });
  return models;
}

function ensurePredictor(): Promise<ClipPredictor> {
  predictor ??= loadClipPredictor(urlWeightSource(urlsOrThrow().trained)).catch((error: unknown) => {
    predictor = null;
    throw error;
  });
  return predictor;
}

/** The per-frame loop of a run, over a file's or a camera's frames. */
type Loop = (source: FrameSource, size: { width: number; height: number }) => Promise<void>;

/** Runs one analysis after the previous one, counting the tensors it leaves behind. */
function serialRun(id: number, settings: RunSettings, body: (signal: AbortSignal, loop: Loop) => Promise<void>): Promise<RunResult> {
  const abort = new AbortController();
  runs.set(id, abort);
  const run = lastRun.then(async (): Promise<RunResult> => {
    const loaded = await ensureModels();
    abort.signal.throwIfAborted();
    const before = tf.memory().numTensors;
    const timer = createStageTimer();
    const onTracked = (frame: TrackedFrame) => post({ type: 'tracked', run: id, frame }, [frame.bitmap]);
    await body(abort.signal, (source, size) => trackFrames(source, size, loaded, { ...settings, signal: abort.signal }, timer, onTracked));
    return { timings: timer.samples(), tensorDelta: tf.memory().numTensors - before };
  });
  lastRun = run.catch(() => undefined);
  return run.finally(() => {
    runs.delete(id);
    streams.delete(id);
  });
}

const handlers: { [K in Request['type']]: (request: Extract<Request, { type: K }>) => Promise<Replies[K]> } = {
  async init(request) {
    urls = request.urls;
    return initBackend(request.forced, request.urls.wasm);
  },
  async loadModels() {
    await ensureModels();
    return null;
  },
  async loadPredictor() {
    const loaded = await ensurePredictor();
    return { names: [...loaded.names], ensemble: loaded.ensemble };
  },
  async probe({ file }) {
    const video = await openVideo(file);
    video.dispose();
    return video.info;
  },
  analyzeFile({ id, file, fps, settings }) {
    const onOpened = (info: VideoInfo) => post({ type: 'opened', run: id, info });
    return serialRun(id, settings, (signal, loop) => withSampledFrames(file, { fps, signal, perception: settings.perception, onOpened }, loop));
  },
  analyzeStream({ id, size, settings }) {
    const queue = createFrameQueue();
    streams.set(id, queue);
    return serialRun(id, settings, (_signal, loop) => loop(queue, size));
  },
  async predict({ records }) {
    return (await ensurePredictor()).predict(records);
  },
  async memory() {
    const { numTensors, numBytes } = tf.memory();
    // The WASM backend's linear memory only grows; a flat size over a long run means no leak there.
    const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
    return heap ? { numTensors, numBytes, wasmMemoryBytes: heap.buffer.byteLength } : { numTensors, numBytes };
  },
};

function onNotice(notice: Notice): void {
  switch (notice.type) {
    case 'frame': {
      const queue = streams.get(notice.run);
      if (queue) queue.push(notice);
      else notice.bitmap.close();
      return;
    }
    case 'endStream':
      streams.get(notice.run)?.end();
      return;
    case 'cancel':
      runs.get(notice.run)?.abort();
      streams.get(notice.run)?.end();
      return;
  }
}

scope.onmessage = (event: MessageEvent<Request | Notice>) => {
  const message = event.data;
  if (message.type === 'frame' || message.type === 'endStream' || message.type === 'cancel') {
    onNotice(message);
    return;
  }
  const handler = handlers[message.type] as (request: Request) => Promise<unknown>;
  handler(message).then(
    (value) => post({ type: 'reply', id: message.id, ok: true, value }),
    (error: unknown) => post({ type: 'reply', id: message.id, ok: false, error: toWire(error) }),
  );
};
