/// <reference lib="webworker" />
/**
 * The analysis worker: tfjs, every network and tracking run here, off the page's main thread, so
 * playback and the UI never wait for inference. Files are opened and decoded by the
 * decode worker it starts (decode.worker.ts), which runs ahead on the other core while WASM
 * inference holds this thread. The page keeps the clip and the vote
 * (src/pipeline/worker/analysis-client.ts). Runs are serialised: a new run starts only after the
 * previous one has stopped, so two never hold tensors at once.
 */
import * as tf from '@tensorflow/tfjs';
import { speechFeaturesOfAudio } from '../../core/audio/speech-features';
import { loudnessEnvelope } from '../../core/audio/loudness-envelope';
import { initBackend } from '../../env/init-backend';
import { urlWeightSource } from '../../models';
import { decodeAudio } from '../../video/decode-audio';
import { readVideoFrameRgba, rgbaToRgbInt32 } from '../../video/frame-pixels';
import { loadClipPredictor, type ClipPredictor } from '../../models/clip/clip-predictor';
import { trackFrames } from '../analyze-video';
import type { FrameSource, TrackedFrame } from '../tracked-frame';
import { readsPixelsOnCpu } from '../perceive-frame';
import { DEFAULT_PERCEPTION_CONFIG } from '../../shared/perception-config';
import { loadPerceptionModels, type PerceptionModels } from '../perception-models';
import { createStageTimer, type StageTimer } from '../stage-timer';
import { createDecodeClient, type DecodeClient } from './decode-client';
import { createFrameQueue, type FrameQueue } from './frame-queue';
import type { Notice, Replies, Request, RunResult, RunSettings, WorkerEvent, WorkerUrls } from '../../shared/analysis-protocol';
import { toWire } from './wire-error';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let urls: WorkerUrls | null = null;
let models: Promise<PerceptionModels> | null = null;
let predictor: Promise<ClipPredictor> | null = null;
let decodeClient: DecodeClient | null = null;
/** The chain runs wait on (see the header). */
let lastRun: Promise<unknown> = Promise.resolve();
const runs = new Map<number, AbortController>();
const streams = new Map<number, FrameQueue>();

const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

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

/** The decode worker, started on first use. */
function decoder(): DecodeClient {
  decodeClient ??= createDecodeClient();
  return decodeClient;
}

/** What a run's body gets: its abort signal, its stage timer, and the per-frame loop over a file's or a camera's frames. */
interface RunContext {
  signal: AbortSignal;
  timer: StageTimer;
  loop(source: FrameSource, size: { width: number; height: number }): Promise<void>;
}

/** Runs one analysis after the previous one, counting the tensors it leaves behind. */
function serialRun(id: number, settings: RunSettings, body: (run: RunContext) => Promise<void>): Promise<RunResult> {
  const abort = new AbortController();
  runs.set(id, abort);
  const run = lastRun.then(async (): Promise<RunResult> => {
    const loaded = await ensureModels();
    abort.signal.throwIfAborted();
    const before = tf.memory().numTensors;
    const timer = createStageTimer();
    const onTracked = (frame: TrackedFrame) => post({ type: 'tracked', run: id, frame }, [frame.bitmap]);
    const signal = abort.signal;
    await body({ signal, timer, loop: (source, size) => trackFrames(source, size, loaded, { ...settings, signal }, timer, onTracked) });
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
    return { names: [...loaded.names], ensemble: loaded.ensemble, calibrates: loaded.calibrates };
  },
  probe({ file }) {
    return decoder().probe(file);
  },
  analyzeFile({ id, file, fps, settings }) {
    return serialRun(id, settings, async ({ signal, timer, loop }) => {
      // Large videos (4K) are analysed downscaled; the boxes go back to video pixels in trackFrames.
      const maxSide = settings.perception?.maxAnalysisSide ?? DEFAULT_PERCEPTION_CONFIG.maxAnalysisSide;
      const onDecodeMs = (ms: number) => timer.add('decodeAhead', ms);
      const { info, frames } = await decoder().open(file, { fps, maxSide, signal, pixels: readsPixelsOnCpu(), onDecodeMs });
      post({ type: 'opened', run: id, info });
      await loop(frames, info);
    });
  },
  analyzeStream({ id, size, settings }) {
    const queue = createFrameQueue();
    streams.set(id, queue);
    return serialRun(id, settings, ({ loop }) => loop(queue, size));
  },
  async speech({ file }) {
    const outcome = await decodeAudio(file);
    if (!outcome.audio) return { features: null, note: outcome.reason };
    const features = speechFeaturesOfAudio(outcome.audio.channels, outcome.audio.sampleRate);
    // The loudness over time, for crediting the voice to the face that speaks (src/pipeline/clip-speaker.ts).
    const loudness = loudnessEnvelope(outcome.audio.channels, outcome.audio.sampleRate);
    return features ? { features, note: null, loudness } : { features: null, note: 'its audio holds no speech', loudness };
  },
  async predict({ records, speech, reference }) {
    return (await ensurePredictor()).predict({ records, speech }, reference ? { reference } : {});
  },
  async memory() {
    const { numTensors, numBytes } = tf.memory();
    // The WASM backend's linear memory only grows; a flat size over a long run means no leak there.
    const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
    return heap ? { numTensors, numBytes, wasmMemoryBytes: heap.buffer.byteLength } : { numTensors, numBytes };
  },
};

/**
 * A camera frame's RGB pixels where this backend reads pixels on the CPU, with its bitmap (for the
 * page) still in the making: it is made from those pixels while the frame is analysed (under load a
 * bitmap took 50-70 ms, mostly waiting). Elsewhere, the frame's bitmap, which the analysis reads.
 */
async function cameraFrame(picture: VideoFrame) {
  const start = performance.now();
  const image = readsPixelsOnCpu() ? await readVideoFrameRgba(picture) : null;
  if (!image) return { bitmap: await createImageBitmap(picture), readyMs: { cameraPicture: performance.now() - start } };
  const bitmap = createImageBitmap(image);
  bitmap.catch(() => undefined); // awaited (and its failure reported) when the frame is posted back
  const pixels = { data: rgbaToRgbInt32(image.data, image.width, image.height), width: image.width, height: image.height };
  return { bitmap, pixels, readyMs: { cameraPicture: performance.now() - start } };
}

function onNotice(notice: Notice): void {
  switch (notice.type) {
    case 'frame': {
      const queue = streams.get(notice.run);
      const { frameIndex, tSec, picture } = notice;
      if (!queue) picture.close();
      else if (picture instanceof ImageBitmap) queue.push({ frameIndex, tSec, bitmap: picture });
      else {
        // The page sends the camera's VideoFrame as it is; its bitmap (for the page) is made here, off
        // the page's thread. On WASM its pixels are read straight from the frame and the bitmap made from
        // them (a bitmap of the frame itself cost 24-160 ms under load, and fromPixels on it 40-60 more).
        cameraFrame(picture).then(
          (frame) => queue.push({ frameIndex, tSec, ...frame }),
          (error: unknown) => queue.fail(error instanceof Error ? error : new Error(String(error))),
        ).finally(() => picture.close());
      }
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
