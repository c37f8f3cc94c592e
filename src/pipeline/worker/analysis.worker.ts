/// <reference lib="webworker" />
/**
 * The analysis worker: tfjs, every network and tracking run here, off the page's main thread, so
 * playback and the UI never wait for inference. Files are opened and decoded by the decode worker
 * it starts (decode.worker.ts), which runs ahead on the other core while WASM inference holds this
 * thread. The page keeps the clip and the vote (src/pipeline/worker/analysis-client.ts). What it
 * does is the service in analysis-service.ts; this file gives it the browser's parts and serves it.
 */
import * as tf from '@tensorflow/tfjs';
import { speechInputOfAudio } from '../../core/audio/speech-features';
import { loudnessEnvelope } from '../../core/audio/loudness-envelope';
import { initBackend } from '../../env/init-backend';
import { urlWeightSource } from '../../models';
import { decodeAudio } from '../../video/decode-audio';
import { createArrayPool } from '../../video/array-pool';
import { readScaledVideoFrameRgb, readVideoFrameRgba, rgbaToRgbInt32, type FramePixels } from '../../video/frame-pixels';
import { loadClipPredictor } from '../../models/clip/clip-predictor';
import type { AnalysisApi, SpeechReply } from '../../shared/analysis-protocol';
import { trackFrames } from '../analyze-video';
import { findTurn } from '../find-turn';
import { onGpuBackend, readsPixelsOnCpu } from '../perceive-frame';
import { loadPerceptionModels } from '../perception-models';
import { createAnalysisService } from './analysis-service';
import { createDecodeClient } from './decode-client';
import { startGeneralWorker } from './general-client';
import type { CameraFrame } from './frame-queue';
import { serveRpc } from './rpc-server';

/** The clip's speech features, and its loudness over time for crediting the voice to the face that speaks (src/pipeline/clip-speaker.ts). */
async function speechOf(file: Blob): Promise<SpeechReply> {
  const outcome = await decodeAudio(file);
  if (!outcome.audio) return { features: null, note: outcome.reason };
  const loudness = loudnessEnvelope(outcome.audio.channels, outcome.audio.sampleRate);
  return { ...speechInputOfAudio(outcome.audio.channels, outcome.audio.sampleRate), loudness };
}

/** The camera's pixel buffers, reused from picture to picture (fresh ones cost more than reading the picture: array-pool.ts). */
const rgbaBuffers = createArrayPool((length) => new Uint8ClampedArray(length));
const rgbBuffers = createArrayPool((length) => new Int32Array(length));
const yuvBuffers = createArrayPool((length) => new Uint8Array(length));

/** A camera picture's RGB pixels in a pooled buffer: read as RGBA, or, when the browser scales it lazily, from its YUV planes (frame-pixels.ts); null when neither can. */
async function cameraPixels(picture: VideoFrame): Promise<(FramePixels & { data: Int32Array<ArrayBuffer>; scaled: boolean }) | null> {
  const image = await readVideoFrameRgba(picture, rgbaBuffers.take);
  if (image) {
    const { width, height } = image;
    const rgb = rgbBuffers.take(width * height * 3);
    rgbaToRgbInt32(image.data, width, height, rgb);
    rgbaBuffers.give(image.data);
    return { data: rgb, width, height, scaled: false };
  }
  const read = await readScaledVideoFrameRgb(picture, yuvBuffers.take, rgbBuffers.take);
  if (!read) return null;
  yuvBuffers.give(read.yuv);
  return { ...read.pixels, scaled: true };
}

/**
 * A camera frame's RGB pixels where this backend reads pixels on the CPU, with no bitmap: the page
 * kept the picture and draws from it (a bitmap made here cost 8-17 ms of this thread per picture,
 * only to be shown). Elsewhere, the frame's bitmap, which the analysis reads. The RGB buffer goes
 * back to its pool when the frame is closed.
 */
async function cameraFrame(picture: VideoFrame): Promise<CameraFrame> {
  const start = performance.now();
  const pixels = readsPixelsOnCpu() ? await cameraPixels(picture) : null;
  if (!pixels) return { bitmap: await createImageBitmap(picture), readyMs: { cameraPicture: performance.now() - start } };
  const { data: rgb, width, height, scaled } = pixels;
  let released = false;
  const releasePixels = () => {
    if (!released) rgbBuffers.give(rgb);
    released = true;
  };
  const ms = performance.now() - start;
  // A picture the browser scales lazily is also counted on its own (the camera diagnostics show how many came so).
  return { bitmap: null, pixels: { data: rgb, width, height }, releasePixels, readyMs: { cameraPicture: ms, ...(scaled && { scaledCameraPicture: ms }) } };
}

const service = createAnalysisService({
  initBackend,
  // On WASM the general networks take the second core (src/pipeline/general-nets.ts); a GPU keeps
  // them here, where their inputs never leave the device.
  loadPerceptionModels: (urls, backend) =>
    loadPerceptionModels(urlWeightSource(urls.models), onGpuBackend() ? {} : { general: () => startGeneralWorker({ backend, wasm: urls.wasm, models: urls.models }) }),
  loadClipPredictor: (url) => loadClipPredictor(urlWeightSource(url)),
  createDecodeClient: () => createDecodeClient(),
  trackFrames,
  findTurn,
  readsPixelsOnCpu,
  speech: speechOf,
  memory() {
    const { numTensors, numBytes } = tf.memory();
    // The WASM backend's linear memory only grows; a flat size over a long run means no leak there.
    const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
    return heap ? { numTensors, numBytes, wasmMemoryBytes: heap.buffer.byteLength } : { numTensors, numBytes };
  },
  cameraFrame(picture) {
    if (picture instanceof ImageBitmap) return { bitmap: picture };
    return cameraFrame(picture).finally(() => picture.close());
  },
});

serveRpc<AnalysisApi>(self as unknown as DedicatedWorkerGlobalScope, service.handlers, { onStrayNotice: service.onStrayNotice });
